import type { ConnectionStoreState } from './initialState';

export const connectionSelectors = {
  /** True when what is on screen is up to date. */
  isLive: (s: ConnectionStoreState): boolean => s.status === 'live',
  /** True when commands can be sent: connected, even if still catching up. */
  canSend: (s: ConnectionStoreState): boolean => s.status === 'live' || s.status === 'catching-up',
  /** The server's current time in ms, from this device's clock and the measured offset. */
  serverNow: (s: ConnectionStoreState, deviceNowMs: number): number => deviceNowMs + s.serverClockOffsetMs,
};
