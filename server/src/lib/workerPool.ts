import { parentPort, Worker } from 'node:worker_threads';

/** A worker's answer to a job: its result (buffers moved, not copied), or why the job failed. */
export type WorkerReply<TResult> = { ok: true; result: TResult } | { ok: false; name: string; message: string };

/** How many jobs run at once and how many more may wait. */
export interface WorkerPoolLimits {
  /** Worker threads, each kept for the next job once started. */
  workers: number;
  /** Jobs waiting for a worker; one more is refused. */
  queue: number;
}

/** The code a pool's threads run, as `new Worker` takes it. */
export interface WorkerSource {
  code: URL | string;
  eval: boolean;
}

/**
 * The worker module `name` beside the module at `besideUrl` (its `import.meta.url`): built, the
 * compiled `name.js`; run from source (tests, `npm run dev`), `name.ts` loaded through tsx as the
 * dev server is (node 20 applies no `--import` of a worker's execArgv, so the worker registers tsx
 * before importing it).
 */
export function workerSource(besideUrl: string, name: string): WorkerSource {
  if (!besideUrl.endsWith('.ts')) return { code: new URL(`./${name}.js`, besideUrl), eval: false };
  const worker = new URL(`./${name}.ts`, besideUrl).href;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return { code, eval: true };
}

/** The buffer behind `bytes` to move with them to another thread, unless it holds other data too (then they are copied). */
export function movable(bytes: Uint8Array): ArrayBuffer[] {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return own ? [bytes.buffer as ArrayBuffer] : [];
}

/**
 * In a pool's worker thread: answers each job with what `handle` makes of it, or with its error.
 * `transfer` names the result's buffers to move rather than copy.
 */
export function serveJobs<TJob, TResult>(
  handle: (job: TJob) => Promise<TResult>,
  transfer: (result: TResult) => ArrayBuffer[] = () => [],
): void {
  const answer = (reply: WorkerReply<TResult>, moved: ArrayBuffer[] = []) => parentPort?.postMessage(reply, moved);
  parentPort?.on('message', (job: TJob) => {
    void handle(job).then(
      (result) => answer({ ok: true, result }, transfer(result)),
      (error: unknown) => {
        const { name, message } = error instanceof Error ? error : new Error(String(error));
        answer({ ok: false, name, message });
      },
    );
  });
}

interface Waiting<TJob, TResult> {
  job: TJob;
  transfer: ArrayBuffer[];
  resolve: (result: TResult) => void;
  reject: (error: Error) => void;
}

/** A worker thread with the job it is on, if any. */
interface PoolWorker<TJob, TResult> {
  thread: Worker;
  job: Waiting<TJob, TResult> | null;
}

export interface WorkerPoolOptions {
  source: WorkerSource;
  /** What every thread finds as `workerData` (e.g. where the store is). */
  workerData?: unknown;
  limits: WorkerPoolLimits;
  /** The refusal of a job when the queue is full, told how many wait ahead per worker. */
  refusal?: (aheadPerWorker: number) => Error;
}

/**
 * Jobs run in a few long-lived worker threads, one job per thread at a time. Threads start on
 * the first jobs and stay, with their caches and compiled code, until `close`; a thread that dies
 * is replaced by the next job. Jobs beyond the threads wait in order; beyond the queue they are
 * refused rather than held in memory. A pool with nothing to do does not keep the process alive;
 * a job in progress does.
 */
export class WorkerPool<TJob, TResult> {
  private readonly workers: PoolWorker<TJob, TResult>[] = [];
  private readonly waiting: Waiting<TJob, TResult>[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.limits.workers < 1) throw new RangeError('A worker pool needs at least one worker.');
  }

  /** What a worker makes of `job`; `transfer` names the job's buffers to move rather than copy. */
  run(job: TJob, transfer: ArrayBuffer[] = []): Promise<TResult> {
    if (this.closed) return Promise.reject(new Error('The workers are closed.'));
    const { workers, queue } = this.options.limits;
    const idle = this.workers.find((w) => w.job === null);
    if (idle === undefined && this.workers.length >= workers && this.waiting.length >= queue) {
      const aheadPerWorker = this.waiting.length / workers;
      return Promise.reject(
        this.options.refusal?.(aheadPerWorker) ?? new Error('Every worker is busy and the queue is full.'),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still waiting or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('The server is stopping: the job was not done.');
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
      worker.thread.ref();
      worker.thread.postMessage(waiting.job, waiting.transfer);
    }
  }

  private start(): PoolWorker<TJob, TResult> | null {
    if (this.closed || this.workers.length >= this.options.limits.workers) return null;
    const { source, workerData } = this.options;
    const thread = new Worker(source.code, { eval: source.eval, workerData });
    const worker: PoolWorker<TJob, TResult> = { thread, job: null };
    thread.on('message', (reply: WorkerReply<TResult>) => {
      const job = worker.job;
      worker.job = null;
      thread.unref();
      if (reply.ok) job?.resolve(reply.result);
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
    thread.on('exit', (code) => lost(new Error(`The worker stopped (exit code ${code}) before its answer.`)));
    this.workers.push(worker);
    return worker;
  }
}
