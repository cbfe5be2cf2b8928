import type { ConnectionStatus } from '../stores/connection';

/**
 * Where a session's sync stands. The connection store shows a coarser status (`statusOf`):
 * joining, catching up and a stale epoch all read "catching up" on screen.
 */
export type SyncPhase =
  /** Not started, or disposed. */
  | 'idle'
  /** Asked the socket to connect; no answer from the server yet. */
  | 'connecting'
  /** Connected; the first join of this connection is not answered yet. */
  | 'joining'
  /** Fetching the events missed: more pages, a gap seen live, a heartbeat ahead, a retry. */
  | 'catching-up'
  /** Up to date: live events are applied as they arrive. */
  | 'live'
  /** The connection dropped (or the server could not be reached); socket.io is retrying. */
  | 'reconnecting'
  /** The log was replaced (another epoch, or a head behind ours): reset, joining again from 0. */
  | 'stale-epoch'
  /** Not connected and not retrying, or refused for good: the reason is in the connection store. */
  | 'offline'
  /** The server speaks another protocol version: only a reload helps. */
  | 'incompatible';

/** What happens to a sync: its own requests, the socket's lifecycle and the server's answers. */
export type SyncInput =
  /** Connect: the first time, or again after going offline. */
  | 'connect'
  /** The socket connected, so the session is joined again. */
  | 'connected'
  /** A catch-up starts: a gap or a heartbeat ahead while live, or a join asked again. */
  | 'fetch'
  /** A page arrived and more is to come. */
  | 'page'
  /** Everything up to the server's head is applied. */
  | 'caught-up'
  /** The answer belongs to another history of the log. */
  | 'epoch-changed'
  /** The server asked to wait (rate limit, internal error): the catch-up is asked again later. */
  | 'throttled'
  /** Lost the server, and socket.io retries by itself. */
  | 'dropped'
  /** Lost or refused by the server for good, or its answers broke the protocol. */
  | 'closed'
  /** The server refused this protocol version. */
  | 'refused-version'
  | 'dispose';

/** Losing the server: socket.io retries by itself, or it does not. */
const losing = { dropped: 'reconnecting', closed: 'offline', dispose: 'idle' } as const;
/** An answer to the latest join, in any phase of an unfinished one. */
const answered = {
  page: 'catching-up',
  'caught-up': 'live',
  'epoch-changed': 'stale-epoch',
  throttled: 'catching-up',
  'refused-version': 'incompatible',
  ...losing,
} as const;
/** Waiting for a connection: it comes, or is refused. */
const waiting = { connect: 'connecting', connected: 'joining', 'refused-version': 'incompatible', ...losing } as const;

/** Every legal transition: phase → input → next phase. An input a phase does not list is illegal there. */
const transitions: Record<SyncPhase, Partial<Record<SyncInput, SyncPhase>>> = {
  idle: { connect: 'connecting' },
  connecting: waiting,
  reconnecting: waiting,
  // A join asked again before any answer is still the connection's first.
  joining: { fetch: 'joining', ...answered },
  'catching-up': { fetch: 'catching-up', ...answered },
  // Asked again from 0 after a reset: still replacing the old history.
  'stale-epoch': { fetch: 'stale-epoch', ...answered },
  live: { fetch: 'catching-up', ...losing },
  // Refused (or the answers broke the protocol) with the socket still connected: a gap seen
  // live still fetches, and the server may yet drop the socket.
  offline: { connect: 'connecting', fetch: 'catching-up', ...losing },
  incompatible: { connect: 'connecting', ...losing },
};

export class IllegalSyncTransition extends Error {
  constructor(
    readonly phase: SyncPhase,
    readonly input: SyncInput,
  ) {
    super(`a session sync in phase ${phase} cannot take ${input}`);
    this.name = 'IllegalSyncTransition';
  }
}

/** The phase after `input`, or an `IllegalSyncTransition` when `phase` cannot take it. */
export function transition(phase: SyncPhase, input: SyncInput): SyncPhase {
  const next = transitions[phase][input];
  if (next === undefined) throw new IllegalSyncTransition(phase, input);
  return next;
}

/** What the connection badge says in each phase. */
export function statusOf(phase: SyncPhase): ConnectionStatus {
  switch (phase) {
    case 'joining':
    case 'stale-epoch':
      return 'catching-up';
    case 'idle':
    case 'connecting':
    case 'catching-up':
    case 'live':
    case 'reconnecting':
    case 'offline':
    case 'incompatible':
      return phase;
  }
}
