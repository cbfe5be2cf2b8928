import type { Participant, Role } from '@plenum/shared';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../i18n';
import { useServerNow } from '../lib/useServerNow';
import { useConnectionStore } from '../stores/connection';
import { useSessionStore } from '../stores/session';
import { LiveAnnouncer } from './LiveAnnouncer';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionHeader } from './SessionHeader';
import type * as ParticipantViewModule from '../screens/participant/ParticipantView';

// Each role's screen is a chunk of its own, fetched once the join answer names the role (the
// participants' is fetched while joining, see preloadSessionScreens): the first load carries the
// shell and the socket. Only an administrator opens the preparation screens.
const PrepareScreen = lazy(() =>
  withWords(['prepare', 'admin', 'imports', 'confirm', 'refusals'], import('../screens/prepare/PrepareScreen')).then(
    (m) => ({
      default: m.PrepareScreen,
    }),
  ),
);
const ChairConsole = lazy(() => import('../screens/chair/ChairConsole').then((m) => ({ default: m.ChairConsole })));
const BigScreen = lazy(() => import('../screens/bigScreen/BigScreen').then((m) => ({ default: m.BigScreen })));
/** The participant screen's code once fetched: from then on it renders without suspending. */
let participantViewModule: typeof ParticipantViewModule | null = null;
const loadParticipantView = () =>
  import('../screens/participant/ParticipantView').then((module) => {
    participantViewModule = module;
    return module;
  });
const LazyParticipantView = lazy(() => loadParticipantView().then((m) => ({ default: m.ParticipantView })));

/**
 * The screen of presenters, officials and inspectors. A lazy component suspends on its first
 * render even when its code is already here, and the fallback's brief mount costs the main thread
 * a render (and the bell a fetch) before the floor shows: fetched ahead, it renders at once. Chosen
 * once per mount, so it never remounts when the code arrives.
 */
function ParticipantScreen({ role }: { role: Role }) {
  const [Screen] = useState(() => participantViewModule?.ParticipantView ?? LazyParticipantView);
  return <Screen role={role} />;
}

/**
 * Starts fetching the screen of presenters, officials and inspectors, most of a session's
 * invitations, while the socket connects and joins: a fast link is then live as soon as the join
 * answers, and a slow one is mostly idle meanwhile. With it come the `floor` chunk every role
 * shares and the `console` chunk the chair shares; a chair or the big screen fetches its own
 * code once the join answer names the role. Resolves when it is here or could not be fetched.
 */
export async function preloadSessionScreens(): Promise<void> {
  // A failed fetch is retried, and shown, when the screen itself is rendered.
  await loadParticipantView().catch(() => undefined);
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
      return <ParticipantScreen role={you.role} />;
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
