import {
  emptySessionState,
  foldEventsInPlace,
  Limits,
  parseStateText,
  stateText,
  stateVersion,
  type SessionState,
} from '@plenum/shared';
import type { EventStore, SnapshotStore, StateSnapshot } from './ports.js';

/** Events read from the log at a time while a state is folded. */
export const foldPage = Limits.pageSize * 10;

/**
 * Whether a snapshot, by its head, can hold a state wanted at `atMost`: written by this reducer
 * (`stateVersion`), and at most at `atMost` (a later one is not this state's past, or the log was
 * restored from an older backup).
 */
export function snapshotFits(snapshot: Pick<StateSnapshot, 'seq' | 'version'>, atMost: number): boolean {
  return snapshot.version === stateVersion && snapshot.seq <= atMost;
}

/** The state a snapshot holds, when it {@link snapshotFits} and is the session's; otherwise null. */
export function snapshotState(snapshot: StateSnapshot | null, sessionId: string, atMost: number): SessionState | null {
  if (!snapshot || !snapshotFits(snapshot, atMost)) return null;
  const saved = parseStateText(snapshot.state) as SessionState;
  return saved.sessionId === sessionId && saved.lastSeq === snapshot.seq ? saved : null;
}

/** A state as its snapshot is stored: its text (`stateText`) at its `lastSeq`, with this reducer's `stateVersion`. */
export function snapshotOf(state: SessionState): StateSnapshot {
  return { sessionId: state.sessionId, seq: state.lastSeq, version: stateVersion, state: stateText(state) };
}

/** What {@link StatesAt} reads: the log and the latest snapshot. */
export type StateSource = Pick<EventStore, 'read'> & Pick<SnapshotStore, 'loadSnapshot'>;

/**
 * Sessions' states at a given `seq`, made from the store by the thread that uses them (a worker
 * making minutes or saving a snapshot), so that no state crosses between threads: the latest
 * snapshot at or below the seq, when this reducer wrote it, and the log after it folded up to the
 * seq. The state last made of each session is kept (for the `sessions` used last), so the next
 * one asked for at the same or a later seq folds only the log in between.
 */
export class StatesAt {
  /** By session, the least recently used first. */
  private readonly states = new Map<string, SessionState>();

  constructor(
    private readonly source: StateSource,
    private readonly sessions = 4,
  ) {}

  /**
   * The session's state at `seq`, a seq its log holds. The state is this object's, folded on by
   * the next call: read it before then, and keep nothing of it.
   */
  async at(sessionId: string, seq: number): Promise<SessionState> {
    const kept = this.states.get(sessionId);
    const state =
      kept !== undefined && kept.lastSeq <= seq
        ? kept
        : (snapshotState(await this.source.loadSnapshot(sessionId), sessionId, seq) ?? emptySessionState(sessionId));
    try {
      while (state.lastSeq < seq) {
        const events = await this.source.read(sessionId, state.lastSeq, Math.min(foldPage, seq - state.lastSeq));
        if (events.length === 0)
          throw new Error(`The log of session ${sessionId} ends at ${state.lastSeq}, before ${seq}.`);
        foldEventsInPlace(state, events);
      }
    } catch (error) {
      // A fold cut short leaves a state that is no seq's.
      if (state === kept) this.states.delete(sessionId);
      throw error;
    }
    // A state older than the one kept (a request that raced a later one) is not kept.
    if (kept === undefined || state.lastSeq >= kept.lastSeq) this.keep(state);
    return state;
  }

  private keep(state: SessionState): void {
    this.states.delete(state.sessionId);
    this.states.set(state.sessionId, state);
    for (const sessionId of this.states.keys()) {
      if (this.states.size <= this.sessions) break;
      this.states.delete(sessionId);
    }
  }
}
