import {
  addCriticismLine,
  applyEvent,
  criticismBucket,
  criticismCount,
  criticismOf,
  criticismsPerLine,
  emptySessionState,
  foldEventsInPlace,
  keepCriticismLine,
  parseCriticismLine,
  unparsedCriticismLines,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';
import type { SnapshotHead, SnapshotStore } from './ports.js';

/** The tables whose criticisms are still being read from their snapshot: `criticismOf` may miss one of them. */
const loadingTables = new WeakSet<object>();

/** Whether some of the state's criticisms are still being read from its snapshot ({@link CriticismLoad}). */
export function criticismsLoading(state: Pick<SessionState, 'criticisms'>): boolean {
  return loadingTables.has(state.criticisms);
}

/**
 * Thrown where a command needs a criticism the session's state has not read from its snapshot
 * yet: the command is decided again once they are all read.
 */
export class CriticismsLoadingError extends Error {
  constructor(readonly sessionId: string) {
    super(`The criticisms of session ${sessionId} are still being read.`);
    this.name = 'CriticismsLoadingError';
  }
}

/**
 * The criticism an event may change, which must be in the state for the event to take effect;
 * else null. Read off the payload rather than listed by type, so that a new event on a criticism
 * cannot be missed (one that changes none is applied to a state of its own and dropped).
 */
function changedCriticism(event: SessionEvent): string | null {
  if (event.type === 'criticism:posted') return null;
  const payload = event.payload as { criticismId?: unknown; fromCriticismId?: unknown };
  const id = payload.criticismId ?? payload.fromCriticismId;
  return typeof id === 'string' ? id : null;
}

/** The lines of a snapshot's state text, read part by part; null once it is replaced (or cut short). */
class SnapshotLines {
  private index = 0;
  private read = 0;
  private held: Buffer[] = [];

  constructor(
    private readonly store: Required<Pick<SnapshotStore, 'loadSnapshotPart'>>,
    private readonly head: SnapshotHead,
  ) {}

  /** The next line, or null after the last; throws when the snapshot was replaced meanwhile. */
  async next(): Promise<string | null> {
    for (;;) {
      const last = this.held.at(-1);
      const newline = last ? last.indexOf(0x0a) : -1;
      if (newline >= 0) {
        const line = Buffer.concat([...this.held.slice(0, -1), last!.subarray(0, newline)]).toString('utf8');
        this.held = newline + 1 < last!.length ? [last!.subarray(newline + 1)] : [];
        return line;
      }
      if (this.read >= this.head.bytes) {
        if (this.held.length === 0) return null;
        const line = Buffer.concat(this.held).toString('utf8');
        this.held = [];
        return line;
      }
      const part = await this.store.loadSnapshotPart(this.head, this.index++);
      if (!part || part.length === 0) throw new Error(`The snapshot of session ${this.head.sessionId} was replaced.`);
      this.read += part.length;
      this.held.push(Buffer.from(part.buffer, part.byteOffset, part.length));
    }
  }
}

/** How long one turn of the event loop reads criticisms before it lets other work run. */
const turnMs = 8;

/**
 * Parses every line of the state's criticisms kept as text, a few lines a turn, for a reader of
 * them all (the records): parsing them in one go would hold the loop as a start did.
 */
export async function parseKeptCriticisms(state: SessionState, nextTurn: () => Promise<void>): Promise<void> {
  while (unparsedCriticismLines(state.criticisms) > 0) {
    await nextTurn();
    const started = performance.now();
    while (performance.now() - started < turnMs && parseCriticismLine(state.criticisms));
  }
}

/**
 * A session's state made from the first line of its snapshot, usable at once for all but the
 * criticisms' bodies, which are read behind it, a few lines a turn: at 1,000,000 criticisms the
 * text is some 440 MB and reading and parsing it whole held a start 10 s (bench finding 24). A
 * full line is kept as its text, parsed when one of its criticisms is first used (bench finding
 * 36). While it reads, events are folded through {@link fold}: one that changes a criticism not
 * read yet is kept and applied to it once it is read, so every criticism ends as the log made it.
 */
export class CriticismLoad {
  /** Events kept for criticisms not read yet, by criticism id, in log order. */
  private readonly waiting = new Map<string, SessionEvent[]>();
  /** How many criticisms the snapshot holds: its lines but the last are full. */
  private readonly saved: number;
  private stopped = false;
  /** Resolves once every criticism is read, or the load failed (see {@link failed}) or was stopped. */
  readonly done: Promise<void>;
  /** Set when the load failed: the state is not whole and must be made again. */
  failed: unknown = null;

  private constructor(
    readonly state: SessionState,
    private readonly lines: SnapshotLines,
    nextTurn: () => Promise<void>,
  ) {
    loadingTables.add(state.criticisms);
    this.saved = criticismCount(state);
    this.done = this.run(nextTurn);
  }

  /**
   * The state the snapshot `head` holds, from its first line, with its criticisms being read
   * behind it (a load), or whole when it has none; null when the first line is not the session's
   * state at `head.seq`.
   */
  static async open(
    store: Required<Pick<SnapshotStore, 'loadSnapshotPart'>>,
    head: SnapshotHead,
    nextTurn: () => Promise<void>,
  ): Promise<{ state: SessionState; load: CriticismLoad | null } | null> {
    const lines = new SnapshotLines(store, head);
    const first = await lines.next();
    if (first === null) return null;
    const state = JSON.parse(first) as SessionState;
    if (state.sessionId !== head.sessionId || state.lastSeq !== head.seq) return null;
    const load = state.criticisms.pages.length === 0 ? null : new CriticismLoad(state, lines, nextTurn);
    return { state, load };
  }

  /** Folds events into the state, keeping those that change a criticism not read yet for when it is. */
  fold(events: readonly SessionEvent[]): void {
    if (!loadingTables.has(this.state.criticisms)) {
      foldEventsInPlace(this.state, events);
      return;
    }
    for (const event of events) {
      if (event.seq <= this.state.lastSeq) continue;
      const id = changedCriticism(event);
      if (id !== null && criticismOf(this.state, id) === undefined) {
        const kept = this.waiting.get(id);
        if (kept) kept.push(event);
        else this.waiting.set(id, [event]);
      }
      foldEventsInPlace(this.state, [event]);
    }
  }

  /** Stops reading: the state is being dropped. */
  stop(): void {
    this.stopped = true;
  }

  private async run(nextTurn: () => Promise<void>): Promise<void> {
    const table = this.state.criticisms;
    try {
      for (let line = 0; ;) {
        await nextTurn();
        if (this.stopped) return;
        const started = performance.now();
        do {
          const text = await this.lines.next();
          if (text === null) return this.finish();
          // A line not full is parsed now: criticisms posted since the snapshot join it.
          if ((line + 1) * criticismsPerLine <= this.saved) keepCriticismLine(table, line, text);
          else addCriticismLine(table, text);
          line++;
          this.catchUp();
        } while (performance.now() - started < turnMs);
      }
    } catch (error) {
      this.failed = error;
    }
  }

  /**
   * Applies the events kept for criticisms read since, on a state of their own holding only them
   * (the session's state folded those events already, without their criticism).
   */
  private catchUp(): void {
    for (const [id, events] of this.waiting) {
      const criticism = criticismOf(this.state, id);
      if (!criticism) continue;
      this.waiting.delete(id);
      const alone = emptySessionState(this.state.sessionId);
      alone.criticisms.buckets[criticismBucket(criticism.id)] = { [criticism.id]: criticism };
      for (const event of events) applyEvent(alone, event);
    }
  }

  private finish(): void {
    if (this.waiting.size > 0) {
      throw new Error(`Events of session ${this.state.sessionId} name criticisms its snapshot does not hold.`);
    }
    loadingTables.delete(this.state.criticisms);
  }
}
