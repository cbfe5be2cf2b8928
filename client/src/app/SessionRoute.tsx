import { useState } from 'react';
import { RealtimeContext } from '../realtime/RealtimeContext';
import { useSessionConnection } from '../realtime/useSessionConnection';
import { SessionScreen } from '../features/session/SessionScreen';
import { takeInviteToken } from './inviteToken';

function ConnectedSession({ sessionId, token }: { sessionId: string; token: string }) {
  const realtime = useSessionConnection(sessionId, token);
  return (
    <RealtimeContext.Provider value={realtime}>
      <SessionScreen />
    </RealtimeContext.Provider>
  );
}

/** `/s/:sessionId`: takes the invite token from the link (or this tab's memory) and connects. */
export function SessionRoute({ sessionId }: { sessionId: string }) {
  const [token] = useState(() =>
    takeInviteToken(sessionId, { location: window.location, history: window.history, storage: window.sessionStorage }),
  );

  if (!token) {
    return (
      <main className="page centred">
        <h1>Invite link needed</h1>
        <p>
          To take part in this review session, open the invite link you received from the chair. It carries your role;
          this address alone does not.
        </p>
      </main>
    );
  }
  return <ConnectedSession sessionId={sessionId} token={token} />;
}
