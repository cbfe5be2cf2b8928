import type { CommandInput } from '@plenum/shared';
import { createContext, useContext } from 'react';
import type { SendCommandResult } from './sendCommand';

/** What screens may do with the live connection, without touching the socket. */
export interface Realtime {
  /** Sends a command; see `sendCommand`. */
  send: (command: CommandInput) => Promise<SendCommandResult>;
  /** Tries to connect again after the connection went offline. */
  reconnect: () => void;
}

export const RealtimeContext = createContext<Realtime | null>(null);

/** The live connection of the session screen this component is in. */
export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime must be used inside a session screen');
  return realtime;
}
