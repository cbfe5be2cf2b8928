import {
  SeqGapError,
  type Ack,
  type AckError,
  type SessionEvent,
  type SessionEventsMessage,
  type SessionHeadMessage,
  type SessionJoinResult,
} from '@plenum/shared';
import { errorMessage } from '../lib/errorMessages';
import { connectionStore as appConnectionStore, type ConnectionStoreApi } from '../stores/connection';
import { pendingStore as appPendingStore, type PendingStoreApi } from '../stores/pending';
import { sessionStore as appSessionStore, type SessionStoreApi } from '../stores/session';
import { requestWithTimeout, type PlenumSocket } from './socket';
import { incomingProblem } from './validateIncoming';

export interface ConnectSessionOptions {
  /** A socket created with `autoConnect: false`; tests pass a fake. */
  socket: PlenumSocket;
  sessionId: string;
  session?: SessionStoreApi;
  connection?: ConnectionStoreApi;
  pending?: PendingStoreApi;
  /** How long to wait for a join answer before asking again. */
  joinTimeoutMs?: number;
  /** How long to wait before trying again after the server asked to slow down or failed. */
  retryDelayMs?: number;
  /** This device's clock in ms, to measure the server clock offset. */
  now?: () => number;
  /**
   * A catch-up applies its pages in one batch when the last arrives, or every this many events
   * so a long one shows progress.
   */
  catchUpApplyEvery?: number;
}

export interface SessionConnection {
  /** Tries to connect again after the connection went offline. */
  reconnect: () => void;
  /** Removes every listener this connection added, cancels its timers and disconnects. */
  dispose: () => void;
}

/** The `data` the server attaches to a refused handshake. */
interface HandshakeRefusal {
  code: string;
  message: string;
}

function handshakeRefusal(err: Error): HandshakeRefusal | null {
  const data: unknown = (err as Error & { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const { code, message } = data as Record<string, unknown>;
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : '' } : null;
}

/**
 * Runs the socket's lifecycle for one review session and keeps the stores in step with the
 * server's log. On every connect it joins with `afterSeq = lastSeq` and pages through the
 * answer while `hasMore`, applying the pages in one batch at the end (or every
 * `catchUpApplyEvery` events); live events are applied in order, duplicates dropped, and a gap or a
 * heartbeat ahead of `lastSeq` starts the same catch-up. Answers to joins that are no longer
 * the latest are ignored; a changed log epoch resets the session and joins again from 0.
 * @example
 * const connection = connectSession({ socket: createSocket(origin, { token }), sessionId });
 * // later
 * connection.dispose();
 */
export function connectSession(options: ConnectSessionOptions): SessionConnection {
  const {
    socket,
    sessionId,
    session = appSessionStore,
    connection = appConnectionStore,
    pending = appPendingStore,
    joinTimeoutMs = 10_000,
    retryDelayMs = 5_000,
    now = Date.now,
    catchUpApplyEvery = 10_000,
  } = options;

  let disposed = false;
  /** Bumped by every new join and by every disconnect: an answer carrying an older id is stale. */
  let joinRequestId = 0;
  /** True while a catch-up loop of the latest request is running. */
  let isCatchingUp = false;
  /** The highest `seq` the server has shown us (live events, heartbeats, join answers). */
  let knownHeadSeq = 0;
  /**
   * Pages of the latest join request not applied yet: one fold of many events costs far less
   * than one per page. They are applied before that request is superseded, and dropped only
   * with the state they were meant for (another epoch) or on dispose.
   */
  let caughtUp: SessionEvent[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const lastSeq = () => session.getState().session.lastSeq;
  /** Where the catch-up has got to: applied, or fetched and waiting to be applied. */
  const caughtUpTo = () => Math.max(lastSeq(), caughtUp.at(-1)?.seq ?? 0);

  function clearRetry(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  function retryLater(action: () => void): void {
    clearRetry();
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!disposed) action();
    }, retryDelayMs);
  }

  /** Applies events in order; false when they do not follow `lastSeq` (a gap). */
  function apply(events: readonly SessionEvent[]): boolean {
    try {
      session.getState().applyEvents(events);
    } catch (error) {
      if (error instanceof SeqGapError) return false;
      throw error;
    }
    pending.getState().settle(lastSeq());
    return true;
  }

  /** Applies the fetched pages; false when they do not follow `lastSeq` (a gap). */
  function applyCaughtUp(): boolean {
    const events = caughtUp;
    caughtUp = [];
    return events.length === 0 || apply(events);
  }

  /** Makes every join answer in flight stale, applying what the latest one fetched first. */
  function supersedeJoins(): number {
    applyCaughtUp();
    return ++joinRequestId;
  }

  function protocolViolation(channel: string, problem: string): void {
    console.error(`Plenum: ${channel} does not follow the protocol: ${problem}`);
  }

  function refuseJoinAnswer(problem: string): void {
    protocolViolation('the join answer', problem);
    connection
      .getState()
      .setStatus('offline', { code: 'PROTOCOL_VIOLATION', message: errorMessage('PROTOCOL_VIOLATION') });
  }

  function startCatchUp(): void {
    const requestId = supersedeJoins();
    isCatchingUp = true;
    connection.getState().setStatus('catching-up');
    void runCatchUp(requestId).catch((error: unknown) => {
      // Only a bug gets here (the reducer refused an event): say so rather than hang.
      console.error('Plenum: catch-up failed', error);
      if (requestId === joinRequestId) {
        connection
          .getState()
          .setStatus('offline', { code: 'PROTOCOL_VIOLATION', message: errorMessage('PROTOCOL_VIOLATION') });
      }
    });
  }

  /** Catch-up when the log is ahead of us; a running catch-up picks the new head up by itself. */
  function requestCatchUp(): void {
    if (disposed || !socket.connected || isCatchingUp) return;
    startCatchUp();
  }

  function handleJoinRefused(error: AckError): void {
    const problem = { code: error.code, message: errorMessage(error.code) };
    switch (error.code) {
      case 'INCOMPATIBLE_PROTOCOL':
        connection.getState().setStatus('incompatible', problem);
        return;
      case 'RATE_LIMITED':
      case 'INTERNAL':
        // Transient: keep the screen as it is and ask again a little later.
        connection.getState().setStatus('catching-up', problem);
        retryLater(requestCatchUp);
        return;
      case 'UNAUTHENTICATED':
      case 'FORBIDDEN':
      case 'NOT_FOUND':
      case 'CONFLICT':
      case 'INVALID_PAYLOAD':
      case 'TOO_LARGE':
        // Asking again would get the same answer: stop, and say why.
        connection.getState().setStatus('offline', problem);
        return;
    }
  }

  async function runCatchUp(requestId: number): Promise<void> {
    try {
      await catchUpLoop(requestId);
    } finally {
      if (requestId === joinRequestId) {
        // However the loop ended (refused, timed out), what it fetched is applied.
        applyCaughtUp();
        // Cleared as the loop ends, not a few microtasks later in a `.finally` callback: a gap
        // seen in between would otherwise be taken as already being fetched, and be missed.
        isCatchingUp = false;
      }
    }
  }

  async function catchUpLoop(requestId: number): Promise<void> {
    const isStale = () => disposed || requestId !== joinRequestId;
    for (;;) {
      const afterSeq = caughtUpTo();
      const sentAt = now();
      let answer: Ack<SessionJoinResult>;
      try {
        answer = await requestWithTimeout(socket, joinTimeoutMs, 'session:join', { sessionId, afterSeq });
      } catch {
        // No answer in time (or the socket dropped, which makes this request stale anyway).
        if (!isStale() && socket.connected) startCatchUp();
        return;
      }
      if (isStale()) return;
      const problem = incomingProblem.joinAnswer(answer);
      if (problem) {
        refuseJoinAnswer(problem);
        return;
      }
      if (!answer.ok) {
        handleJoinRefused(answer.error);
        return;
      }

      const result = answer.data;
      const current = session.getState();
      const isOtherLog = current.epoch !== null && result.epoch !== current.epoch;
      const reached = caughtUpTo();
      if (reached > 0 && (isOtherLog || result.headSeq < reached)) {
        // The log was restored or replaced (another epoch, or a head behind what we folded or
        // fetched): all of it belongs to another history.
        current.reset();
        caughtUp = [];
        knownHeadSeq = 0;
        continue;
      }
      current.setIdentity({ epoch: result.epoch, you: result.you });
      // The answer was written somewhere between sending and receiving: take the midpoint.
      connection.getState().setServerClockOffset(Date.parse(result.serverTime) - (sentAt + now()) / 2);
      knownHeadSeq = Math.max(knownHeadSeq, result.headSeq);

      // A live event applied meanwhile may have overtaken the start of the page.
      const fresh = result.events.filter((event) => event.seq > reached);
      const follows = fresh.length === 0 || fresh[0]!.seq === reached + 1;
      if (follows) caughtUp.push(...fresh);
      if (caughtUpTo() === reached) {
        if (!follows || result.hasMore) {
          // An answer that moves nothing forward would make us ask the same question forever.
          refuseJoinAnswer(`no progress after seq ${afterSeq}`);
          return;
        }
        // The server says there is nothing after what we have: trust the log over a stale heartbeat.
        knownHeadSeq = reached;
      }
      const isDone = follows && !result.hasMore && caughtUpTo() >= knownHeadSeq;
      // Applied in one go at the end; a long catch-up also shows its progress now and then,
      // while the status stays "catching up".
      if ((isDone || caughtUp.length >= catchUpApplyEvery) && !applyCaughtUp()) {
        refuseJoinAnswer(`the events after seq ${lastSeq()} have a gap`);
        return;
      }
      if (!isDone) continue;
      // Not catching up any more before anyone hears "live", so a gap noticed by a status
      // subscriber starts a new catch-up.
      isCatchingUp = false;
      connection.getState().setStatus('live');
      return;
    }
  }

  const handleConnect = () => {
    clearRetry();
    // Every (re)connect joins again: the server forgets a socket's room when it drops.
    startCatchUp();
  };

  const handleDisconnect = () => {
    // Answers to joins sent before the drop are stale; the next connect asks again.
    supersedeJoins();
    isCatchingUp = false;
    if (socket.active) {
      connection.getState().setStatus('reconnecting');
    } else {
      connection.getState().setStatus('offline', {
        code: 'OFFLINE',
        message: 'The server closed the connection.',
        reason: 'server-closed',
      });
    }
  };

  const handleConnectError = (err: Error) => {
    const refusal = handshakeRefusal(err);
    if (!refusal) {
      // The server could not be reached; socket.io retries with backoff while `active`.
      connection.getState().setStatus(socket.active ? 'reconnecting' : 'offline', {
        code: 'OFFLINE',
        message: 'Cannot reach the server.',
        reason: 'unreachable',
      });
      return;
    }
    switch (refusal.code) {
      case 'INCOMPATIBLE_PROTOCOL':
        connection
          .getState()
          .setStatus('incompatible', { code: 'INCOMPATIBLE_PROTOCOL', message: errorMessage('INCOMPATIBLE_PROTOCOL') });
        return;
      case 'UNAUTHENTICATED':
        connection
          .getState()
          .setStatus('offline', { code: 'UNAUTHENTICATED', message: errorMessage('UNAUTHENTICATED') });
        return;
      case 'FORBIDDEN':
        connection.getState().setStatus('offline', { code: 'FORBIDDEN', message: errorMessage('FORBIDDEN') });
        return;
      case 'RATE_LIMITED':
        // A refused handshake is not retried by socket.io itself.
        connection
          .getState()
          .setStatus('reconnecting', { code: 'RATE_LIMITED', message: errorMessage('RATE_LIMITED') });
        retryLater(() => socket.connect());
        return;
      default:
        // A refusal this client does not know: socket.io does not retry a refused handshake.
        connection.getState().setStatus('offline', {
          code: 'OFFLINE',
          message: refusal.message || 'The server refused the connection.',
          reason: 'refused',
        });
    }
  };

  const handleSessionEvents = (message: SessionEventsMessage) => {
    const problem = incomingProblem.events(message);
    if (problem) {
      protocolViolation('session:events', problem);
      return;
    }
    if (message.sessionId !== sessionId) return;
    const fresh = message.events.filter((event) => event.seq > lastSeq());
    const newest = fresh.at(-1);
    if (!newest) return;
    knownHeadSeq = Math.max(knownHeadSeq, newest.seq);
    if (fresh[0]!.seq !== lastSeq() + 1 || !apply(fresh)) requestCatchUp();
  };

  const handleSessionHead = (message: SessionHeadMessage) => {
    const problem = incomingProblem.head(message);
    if (problem) {
      protocolViolation('session:head', problem);
      return;
    }
    if (message.sessionId !== sessionId) return;
    const { epoch } = session.getState();
    if (epoch !== null && message.epoch !== epoch) {
      requestCatchUp();
      return;
    }
    if (message.headSeq > lastSeq()) {
      knownHeadSeq = Math.max(knownHeadSeq, message.headSeq);
      requestCatchUp();
    }
  };

  socket.on('connect', handleConnect);
  socket.on('disconnect', handleDisconnect);
  socket.on('connect_error', handleConnectError);
  socket.on('session:events', handleSessionEvents);
  socket.on('session:head', handleSessionHead);

  connection.getState().setStatus('connecting');
  socket.connect();

  return {
    reconnect: () => {
      if (disposed || socket.connected) return;
      clearRetry();
      connection.getState().setStatus('connecting');
      socket.connect();
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      joinRequestId++;
      caughtUp = [];
      clearRetry();
      socket.off('connect', handleConnect);
      socket.off('disconnect', handleDisconnect);
      socket.off('connect_error', handleConnectError);
      socket.off('session:events', handleSessionEvents);
      socket.off('session:head', handleSessionHead);
      socket.disconnect();
      connection.getState().setStatus('idle');
    },
  };
}
