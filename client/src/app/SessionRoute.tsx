import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { RealtimeContext } from '../realtime/RealtimeContext';
import { useSessionConnection } from '../realtime/useSessionConnection';
import { preloadSessionScreens, SessionScreen } from '../shell/SessionScreen';
import { takeInviteToken } from './inviteToken';

function ConnectedSession({ sessionId, token }: { sessionId: string; token: string }) {
  const realtime = useSessionConnection(sessionId, token);
  useEffect(preloadSessionScreens, []);
  return (
    <RealtimeContext.Provider value={realtime}>
      <SessionScreen />
    </RealtimeContext.Provider>
  );
}

/** `/s/:sessionId`: takes the invite token from the link (or this tab's memory) and connects. */
export function SessionRoute({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [token] = useState(() =>
    takeInviteToken(sessionId, { location: window.location, history: window.history, storage: window.sessionStorage }),
  );

  if (!token) {
    return (
      <main className="page centred">
        <LanguageSwitch className="page-language" />
        <h1>{t('invite.heading')}</h1>
        <p>{t('invite.text')}</p>
      </main>
    );
  }
  return <ConnectedSession sessionId={sessionId} token={token} />;
}
