import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { PeriodFigures, SessionState } from '@plenum/shared';
import type { RecordsScope } from './access.js';

/** The minutes' two forms: the PDF a secretary signs, the Markdown that pastes into anything. */
export type MinutesFormat = 'pdf' | 'md';

/** What a worker is asked for: the minutes of `state` as `scope` reads them, in `format`. */
export interface MinutesRequest {
  state: SessionState;
  scope: RecordsScope;
  format: MinutesFormat;
  /** The chain hash of the log's head (`state.lastSeq`) for the footer; null: none printed. */
  headHash: string | null;
  /** The quarters the session follows up, oldest first, for the streaks under the threshold. */
  earlier: readonly PeriodFigures[];
}

/** A job for the pool: its request serialised when the job is made, so it holds no live state. */
export interface MinutesJob {
  readonly bytes: Buffer;
}

/**
 * The minutes of `state` as `scope` reads them, as a job for `MinutesPool.render`. Made at once from
 * the live state (e.g. in `CommandService.read`): one pass over it on this thread, no copy kept.
 */
export function minutesJob(
  state: SessionState,
  scope: RecordsScope,
  format: MinutesFormat,
  headHash: string | null = null,
  earlier: readonly PeriodFigures[] = [],
): MinutesJob {
  return { bytes: serialize({ state, scope, format, headHash, earlier } satisfies MinutesRequest) };
}

/** A worker's answer: the file's bytes (transferred, not copied), or why the job failed. */
export type MinutesReply = { ok: true; bytes: Uint8Array } | { ok: false; name: string; message: string };

/** How many minutes are made at once and how many more may wait. */
export interface MinutesPoolLimits {
  /** Worker threads, each kept for the next job once started. */
  workers: number;
  /** Jobs waiting for a worker; one more is refused (`MinutesQueueFull`). */
  queue: number;
}

export const defaultMinutesPoolLimits: MinutesPoolLimits = { workers: 2, queue: 8 };

/** Refusal of a job while every worker is busy and the queue is full: the server answers 503 with Retry-After. */
export class MinutesQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The server is busy making other minutes; try again in ${retryAfterSeconds} seconds.`);
    this.name = 'MinutesQueueFull';
  }
}

/**
 * The worker's code: built, the compiled `minutesWorker.js` beside this file; run from source (tests,
 * `npm run dev`), `minutesWorker.ts` loaded through tsx as the dev server is (node 20 applies no
 * `--import` of a worker's execArgv, so the worker registers tsx before importing it).
 */
function workerSource(): { code: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { code: new URL('./minutesWorker.js', import.meta.url), eval: false };
  const worker = new URL('./minutesWorker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return { code, eval: true };
}

interface Waiting {
  job: MinutesJob;
  resolve: (file: Buffer) => void;
  reject: (error: Error) => void;
}

/** A worker thread with the job it is on, if any. */
interface MinutesWorker {
  thread: Worker;
  job: Waiting | null;
}

/** Seconds a refused client is told to wait: about one layout of a long session per queued job and worker. */
const secondsPerJob = 3;

/**
 * The minutes as PDF or Markdown, made in a few long-lived worker threads: the document is built
 * from the state and written out there (a PDF's layout takes seconds for a long session, the
 * Markdown of 100,000 events most of a second), so the server's event loop only
 * serialises the state (`minutesJob`) and moves bytes both ways. Workers start on the
 * first job and stay, with their fonts and compiled code, until `close`; a worker that dies is
 * replaced by the next job. Jobs beyond the workers wait in order; beyond the queue they are
 * refused with `MinutesQueueFull` rather than held in memory.
 */
export class MinutesPool {
  private readonly source = workerSource();
  private readonly workers: MinutesWorker[] = [];
  private readonly waiting: Waiting[] = [];
  private closed = false;

  constructor(private readonly limits: MinutesPoolLimits = defaultMinutesPoolLimits) {
    if (limits.workers < 1) throw new RangeError('A minutes pool needs at least one worker.');
  }

  /** The file a job asks for. */
  render(job: MinutesJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The minutes workers are closed.'));
    const idle = this.workers.find((w) => w.job === null);
    if (idle === undefined && this.workers.length >= this.limits.workers && this.waiting.length >= this.limits.queue) {
      const ahead = this.waiting.length / this.limits.workers + 1;
      return Promise.reject(new MinutesQueueFull(Math.ceil(ahead * secondsPerJob)));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still waiting or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('The server is stopping: the minutes were not made.');
    for (const w of this.waiting.splice(0)) w.reject(stopped);
    const workers = this.workers.splice(0);
    for (const w of workers) w.job?.reject(stopped);
    await Promise.all(workers.map((w) => w.thread.terminate()));
  }

  /** Hands waiting jobs to idle workers, starting workers up to the limit. */
  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.workers.find((w) => w.job === null) ?? this.start();
      if (worker === null) return;
      const waiting = this.waiting.shift()!;
      worker.job = waiting;
      const { bytes } = waiting.job;
      // Moved rather than copied, unless the bytes share their memory with other buffers.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      worker.thread.postMessage(bytes, own ? [bytes.buffer as ArrayBuffer] : []);
    }
  }

  private start(): MinutesWorker | null {
    if (this.closed || this.workers.length >= this.limits.workers) return null;
    const thread = new Worker(this.source.code, { eval: this.source.eval });
    // An idle pool does not keep the process alive; a job in progress has its request doing that.
    thread.unref();
    const worker: MinutesWorker = { thread, job: null };
    thread.on('message', (reply: MinutesReply) => {
      const job = worker.job;
      worker.job = null;
      if (reply.ok) job?.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
      else job?.reject(Object.assign(new Error(reply.message), { name: reply.name }));
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.workers.indexOf(worker);
      if (index === -1) return;
      this.workers.splice(index, 1);
      worker.job?.reject(error);
      worker.job = null;
      this.dispatch();
    };
    thread.on('error', lost);
    thread.on('exit', (code) => lost(new Error(`The minutes worker stopped (exit code ${code}) before its answer.`)));
    this.workers.push(worker);
    return worker;
  }
}
