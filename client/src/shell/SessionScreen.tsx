import type { Participant } from '@plenum/shared';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../i18n';
import { useServerNow } from '../lib/useServerNow';
import { useConnectionStore } from '../stores/connection';
import { useSessionStore } from '../stores/session';
import { LiveAnnouncer } from './LiveAnnouncer';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionHeader } from './SessionHeader';

// Each role's screen is a chunk of its own, fetched once the join answer names the role: the
// first load carries the shell and the socket, and a slow link only the one screen it shows.
// Only an administrator opens the preparation screens.
const PrepareScreen = lazy(() =>
  withWords(['prepare', 'admin', 'imports'], import('../screens/prepare/PrepareScreen')).then((m) => ({
    default: m.PrepareScreen,
  })),
);
const ChairConsole = lazy(() => import('../screens/chair/ChairConsole').then((m) => ({ default: m.ChairConsole })));
const loadBigScreen = () => import('../screens/bigScreen/BigScreen');
const BigScreen = lazy(() => loadBigScreen().then((m) => ({ default: m.BigScreen })));
const ParticipantView = lazy(() =>
  import('../screens/participant/ParticipantView').then((m) => ({ default: m.ParticipantView })),
);

/**
 * Starts fetching what every role's screen shares (the `floor` chunk, which the big screen, the
 * smallest of them, holds little more than) while the socket connects and joins, when a slow link
 * is mostly idle; the role's own code follows the join answer.
 */
export function preloadSessionScreens(): void {
  // A failed fetch is retried, and shown, when the screen itself is rendered.
  loadBigScreen().catch(() => undefined);
}

/** Before the screen can show: joining, or fetching the role's screen. Announced, and marked busy. */
function Joining({ message }: { message: 'session.joining' | 'session.openingScreen' }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <SessionHeader />
      <main id="main" className="layout" aria-busy="true">
        <p className="panel muted" role="status" data-testid="screen-loading">
          {t(message)}
        </p>
      </main>
    </div>
  );
}

/** Why this tab's invite link no longer opens the session. */
type LinkEnded = 'revoked' | 'expired' | 'invalid';

/**
 * The link ended: the log says this participant was revoked (or the expiry passed), or the
 * server refused the token. A link that never worked in this tab is "invalid": it may be mistyped.
 */
function useLinkEnded(): LinkEnded | null {
  const access = useSessionStore((s) => (s.you ? s.session.access[s.you.id] : undefined));
  const hasJoined = useSessionStore((s) => s.you !== null);
  const isRefused = useConnectionStore((s) => s.status === 'offline' && s.lastError?.code === 'UNAUTHENTICATED');
  const nowMs = useServerNow(60_000);
  if (access?.revokedAt) return 'revoked';
  if (!isRefused) return null;
  if (!hasJoined) return 'invalid';
  return access?.expiresAt && Date.parse(access.expiresAt) <= nowMs ? 'expired' : 'revoked';
}

/** Said at once, in place of the screen: the link no longer works, and who gives a new one. */
function LinkEndedPage({ reason, role }: { reason: LinkEnded; role: Participant['role'] | null }) {
  const { t } = useTranslation();
  return (
    <main className="page centred" data-testid="link-ended" data-reason={reason}>
      <LanguageSwitch className="page-language" />
      <h1>{t(`revoked.title.${reason}`)}</h1>
      <p role="alert">
        {t(role === 'chair' || role === 'administrator' ? 'revoked.askAdministrator' : 'revoked.askChair')}
      </p>
    </main>
  );
}

function roleScreen(you: Participant) {
  switch (you.role) {
    case 'chair':
      return <ChairConsole role={you.role} />;
    case 'administrator':
      return <PrepareScreen />;
    case 'observer':
      return <BigScreen />;
    case 'presenter':
    case 'official':
    case 'inspector':
      return <ParticipantView role={you.role} />;
  }
}

function screenFor(you: Participant | null) {
  if (you === null) return <Joining message="session.joining" />;
  return <Suspense fallback={<Joining message="session.openingScreen" />}>{roleScreen(you)}</Suspense>;
}

/** Picks the screen for the role the invitation grants, once the server has said which. */
export function SessionScreen() {
  const you = useSessionStore((s) => s.you);
  const title = useSessionStore((s) => s.session.definition?.title);
  const linkEnded = useLinkEnded();

  useEffect(() => {
    document.title = title ? `${title} · Plenum` : 'Plenum';
  }, [title]);

  return (
    <>
      {linkEnded ? <LinkEndedPage reason={linkEnded} role={you?.role ?? null} /> : screenFor(you)}
      <LiveAnnouncer />
    </>
  );
}
