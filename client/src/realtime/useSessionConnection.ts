import type { CommandInput } from '@plenum/shared';
import { useEffect, useMemo, useRef } from 'react';
import { pendingStore } from '../stores/pending';
import { sessionStore } from '../stores/session';
import { connectSession, type SessionConnection } from './connection';
import { trackPresence } from './presence';
import type { Realtime } from './RealtimeContext';
import { sendCommand } from './sendCommand';
import { createSocket } from './socket';

/**
 * Connects this tab to one review session for as long as the calling component is mounted.
 * The socket is created once per session and token; each mount attaches a connection and each
 * unmount disposes it, so StrictMode's double mount leaves exactly one set of listeners.
 */
export function useSessionConnection(sessionId: string, token: string): Realtime {
  const socket = useMemo(() => createSocket(window.location.origin, { token }), [token]);
  const connectionRef = useRef<SessionConnection | null>(null);

  useEffect(() => {
    if (sessionStore.getState().session.sessionId !== sessionId) {
      sessionStore.getState().reset(sessionId);
      pendingStore.getState().reset();
    }
    // Presence first: its listeners must be in place before the connection's first join.
    const stopPresence = trackPresence({ socket, sessionId });
    const connection = connectSession({ socket, sessionId });
    connectionRef.current = connection;
    return () => {
      connectionRef.current = null;
      connection.dispose();
      stopPresence();
    };
  }, [socket, sessionId]);

  return useMemo(
    () => ({
      send: (command: CommandInput) => sendCommand(socket, sessionId, command),
      reconnect: () => connectionRef.current?.reconnect(),
    }),
    [socket, sessionId],
  );
}
