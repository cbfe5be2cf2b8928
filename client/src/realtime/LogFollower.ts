import {
  readSavedState,
  SeqGapError,
  type SavedState,
  type SessionEvent,
  type SessionEventsMessage,
  type SessionHeadMessage,
  type SessionJoinResult,
} from '@plenum/shared';
import type { PendingStoreApi } from '../stores/pending';
import type { SessionStoreApi } from '../stores/session';

/** Where one join answer leaves a catch-up: more to fetch, done, or an answer that breaks the protocol. */
export type PageOutcome = 'more' | 'done' | { problem: string };

/**
 * What this client holds of one session's log: the events applied to the session store, the
 * pages of the current catch-up fetched but not applied yet (one fold of many events costs
 * far less than one per page), and the highest `seq` the server has shown (live events,
 * heartbeats, join answers). A join answer may start with the session's saved state (P26),
 * which replaces what it holds. It knows nothing of sockets: `SessionSync` hands it what arrives.
 */
export class LogFollower {
  private knownHeadSeq = 0;
  private fetched: SessionEvent[] = [];
  /** Cleared by a saved state that could not be read: from then on the log is folded instead. */
  private takesSavedStates = true;

  constructor(
    private readonly session: SessionStoreApi,
    private readonly pending: PendingStoreApi,
    /** A catch-up applies its pages when the last arrives, or every this many events, so a long one shows progress. */
    private readonly applyEvery: number,
  ) {}

  lastSeq(): number {
    return this.session.getState().session.lastSeq;
  }

  /** Where the catch-up has got to: applied, or fetched and waiting to be applied. */
  caughtUpTo(): number {
    return Math.max(this.lastSeq(), this.fetched.at(-1)?.seq ?? 0);
  }

  /** Whether a join may ask for the session's saved state (P26). */
  wantsSavedState(): boolean {
    return this.takesSavedStates;
  }

  /** Applies events in order; false when they do not follow `lastSeq` (a gap). */
  apply(events: readonly SessionEvent[]): boolean {
    try {
      this.session.getState().applyEvents(events);
    } catch (error) {
      if (error instanceof SeqGapError) return false;
      throw error;
    }
    this.pending.getState().settle(this.lastSeq());
    return true;
  }

  /** Applies the fetched pages; false when they do not follow `lastSeq` (a gap). */
  applyFetched(): boolean {
    const events = this.fetched;
    this.fetched = [];
    return events.length === 0 || this.apply(events);
  }

  /** Drops the fetched pages unapplied: the sync that fetched them is gone. */
  dropFetched(): void {
    this.fetched = [];
  }

  /**
   * True when the answer belongs to another history of the log (another epoch, or a head
   * behind what we folded or fetched): the log was restored or replaced. Also when what we
   * hold was folded for another participant (a last visit kept on this device), whose view
   * of the log may differ.
   */
  isOtherHistory(result: SessionJoinResult): boolean {
    const { epoch, you } = this.session.getState();
    const reached = this.caughtUpTo();
    const isOtherParticipant = you !== null && you.id !== result.you.id;
    return (
      reached > 0 && ((epoch !== null && result.epoch !== epoch) || result.headSeq < reached || isOtherParticipant)
    );
  }

  /** Forgets the session, the fetched pages and the head, to follow another history from 0. */
  reset(): void {
    this.session.getState().reset();
    this.fetched = [];
    this.knownHeadSeq = 0;
  }

  /**
   * Replaces what it holds with a saved state ahead of it, the fetched pages dropped; false when
   * the state cannot be read. A state not ahead is left aside: the answer's events follow it.
   */
  private adopt(sessionId: string, saved: SavedState): boolean {
    if (saved.seq <= this.caughtUpTo()) return true;
    const state = readSavedState(saved.value, sessionId, saved.seq);
    if (!state) return false;
    this.fetched = [];
    this.session.getState().adoptState(state);
    this.pending.getState().settle(this.lastSeq());
    return true;
  }

  /** Takes one page of a join answer asked `afterSeq`, applying what was fetched when done or when it is long. */
  takePage(result: SessionJoinResult, afterSeq: number): PageOutcome {
    this.knownHeadSeq = Math.max(this.knownHeadSeq, result.headSeq);
    const before = this.caughtUpTo();
    if (result.state) {
      if (!this.takesSavedStates) return { problem: `a saved state not asked for after seq ${afterSeq}` };
      if (!this.adopt(result.sessionId, result.state)) {
        // Ask again from where it was, without a state: the log is the record.
        console.error(`Plenum: the saved state at seq ${result.state.seq} cannot be read; folding the log instead`);
        this.takesSavedStates = false;
        return 'more';
      }
    }
    const reached = this.caughtUpTo();
    // A live event applied meanwhile may have overtaken the start of the page.
    const fresh = result.events.filter((event) => event.seq > reached);
    const follows = fresh.length === 0 || fresh[0]!.seq === reached + 1;
    if (follows) this.fetched.push(...fresh);
    if (this.caughtUpTo() === before) {
      // An answer that moves nothing forward would make us ask the same question forever.
      if (!follows || result.hasMore) return { problem: `no progress after seq ${afterSeq}` };
      // The server says there is nothing after what we have: trust the log over a stale heartbeat.
      this.knownHeadSeq = reached;
    }
    const isDone = follows && !result.hasMore && this.caughtUpTo() >= this.knownHeadSeq;
    // Applied in one go at the end; a long catch-up also shows its progress now and then.
    if ((isDone || this.fetched.length >= this.applyEvery) && !this.applyFetched()) {
      return { problem: `the events after seq ${this.lastSeq()} have a gap` };
    }
    return isDone ? 'done' : 'more';
  }

  /** Applies a live broadcast in order, duplicates dropped; true when it shows a gap to catch up on. */
  takeEvents(message: SessionEventsMessage): boolean {
    const fresh = message.events.filter((event) => event.seq > this.lastSeq());
    const newest = fresh.at(-1);
    if (!newest) return false;
    this.knownHeadSeq = Math.max(this.knownHeadSeq, newest.seq);
    return fresh[0]!.seq !== this.lastSeq() + 1 || !this.apply(fresh);
  }

  /** Takes a heartbeat; true when the log is ahead of us or of another epoch. */
  takeHead(message: SessionHeadMessage): boolean {
    const { epoch } = this.session.getState();
    if (epoch !== null && message.epoch !== epoch) return true;
    if (message.headSeq <= this.lastSeq()) return false;
    this.knownHeadSeq = Math.max(this.knownHeadSeq, message.headSeq);
    return true;
  }
}
