import { emptySessionState, foldEventsInPlace, type SessionEvent, type SessionState } from '@plenum/shared';
import type { EventStore, SnapshotSaving, SnapshotStore, SnapshotWriter } from './ports.js';
import { foldPage, snapshotOf, snapshotState } from './statesAt.js';

/**
 * How far a session's log may run ahead of its last saved snapshot before the next is due (and
 * saved in the next pause, see CommandService). A start then folds about this many events after
 * the snapshot (under 0.1 s), at most {@link snapshotForcedEvery}, while every save makes,
 * serialises and writes the whole state (some 40 MB and a second of a core at 100,000 events,
 * on a thread of its own): saving much more often would cost the running server more than it
 * saves at start-up.
 */
export const snapshotEvery = 5_000;

/** How far the log may run past the last snapshot before one is saved even while the session is busy. */
export const snapshotForcedEvery = 25_000;

/**
 * Folded session states kept in memory. The log stays the truth: before each use a state
 * catches up with whatever another process appended. The states are private and single-writer,
 * so events are folded in place: copying per command made each command slower as the session
 * grew (1.4 ms at 1,000 events, 227 ms at 100,000; 0.08 ms in place). A state is first loaded
 * from its latest snapshot, when one fits the log, and only the log after it is folded.
 */
export class SessionStates {
  private readonly states = new Map<string, SessionState>();
  /** `seq` of the snapshot each cached state was loaded from or last saved as. */
  private readonly snapshotSeqs = new Map<string, number>();

  /**
   * @param onLoaded told of a state just loaded into the cache and caught up, e.g. to finish work
   * a stopped process left undone; it must not keep the state.
   * @param writer where snapshots are made and written, off the event loop; null: here, from the
   * cached state (only for a store in memory, which no other thread can read).
   */
  constructor(
    private readonly store: EventStore & SnapshotStore,
    private readonly onLoaded?: (state: SessionState) => void,
    private readonly writer: SnapshotWriter | null = null,
  ) {}

  /** The session's state, caught up with the log. */
  async current(sessionId: string): Promise<SessionState> {
    const cached = this.states.get(sessionId);
    const state = cached ?? (await this.load(sessionId));
    for (;;) {
      const events = await this.store.read(sessionId, state.lastSeq, foldPage);
      if (events.length === 0) break;
      foldEventsInPlace(state, events);
    }
    this.states.set(sessionId, state);
    if (!cached) this.onLoaded?.(state);
    return state;
  }

  /**
   * The latest snapshot when it was written by this reducer (`stateVersion`) and is not ahead
   * of the log (a log restored from an older backup); otherwise the empty state.
   */
  private async load(sessionId: string): Promise<SessionState> {
    const [snapshot, head] = await Promise.all([this.store.loadSnapshot(sessionId), this.store.head(sessionId)]);
    const state = snapshotState(snapshot, sessionId, head) ?? emptySessionState(sessionId);
    this.snapshotSeqs.set(sessionId, state.lastSeq);
    return state;
  }

  /** The session's cached state as it is, without catching up with the log; undefined when none is cached. */
  cached(sessionId: string): SessionState | undefined {
    return this.states.get(sessionId);
  }

  /** Folds events, numbered as the log will number them, into the session's cached state. */
  record(sessionId: string, events: readonly SessionEvent[]): void {
    const state = this.states.get(sessionId);
    if (state) foldEventsInPlace(state, events);
  }

  /** Forgets a session's state, e.g. when its last participant left or its folded events were not committed. */
  evict(sessionId: string): void {
    this.states.delete(sessionId);
    this.snapshotSeqs.delete(sessionId);
  }

  /** Sessions whose cached state is at least `events` past its last snapshot. */
  snapshotsDue(events = snapshotEvery): string[] {
    return [...this.states.values()]
      .filter((state) => state.lastSeq - (this.snapshotSeqs.get(state.sessionId) ?? 0) >= Math.max(1, events))
      .map((state) => state.sessionId);
  }

  /**
   * Saves the snapshot of the session at its cached state's seq, which is read at once: call this
   * only while the state holds committed events alone. The writer makes the state at that seq
   * from the store and writes it, off the event loop; the save resolves once it is written.
   */
  async saveSnapshot(sessionId: string, saving?: SnapshotSaving): Promise<void> {
    const state = this.states.get(sessionId);
    if (!state) return;
    this.snapshotSeqs.set(sessionId, state.lastSeq);
    await (this.writer
      ? this.writer.write(sessionId, state.lastSeq, saving)
      : this.store.saveSnapshot(snapshotOf(state), saving));
  }
}
