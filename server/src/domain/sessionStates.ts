import { emptySessionState, foldEventsInPlace, type SessionEvent, type SessionState } from '@plenum/shared';
import { CriticismLoad, parseKeptCriticisms } from './criticismLoad.js';
import {
  laterTurn,
  type EventStore,
  type SnapshotSaving,
  type SnapshotStore,
  type SnapshotWriter,
  type Timers,
} from './ports.js';
import { foldPage, snapshotFits, snapshotOf, snapshotState } from './statesAt.js';

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
 * from its latest snapshot, when one fits the log, and only the log after it is folded. From a
 * store that keeps snapshots in parts, only the snapshot's first line is read before the state is
 * used, and its criticisms are read behind it ({@link CriticismLoad}): a reader of criticisms
 * waits for {@link loaded}, and a reader of all of them for {@link parsed}.
 */
export class SessionStates {
  private readonly states = new Map<string, SessionState>();
  /** `seq` of the snapshot each cached state was loaded from or last saved as. */
  private readonly snapshotSeqs = new Map<string, number>();
  /** The cached states whose criticisms are still being read, by session. */
  private readonly loads = new Map<string, CriticismLoad>();
  /** Sessions whose criticisms could not be read behind their state: loaded whole from then on. */
  private readonly loadWholeFrom = new Set<string>();

  /**
   * @param onLoaded told of a state just loaded into the cache and caught up, e.g. to finish work
   * a stopped process left undone; it must not keep the state.
   * @param writer where snapshots are made and written, off the event loop; null: here, from the
   * cached state (only for a store in memory, which no other thread can read).
   */
  constructor(
    private readonly store: EventStore & SnapshotStore,
    /** The turns a load of criticisms reads in, one after another. */
    private readonly timers: Timers,
    private readonly onLoaded?: (state: SessionState) => void,
    private readonly writer: SnapshotWriter | null = null,
  ) {}

  /** The session's state, caught up with the log; its criticisms may still be loading (see {@link loaded}). */
  async current(sessionId: string): Promise<SessionState> {
    const cached = this.states.get(sessionId);
    const state = cached ?? (await this.load(sessionId));
    for (;;) {
      const events = await this.store.read(sessionId, state.lastSeq, foldPage);
      if (events.length === 0) break;
      this.fold(sessionId, state, events);
    }
    this.states.set(sessionId, state);
    if (!cached) this.onLoaded?.(state);
    return state;
  }

  /**
   * Resolves once the session's cached state holds all its criticisms, or is dropped because
   * they could not be read (the next {@link current} loads it again); at once when none are loading.
   */
  async loaded(sessionId: string): Promise<void> {
    const load = this.loads.get(sessionId);
    if (load) await load.done;
  }

  /**
   * As {@link loaded}, and then every criticism the cached state keeps as text is parsed, a few
   * lines a turn: for a reader of all of them, which would parse them at once otherwise.
   */
  async parsed(sessionId: string): Promise<void> {
    await this.loaded(sessionId);
    const state = this.states.get(sessionId);
    if (state) await parseKeptCriticisms(state, () => laterTurn(this.timers));
  }

  /** Whether the session's cached state is still reading its criticisms from its snapshot. */
  loading(sessionId: string): boolean {
    return this.loads.has(sessionId);
  }

  /**
   * The latest snapshot when it was written by this reducer (`stateVersion`) and is not ahead
   * of the log (a log restored from an older backup); otherwise the empty state.
   */
  private async load(sessionId: string): Promise<SessionState> {
    const state = (await this.loadInParts(sessionId)) ?? (await this.loadWhole(sessionId));
    this.snapshotSeqs.set(sessionId, state.lastSeq);
    return state;
  }

  private async loadWhole(sessionId: string): Promise<SessionState> {
    const [snapshot, head] = await Promise.all([this.store.loadSnapshot(sessionId), this.store.head(sessionId)]);
    return snapshotState(snapshot, sessionId, head) ?? emptySessionState(sessionId);
  }

  /** The state from the first line of its snapshot, its criticisms loading behind it; null when the store cannot. */
  private async loadInParts(sessionId: string): Promise<SessionState | null> {
    const { store } = this;
    if (!store.loadSnapshotPart || this.loadWholeFrom.has(sessionId)) return null;
    const [head, logHead] = await Promise.all([store.loadSnapshotHead(sessionId), store.head(sessionId)]);
    if (!head || !snapshotFits(head, logHead)) return null;
    const parts = { loadSnapshotPart: store.loadSnapshotPart.bind(store) };
    const opened = await CriticismLoad.open(parts, head, () => laterTurn(this.timers)).catch(() => null);
    if (!opened) return null;
    const { state, load } = opened;
    if (load) {
      this.loads.set(sessionId, load);
      void load.done.then(() => {
        if (this.loads.get(sessionId) !== load) return;
        this.loads.delete(sessionId);
        if (load.failed === null) return;
        // A state that could not read all its criticisms is made again, whole, on next use.
        this.loadWholeFrom.add(sessionId);
        if (this.states.get(sessionId) === state) this.evict(sessionId);
      });
    }
    return state;
  }

  /** Folds events into a cached state, through its criticisms' load while there is one. */
  private fold(sessionId: string, state: SessionState, events: readonly SessionEvent[]): void {
    const load = this.loads.get(sessionId);
    if (load?.state === state) load.fold(events);
    else foldEventsInPlace(state, events);
  }

  /** The session's cached state as it is, without catching up with the log; undefined when none is cached. */
  cached(sessionId: string): SessionState | undefined {
    return this.states.get(sessionId);
  }

  /** Folds events, numbered as the log will number them, into the session's cached state. */
  record(sessionId: string, events: readonly SessionEvent[]): void {
    const state = this.states.get(sessionId);
    if (state) this.fold(sessionId, state, events);
  }

  /** Forgets a session's state, e.g. when its last participant left or its folded events were not committed. */
  evict(sessionId: string): void {
    this.states.delete(sessionId);
    this.snapshotSeqs.delete(sessionId);
    this.loads.get(sessionId)?.stop();
    this.loads.delete(sessionId);
  }

  /**
   * Sessions whose cached state is at least `events` past its last snapshot; not one still
   * reading its criticisms, whose snapshot a save would replace under it.
   */
  snapshotsDue(events = snapshotEvery): string[] {
    return [...this.states.values()]
      .filter((state) => state.lastSeq - (this.snapshotSeqs.get(state.sessionId) ?? 0) >= Math.max(1, events))
      .map((state) => state.sessionId)
      .filter((sessionId) => !this.loads.has(sessionId));
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
