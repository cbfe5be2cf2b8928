import { serialize } from 'node:v8';
import type { PeriodFigures, SessionState } from '@plenum/shared';
import type { StoreAddress } from '../domain/ports.js';
import { movable, workerSource, WorkerPool, type WorkerPoolLimits } from '../lib/workerPool.js';
import type { RecordsScope } from './access.js';

/** The minutes' two forms: the PDF a secretary signs, the Markdown that pastes into anything. */
export type MinutesFormat = 'pdf' | 'md';

/**
 * What a worker is asked for: the minutes of the session at `seq` as `scope` reads them, in
 * `format`. The worker makes the state at `seq` itself, from the store.
 */
export interface MinutesJob {
  readonly sessionId: string;
  /** A seq the log holds: the head the minutes stand at. */
  readonly seq: number;
  readonly scope: RecordsScope;
  readonly format: MinutesFormat;
  /** The chain hash of the log's head (`seq`) for the footer; null: none printed. */
  readonly headHash: string | null;
  /** The quarters the session follows up, oldest first, for the streaks under the threshold. */
  readonly earlier: readonly PeriodFigures[];
  /**
   * The state itself, serialised, where the workers cannot read the store: a store in memory,
   * which only tests use. Null otherwise.
   */
  readonly state: Uint8Array | null;
}

/** What the workers find as `workerData`. */
export interface MinutesWorkerData {
  /** Where each worker opens its own read-only connection to the store; null: the jobs carry their state. */
  address: StoreAddress | null;
}

/** How many minutes are made at once and how many more may wait. */
export type MinutesPoolLimits = WorkerPoolLimits;

export const defaultMinutesPoolLimits: MinutesPoolLimits = { workers: 2, queue: 8 };

/** Refusal of a job while every worker is busy and the queue is full: the server answers 503 with Retry-After. */
export class MinutesQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The server is busy making other minutes; try again in ${retryAfterSeconds} seconds.`);
    this.name = 'MinutesQueueFull';
  }
}

/** Seconds a refused client is told to wait: about one layout of a long session per queued job and worker. */
const secondsPerJob = 3;

/**
 * The minutes as PDF or Markdown, made in a few long-lived worker threads: each makes the
 * session's state at the job's seq from the store on a connection of its own (keeping it, so the
 * next job folds only the events since), builds the document and writes it out there (a PDF's
 * layout takes seconds for a long session, the Markdown of 100,000 events most of a second). The
 * server's event loop only sends a job of a few fields and receives the file's bytes, whatever
 * the session's size. Jobs beyond the workers wait in order; beyond the queue they are refused
 * with `MinutesQueueFull` rather than held in memory.
 */
export class MinutesPool {
  private readonly pool: WorkerPool<MinutesJob, Uint8Array>;

  /** @param address where the workers read the store; null (a store in memory): the jobs carry their state. */
  constructor(
    limits: MinutesPoolLimits = defaultMinutesPoolLimits,
    private readonly address: StoreAddress | null = null,
  ) {
    this.pool = new WorkerPool({
      source: workerSource(import.meta.url, 'minutesWorker'),
      workerData: { address } satisfies MinutesWorkerData,
      limits,
      refusal: (aheadPerWorker) => new MinutesQueueFull(Math.ceil((aheadPerWorker + 1) * secondsPerJob)),
    });
  }

  /**
   * The minutes of the session as `state` stands, as `scope` reads them, as a job for
   * {@link render}. Made at once from the live state (e.g. in `CommandService.read`), which must
   * hold committed events only: the job takes its seq, not the state, unless the workers cannot
   * read the store.
   */
  job(
    state: SessionState,
    scope: RecordsScope,
    format: MinutesFormat,
    headHash: string | null = null,
    earlier: readonly PeriodFigures[] = [],
  ): MinutesJob {
    const { sessionId, lastSeq: seq } = state;
    return { sessionId, seq, scope, format, headHash, earlier, state: this.address ? null : serialize(state) };
  }

  /** The file a job asks for. */
  async render(job: MinutesJob): Promise<Buffer> {
    const bytes = await this.pool.run(job, job.state ? movable(job.state) : []);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Stops every worker; jobs still waiting or running are rejected. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
