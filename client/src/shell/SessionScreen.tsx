import type { Participant } from '@plenum/shared';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../i18n';
import { useServerNow } from '../lib/useServerNow';
import { useConnectionStore } from '../stores/connection';
import { useSessionStore } from '../stores/session';
import { LiveAnnouncer } from './LiveAnnouncer';
import { LanguageSwitch } from './LanguageSwitch';
import { BigScreen } from '../screens/bigScreen/BigScreen';
import { ChairConsole } from '../screens/chair/ChairConsole';
import { ParticipantView } from '../screens/participant/ParticipantView';
import { SessionHeader } from './SessionHeader';

// Only an administrator opens it: the participants' first load does not carry the preparation screens.
const PrepareScreen = lazy(() =>
  withWords(['prepare', 'admin', 'imports'], import('../screens/prepare/PrepareScreen')).then((m) => ({
    default: m.PrepareScreen,
  })),
);

function Joining() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <SessionHeader />
      <main id="main" className="layout">
        <p className="panel muted">{t('session.joining')}</p>
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

function screenFor(you: Participant | null) {
  switch (you?.role) {
    case undefined:
      return <Joining />;
    case 'chair':
      return <ChairConsole role={you.role} />;
    case 'administrator':
      return (
        <Suspense fallback={<Joining />}>
          <PrepareScreen />
        </Suspense>
      );
    case 'observer':
      return <BigScreen />;
    case 'presenter':
    case 'official':
    case 'inspector':
      return <ParticipantView role={you.role} />;
  }
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
