import type { ErrorCode } from '@plenum/shared';

/**
 * Where the link to the server stands. Every screen shows it in words (the connection badge).
 */
export type ConnectionStatus =
  /** Nothing asked to connect yet (the landing page, or before a session screen mounts). */
  | 'idle'
  /** First attempt to reach the server; nothing shown is live yet. */
  | 'connecting'
  /** Connected and fetching the events missed (first join, a reconnect, a gap, paging). */
  | 'catching-up'
  /** Connected and up to date: every event is applied as it arrives. */
  | 'live'
  /** The connection dropped; socket.io is retrying with backoff and catch-up follows. */
  | 'reconnecting'
  /** Not connected and not retrying by itself: the invitation was refused or the server closed the link. */
  | 'offline'
  /** The server speaks another protocol version: only a reload helps. */
  | 'incompatible';

/** Problems found on this side of the wire, which have no server error code. */
export type ClientErrorCode =
  /** No answer within the time allowed, even after retrying. */
  | 'TIMEOUT'
  /** Not connected, so nothing was sent. */
  | 'OFFLINE'
  /** What is shown is still the last visit's state, catching up: nothing was sent. */
  | 'NOT_LIVE'
  /** The server answered with something that does not match the protocol. */
  | 'PROTOCOL_VIOLATION';

/** A finer cause of being offline than the error code gives. */
export type ConnectionReason =
  /** The server ended the connection and socket.io does not retry by itself. */
  | 'server-closed'
  /** The server could not be reached. */
  | 'unreachable'
  /** The server refused the handshake for a reason this client does not know. */
  | 'refused';

/** Why the connection is not live. Screens say it in words from `code` (and `reason`). */
export interface ConnectionProblem {
  code: ErrorCode | ClientErrorCode;
  /** For logs and diagnostics; screens translate `code` instead. */
  message: string;
  reason?: ConnectionReason;
}

/** How far a catch-up of several pages has come, in events since it started. */
export interface CatchUpProgress {
  /** Events received so far. */
  received: number;
  /** Events the log held after where the catch-up started, as last heard. */
  total: number;
}

export interface ConnectionStoreState {
  status: ConnectionStatus;
  /** The last reason the connection is not live; cleared when it is live again. */
  lastError: ConnectionProblem | null;
  /**
   * Server clock minus this device's clock, in ms, from the last join answer's `serverTime`:
   * timers use `Date.now() + serverClockOffsetMs`, so every screen shows the same time left.
   */
  serverClockOffsetMs: number;
  /** While a catch-up of more than one page runs: how far it has come; null otherwise. */
  catchUp: CatchUpProgress | null;
}

export function initialConnectionState(): ConnectionStoreState {
  return { status: 'idle', lastError: null, serverClockOffsetMs: 0, catchUp: null };
}
