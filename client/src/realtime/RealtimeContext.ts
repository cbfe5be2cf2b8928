import type { CommandInput, Notification } from '@plenum/shared';
import { createContext, useContext } from 'react';
import type { SendCommandResult } from './sendCommand';

/** What screens may do with the live connection, without touching the socket. */
export interface Realtime {
  /** Sends a command; see `sendCommand`. */
  send: (command: CommandInput) => Promise<SendCommandResult>;
  /** Tries to connect again after the connection went offline. */
  reconnect: () => void;
  /** This participant's notifications; absent where the screen has no live session (tests, previews). */
  notifications?: NotificationFeed;
}

/** Where a participant's notifications come from: REST for the list, the socket for new ones. */
export interface NotificationFeed {
  sessionId: string;
  /** The invitation token, the bearer of the `/api/v1` notification calls. */
  token: string;
  /**
   * Calls `onNotification` for each notification sent live and `onConnected` on every
   * (re)connect, when the list is to be read again; answers the function that stops both.
   */
  listen: (onNotification: (notification: Notification) => void, onConnected: () => void) => () => void;
}

export const RealtimeContext = createContext<Realtime | null>(null);

/** The live connection of the session screen this component is in. */
export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime must be used inside a session screen');
  return realtime;
}
