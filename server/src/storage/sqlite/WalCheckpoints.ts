import { workerSource, WorkerPool } from '../../lib/workerPool.js';

/** What the checkpoint thread finds as `workerData`. */
export interface WalCheckpointData {
  file: string;
}

/** One checkpoint's outcome: the WAL's frames, and how many of them are now in the database file. */
export interface CheckpointOutcome {
  /** Another connection was checkpointing: this one copied nothing. */
  busy: boolean;
  frames: number;
  copied: number;
}

/** How often the thread checkpoints: about a second's commits at full load are a few MB of WAL. */
export const checkpointEveryMs = 250;

/**
 * The WAL of a SQLite file checkpointed on a thread of its own, every {@link checkpointEveryMs}.
 * SQLite checkpoints in the connection that commits, once the WAL passes 1,000 pages: one commit in
 * a hundred or two then also copied the WAL into the database file and synced it, 1.0–1.5 ms more
 * on the event loop (bench finding 31). A checkpoint that copies every frame lets the next commit
 * write the WAL from its start again, so the file stays the size of a quarter-second's commits.
 * After a failed checkpoint (the thread could not open the file, say) `onFailure` is told once and
 * no more are tried: the committing connection is to checkpoint again, as SQLite does by default.
 */
export class WalCheckpoints {
  private readonly pool: WorkerPool<null, CheckpointOutcome>;
  private readonly timer: NodeJS.Timeout;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  /** Checkpoints the thread has made. */
  made = 0;

  constructor(
    file: string,
    private readonly onFailure: (error: Error) => void,
    everyMs = checkpointEveryMs,
  ) {
    this.pool = new WorkerPool({
      source: workerSource(import.meta.url, 'walCheckpointWorker'),
      workerData: { file } satisfies WalCheckpointData,
      limits: { workers: 1, queue: 1 },
    });
    this.timer = setInterval(() => {
      if (!this.running) void this.checkpoint().catch(() => undefined);
    }, everyMs);
    this.timer.unref();
  }

  /** Checkpoints now, after the one in progress if any; rejects once checkpoints have failed or stopped. */
  async checkpoint(): Promise<CheckpointOutcome> {
    if (this.stopped) throw new Error('WAL checkpoints are stopped.');
    const previous = this.running;
    const run = (async () => {
      await previous?.catch(() => undefined);
      const outcome = await this.pool.run(null);
      this.made++;
      return outcome;
    })();
    this.running = run;
    try {
      return await run;
    } catch (error) {
      if (!this.stopped) {
        this.stop();
        this.onFailure(error instanceof Error ? error : new Error(String(error)));
      }
      throw error;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  /** Stops the checkpoints and their thread. */
  async close(): Promise<void> {
    this.stop();
    await this.pool.close();
  }

  private stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }
}
