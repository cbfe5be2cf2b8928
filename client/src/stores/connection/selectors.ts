import type { ConnectionStatus, ConnectionStoreState } from './initialState';

/** What the connection badge says for each status: text, never colour alone. */
const statusLabels: Record<ConnectionStatus, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  'catching-up': 'Catching up…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  incompatible: 'Reload needed',
};

export const connectionSelectors = {
  statusLabel: (s: ConnectionStoreState): string => statusLabels[s.status],
  /** True when what is on screen is up to date. */
  isLive: (s: ConnectionStoreState): boolean => s.status === 'live',
  /** True when commands can be sent: connected, even if still catching up. */
  canSend: (s: ConnectionStoreState): boolean => s.status === 'live' || s.status === 'catching-up',
  /** The server's current time in ms, from this device's clock and the measured offset. */
  serverNow: (s: ConnectionStoreState, deviceNowMs: number): number => deviceNowMs + s.serverClockOffsetMs,
};
