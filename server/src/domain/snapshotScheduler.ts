import type { Lane } from './lane.js';
import type { SnapshotSaving, Timers } from './ports.js';
import { snapshotForcedEvery, type SessionStates } from './sessionStates.js';

/**
 * A save makes and serialises the state on a thread of its own (about a second of a core at
 * 100,000 events) and writes some 40 MB, which the commands' own commits wait behind: a due
 * snapshot waits for a pause of this long.
 */
export const defaultSnapshotQuietMs = 2_000;

export interface SnapshotSchedulerDeps {
  states: Pick<SessionStates, 'snapshotsDue' | 'saveSnapshot'>;
  /** The command lane: a save starts in it, so the seq it is saved at holds committed events only. */
  lane: Lane;
  timers: Timers;
  /** How long no batch must have run before due snapshots are saved; null: in the next turn. */
  quietMs: number | null;
  /** Told when a state snapshot could not be saved; the log stays the truth, so nothing else fails. */
  onError?: (error: unknown, sessionId: string) => void;
}

/**
 * Saves the sessions' state snapshots off the command's path: once no batch has run for the
 * quiet time; one that fell {@link snapshotForcedEvery} events behind (a session that never
 * pauses) is saved at once, which bounds what a start must fold.
 */
export class SnapshotScheduler {
  private cancelQuietWait: (() => void) | undefined;
  /** Saves begun and not yet written (or failed). */
  private readonly saving = new Set<Promise<void>>();

  constructor(private readonly deps: SnapshotSchedulerDeps) {}

  /** Called after each batch and first load: arms the saves of the snapshots now due, if any. */
  schedule(): void {
    const { states, timers, quietMs } = this.deps;
    if (states.snapshotsDue().length === 0) return;
    // A later turn, so the answers go out first.
    if (quietMs === null) {
      timers.nextTurn(() => this.saveDue());
      return;
    }
    if (states.snapshotsDue(snapshotForcedEvery).length > 0) timers.nextTurn(() => this.saveDue(snapshotForcedEvery));
    this.cancelQuietWait?.();
    this.cancelQuietWait = timers.after(quietMs, () => this.saveDue());
  }

  /**
   * Saves a snapshot of every cached state that moved since its last one; for a graceful shutdown.
   * It holds the command lane throughout, so no commit waits on its writes (`alone`).
   */
  saveAll(): Promise<void> {
    this.cancelQuietWait?.();
    return this.deps.lane.run(async () => {
      await Promise.all(this.deps.states.snapshotsDue(1).map((sessionId) => this.save(sessionId, { alone: true })));
    });
  }

  /** Resolves once every save begun so far is written or has failed. */
  async written(): Promise<void> {
    await Promise.all(this.saving);
  }

  private saveDue(events?: number): void {
    void this.deps.lane.run(() => {
      for (const sessionId of this.deps.states.snapshotsDue(events)) void this.save(sessionId, { alone: false });
      return Promise.resolve();
    });
  }

  private save(sessionId: string, how: SnapshotSaving): Promise<void> {
    const saving = this.deps.states.saveSnapshot(sessionId, how).catch((error: unknown) => {
      this.deps.onError?.(error, sessionId);
    });
    this.saving.add(saving);
    void saving.finally(() => this.saving.delete(saving));
    return saving;
  }
}
