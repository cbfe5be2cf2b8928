import type { CommandInput, NotificationMessage } from '@plenum/shared';
import { useEffect, useMemo, useRef } from 'react';
import { connectionStore } from '../stores/connection';
import { pendingStore } from '../stores/pending';
import { sessionStore } from '../stores/session';
import { bindPresence } from './presence';
import { keepLastVisit, restoreLastVisit } from './lastVisit';
import type { Realtime } from './RealtimeContext';
import { sendCommand } from './sendCommand';
import { SessionSync } from './SessionSync';
import { createSocket } from './socket';
import { incomingProblem } from './validateIncoming';

/**
 * Connects this tab to one review session for as long as the calling component is mounted.
 * The socket is created once per session and token; each mount starts a sync and each
 * unmount disposes it, so StrictMode's double mount leaves exactly one set of listeners.
 * The state of this invitation's last visit on this device, if any, shows at once (as not
 * live) and the sync catches up from it; the live state is kept for the next visit.
 */
export function useSessionConnection(sessionId: string, token: string): Realtime {
  const socket = useMemo(() => createSocket(window.location.origin, { token, sessionId }), [token, sessionId]);
  const syncRef = useRef<SessionSync | null>(null);

  useEffect(() => {
    if (sessionStore.getState().session.sessionId !== sessionId) {
      sessionStore.getState().reset(sessionId);
      pendingStore.getState().reset();
    }
    let isMounted = true;
    // The join asks from the last visit's seq, so it waits for that to be restored (or not);
    // the socket connects meanwhile.
    const restored = restoreLastVisit({ sessionId, token, session: sessionStore, isWanted: () => isMounted });
    const sync = new SessionSync({ socket, sessionId, firstJoinAfter: restored });
    // Presence first: it must hear the sync's first join answer.
    const stopPresence = bindPresence(sync);
    sync.start();
    const stopKeeping = keepLastVisit({ sessionId, token, session: sessionStore, connection: connectionStore });
    syncRef.current = sync;
    return () => {
      isMounted = false;
      syncRef.current = null;
      sync.dispose();
      stopPresence();
      stopKeeping();
    };
  }, [socket, sessionId, token]);

  return useMemo(
    () => ({
      send: (command: CommandInput) => sendCommand(socket, sessionId, command),
      reconnect: () => syncRef.current?.reconnect(),
      notifications: {
        sessionId,
        token,
        listen: (onNotification, onConnected) => {
          const heard = (message: NotificationMessage) => {
            const problem = incomingProblem.notification(message);
            if (problem) return console.error(`Plenum: notification:new does not follow the protocol: ${problem}`);
            onNotification(message.notification);
          };
          socket.on('notification:new', heard);
          socket.on('connect', onConnected);
          return () => {
            socket.off('notification:new', heard);
            socket.off('connect', onConnected);
          };
        },
      },
    }),
    [socket, sessionId, token],
  );
}
