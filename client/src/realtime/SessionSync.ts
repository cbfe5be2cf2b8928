import {
  stateVersion,
  type Ack,
  type PresenceChanged,
  type SessionEventsMessage,
  type SessionHeadMessage,
  type SessionJoinResult,
} from '@plenum/shared';
import { connectionStore as appConnectionStore, type ConnectionStoreApi } from '../stores/connection';
import { pendingStore as appPendingStore, type PendingStoreApi } from '../stores/pending';
import { sessionStore as appSessionStore, type SessionStoreApi } from '../stores/session';
import { LogFollower } from './LogFollower';
import { PresenceFeed, type PresenceListener } from './presence';
import { requestWithTimeout, type PlenumSocket } from './socket';
import { transition, statusOf, type SyncInput, type SyncPhase } from './syncMachine';
import {
  disconnectOutcome,
  handshakeOutcome,
  joinRefusalOutcome,
  protocolViolation,
  type SyncOutcome,
} from './syncOutcomes';
import { incomingProblem } from './validateIncoming';

export interface SessionSyncOptions {
  /** A socket created with `autoConnect: false`; tests pass a fake. */
  socket: PlenumSocket;
  sessionId: string;
  session?: SessionStoreApi;
  connection?: ConnectionStoreApi;
  pending?: PendingStoreApi;
  /**
   * How long to wait for a join answer before asking again; default 30 s. Asking again sends the
   * page again, so on a slow link (a full page of 500 events takes seconds at 256 kbit/s, even
   * deflated) a short wait would double the traffic it is waiting for.
   */
  joinTimeoutMs?: number;
  /** How long to wait before trying again after the server asked to slow down or failed. */
  retryDelayMs?: number;
  /** This device's clock in ms, to measure the server clock offset. */
  now?: () => number;
  /**
   * The first join waits for it (the last visit being restored, whose `lastSeq` the join asks
   * from); the socket connects meanwhile. A rejection counts as settled.
   */
  firstJoinAfter?: Promise<unknown>;
  /**
   * A catch-up applies its pages in one batch when the last arrives, or every this many events
   * so a long one shows progress.
   */
  catchUpApplyEvery?: number;
}

/** What to do after one join answer: ask for the next page, or stop (live, refused or reset handled). */
type AnswerStep = 'again' | 'done';

/**
 * Keeps the stores in step with one review session's log over the socket, as an explicit
 * state machine (`syncMachine.ts`): connecting → joining → catching up → live, reconnecting
 * after a drop, a stale epoch when the log was replaced, offline or incompatible when refused.
 * On every connect it joins with `afterSeq = lastSeq` and pages through the answer while
 * `hasMore`, applying the pages in one batch at the end (or every `catchUpApplyEvery` events),
 * after the session's saved state when the server sends it in place of many pages (P26);
 * live events are applied in order, duplicates dropped, and a gap or a heartbeat ahead of
 * `lastSeq` starts the same catch-up. Answers to joins that are no longer the latest are
 * ignored. Presence is heard through `onPresence`.
 * @example
 * const sync = new SessionSync({ socket: createSocket(origin, { token, sessionId }), sessionId });
 * const stop = bindPresence(sync);
 * sync.start();
 * // later
 * sync.dispose();
 */
export class SessionSync {
  private readonly socket: PlenumSocket;
  private readonly sessionId: string;
  private readonly session: SessionStoreApi;
  private readonly connection: ConnectionStoreApi;
  private readonly log: LogFollower;
  private readonly joinTimeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly now: () => number;

  private phase: SyncPhase = 'idle';
  /** Bumped by every new join and by every disconnect: an answer carrying an older id is stale. */
  private joinRequestId = 0;
  /** True while a catch-up loop of the latest request is running. */
  private isCatchingUp = false;
  /** Live since the server last closed the connection: the next close is followed by one connect at once. */
  private hasBeenLive = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly presence = new PresenceFeed();
  private firstJoinAfter: Promise<unknown> | null;

  constructor(options: SessionSyncOptions) {
    this.socket = options.socket;
    this.sessionId = options.sessionId;
    this.session = options.session ?? appSessionStore;
    this.connection = options.connection ?? appConnectionStore;
    this.log = new LogFollower(this.session, options.pending ?? appPendingStore, options.catchUpApplyEvery ?? 10_000);
    this.joinTimeoutMs = options.joinTimeoutMs ?? 30_000;
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.firstJoinAfter = options.firstJoinAfter?.catch(() => undefined) ?? null;
  }

  /** Attaches to the socket and connects. */
  start(): void {
    this.socket.on('connect', this.handleConnect);
    this.socket.on('disconnect', this.handleDisconnect);
    this.socket.on('connect_error', this.handleConnectError);
    this.socket.on('session:events', this.handleSessionEvents);
    this.socket.on('session:head', this.handleSessionHead);
    this.socket.on('presence:changed', this.handlePresenceChanged);
    window.addEventListener('offline', this.handleOffline);
    window.addEventListener('online', this.handleOnline);
    this.move('connect');
    this.socket.connect();
  }

  /** Tries to connect again after the connection went offline. */
  reconnect(): void {
    if (this.phase === 'idle' || this.socket.connected) return;
    this.clearRetry();
    this.move('connect');
    this.socket.connect();
  }

  /** Removes every listener this sync added, cancels its timers and disconnects. */
  dispose(): void {
    if (this.phase === 'idle') return;
    this.joinRequestId++;
    this.log.dropFetched();
    this.clearRetry();
    this.socket.off('connect', this.handleConnect);
    this.socket.off('disconnect', this.handleDisconnect);
    this.socket.off('connect_error', this.handleConnectError);
    this.socket.off('session:events', this.handleSessionEvents);
    this.socket.off('session:head', this.handleSessionHead);
    this.socket.off('presence:changed', this.handlePresenceChanged);
    window.removeEventListener('offline', this.handleOffline);
    window.removeEventListener('online', this.handleOnline);
    this.presence.clear();
    this.socket.disconnect();
    this.move('dispose');
  }

  /**
   * Calls `listener` with who is online: the whole list from each join answer as it arrives
   * (before any message the server sent after it), then the deltas in arrival order, and
   * `lost` when the connection drops. Returns the way to stop.
   */
  onPresence(listener: PresenceListener): () => void {
    return this.presence.subscribe(listener);
  }

  /** Takes `input` through the state machine and shows the new phase, with `problem` when given. */
  private move(input: SyncInput, problem?: SyncOutcome['problem']): void {
    this.phase = transition(this.phase, input);
    const status = statusOf(this.phase);
    if (problem || status !== this.connection.getState().status) this.connection.getState().setStatus(status, problem);
  }

  /** Moves on a refusal or a lost connection, and asks again later with `retry` when the outcome says so. */
  private follow(outcome: SyncOutcome, retry?: () => void): void {
    this.move(outcome.input, outcome.problem);
    if (outcome.retryLater && retry) this.retryLater(retry);
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private retryLater(action: () => void): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.phase !== 'idle') action();
    }, this.retryDelayMs);
  }

  /** Makes every join answer in flight stale, applying what the latest one fetched first. */
  private supersedeJoins(): number {
    this.log.applyFetched();
    return ++this.joinRequestId;
  }

  private refuseJoinAnswer(problem: string): void {
    console.error(`Plenum: the join answer does not follow the protocol: ${problem}`);
    this.follow(protocolViolation());
  }

  private startCatchUp(): void {
    const requestId = this.supersedeJoins();
    this.isCatchingUp = true;
    this.move('fetch');
    void this.runCatchUp(requestId).catch((error: unknown) => {
      // Only a bug gets here (the reducer refused an event): say so rather than hang.
      console.error('Plenum: catch-up failed', error);
      if (requestId === this.joinRequestId) this.follow(protocolViolation());
    });
  }

  /** Catch-up when the log is ahead of us; a running catch-up picks the new head up by itself. */
  private readonly requestCatchUp = (): void => {
    if (this.phase === 'idle' || !this.socket.connected || this.isCatchingUp) return;
    this.startCatchUp();
  };

  private async runCatchUp(requestId: number): Promise<void> {
    try {
      await this.catchUpLoop(requestId);
    } finally {
      if (requestId === this.joinRequestId) {
        // However the loop ended (refused, timed out), what it fetched is applied.
        this.log.applyFetched();
        // Cleared as the loop ends, not a few microtasks later in a `.finally` callback: a gap
        // seen in between would otherwise be taken as already being fetched, and be missed.
        this.isCatchingUp = false;
      }
    }
  }

  private async catchUpLoop(requestId: number): Promise<void> {
    const isStale = () => this.phase === 'idle' || requestId !== this.joinRequestId;
    if (this.firstJoinAfter) {
      await this.firstJoinAfter;
      this.firstJoinAfter = null;
      if (isStale()) return;
    }
    const startedAt = this.log.caughtUpTo();
    for (;;) {
      const afterSeq = this.log.caughtUpTo();
      const sentAt = this.now();
      let answer: Ack<SessionJoinResult>;
      try {
        answer = await requestWithTimeout(
          this.socket,
          this.joinTimeoutMs,
          'session:join',
          // With this reducer's version, the answer may bring the session's saved state (P26).
          { sessionId: this.sessionId, afterSeq, ...(this.log.wantsSavedState() ? { stateVersion } : {}) },
          this.hearOnline,
        );
      } catch {
        // No answer in time (or the socket dropped, which makes this request stale anyway).
        if (!isStale() && this.socket.connected) this.startCatchUp();
        return;
      }
      if (isStale()) return;
      const problem = incomingProblem.joinAnswer(answer);
      if (problem) return this.refuseJoinAnswer(problem);
      if (!answer.ok) return this.follow(joinRefusalOutcome(answer.error), this.requestCatchUp);
      if (this.takeAnswer(answer.data, afterSeq, sentAt) === 'done') return;
      // More pages to come: say how far it has come ("1,200 of 4,800 events").
      this.connection.getState().setCatchUpProgress({
        received: this.log.caughtUpTo() - startedAt,
        total: Math.max(answer.data.headSeq, this.log.caughtUpTo()) - startedAt,
      });
    }
  }

  /** Folds one join answer into the catch-up: a reset, a page, or the end of it. */
  private takeAnswer(result: SessionJoinResult, afterSeq: number, sentAt: number): AnswerStep {
    if (this.log.isOtherHistory(result)) {
      // All of what we hold belongs to another history: start again from 0.
      this.log.reset();
      this.move('epoch-changed');
      return 'again';
    }
    this.session.getState().setIdentity({ epoch: result.epoch, you: result.you });
    // The answer was written somewhere between sending and receiving: take the midpoint.
    this.connection.getState().setServerClockOffset(Date.parse(result.serverTime) - (sentAt + this.now()) / 2);
    const page = this.log.takePage(result, afterSeq);
    if (page === 'more') {
      // The status stays "catching up" while the pages come.
      this.move('page');
      return 'again';
    }
    if (page !== 'done') {
      this.refuseJoinAnswer(page.problem);
      return 'done';
    }
    // Not catching up any more before anyone hears "live", so a gap noticed by a status
    // subscriber starts a new catch-up.
    this.isCatchingUp = false;
    this.hasBeenLive = true;
    this.session.getState().caughtUp();
    this.move('caught-up');
    return 'done';
  }

  /** Every successful join answer, as it arrives: presence is taken in the server's order. */
  private readonly hearOnline = (answer: Ack<SessionJoinResult>): void => {
    if (answer.ok && answer.data.sessionId === this.sessionId && answer.data.online) {
      this.presence.emit({ kind: 'online', sessionId: answer.data.sessionId, online: answer.data.online });
    }
  };

  private readonly handleConnect = (): void => {
    this.clearRetry();
    // Every (re)connect joins again: the server forgets a socket's room when it drops.
    this.move('connected');
    this.startCatchUp();
  };

  private readonly handleDisconnect = (): void => {
    // Answers to joins sent before the drop are stale; the next connect asks again.
    this.supersedeJoins();
    this.isCatchingUp = false;
    this.presence.emit({ kind: 'lost' });
    this.follow(disconnectOutcome(this.socket.active));
    // The server closed the connection, as it does when the invitation is revoked, expires or
    // changes role or unit (P8): one connect at once learns which. A revoked or expired link is
    // refused with UNAUTHENTICATED, said at once; a changed one joins with its new authority. A
    // connection closed again before it was live stays offline, so this never loops.
    if (!this.socket.active && this.hasBeenLive) {
      this.hasBeenLive = false;
      this.move('connect');
      this.socket.connect();
    }
  };

  private readonly handleConnectError = (err: Error): void => {
    this.follow(handshakeOutcome(err, this.socket.active), () => this.socket.connect());
  };

  /**
   * The browser lost its network. engine.io drops its transport on `offline` by itself, but not
   * for a server on localhost, and a socket that missed it notices only at its ping timeout, tens
   * of seconds later: dropping it here shows "reconnecting" at once, and socket.io retries as
   * after any drop.
   */
  private readonly handleOffline = (): void => {
    if (this.socket.connected) this.socket.io.engine.close();
  };

  /**
   * The network is back. socket.io would wait out its backoff (up to 30 s) and `connect()` does
   * not cut that wait short, so the retry is stopped and started again: it tries at once.
   */
  private readonly handleOnline = (): void => {
    if (this.phase === 'reconnecting') this.socket.disconnect().connect();
  };

  private readonly handleSessionEvents = (message: SessionEventsMessage): void => {
    const problem = incomingProblem.events(message);
    if (problem) return console.error(`Plenum: session:events does not follow the protocol: ${problem}`);
    if (message.sessionId === this.sessionId && this.log.takeEvents(message)) this.requestCatchUp();
  };

  private readonly handleSessionHead = (message: SessionHeadMessage): void => {
    const problem = incomingProblem.head(message);
    if (problem) return console.error(`Plenum: session:head does not follow the protocol: ${problem}`);
    if (message.sessionId === this.sessionId && this.log.takeHead(message)) this.requestCatchUp();
  };

  private readonly handlePresenceChanged = (change: PresenceChanged): void => {
    const problem = incomingProblem.presence(change);
    if (problem) return console.error(`Plenum: presence:changed does not follow the protocol: ${problem}`);
    this.presence.emit({ kind: 'changed', change });
  };
}
