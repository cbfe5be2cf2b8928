import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { SessionState } from '@plenum/shared';
import type { RecordsScope } from './access.js';

/** What a PDF worker is asked for: the minutes of `state` as `scope` reads them. */
export interface PdfRequest {
  state: SessionState;
  scope: RecordsScope;
  /** The chain hash of the log's head (`state.lastSeq`) for the footer; null: none printed. */
  headHash: string | null;
}

/** A job for the pool: its request serialised when the job is made, so it holds no live state. */
export interface PdfJob {
  readonly bytes: Buffer;
}

/**
 * The minutes of `state` as `scope` reads them, as a job for `PdfPool.render`. Made at once from
 * the live state (e.g. in `CommandService.read`): one pass over it on this thread, no copy kept.
 */
export function pdfJob(state: SessionState, scope: RecordsScope, headHash: string | null = null): PdfJob {
  return { bytes: serialize({ state, scope, headHash } satisfies PdfRequest) };
}

/** A worker's answer: the PDF's bytes (transferred, not copied), or why the job failed. */
export type PdfReply = { ok: true; pdf: Uint8Array } | { ok: false; name: string; message: string };

/** How many PDFs are made at once and how many more may wait. */
export interface PdfPoolLimits {
  /** Worker threads, each kept for the next job once started. */
  workers: number;
  /** Jobs waiting for a worker; one more is refused (`PdfQueueFull`). */
  queue: number;
}

export const defaultPdfPoolLimits: PdfPoolLimits = { workers: 2, queue: 8 };

/** Refusal of a job while every worker is busy and the queue is full: the server answers 503 with Retry-After. */
export class PdfQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The server is busy making other PDFs; try again in ${retryAfterSeconds} seconds.`);
    this.name = 'PdfQueueFull';
  }
}

/**
 * The worker's code: built, the compiled `pdfWorker.js` beside this file; run from source (tests,
 * `npm run dev`), `pdfWorker.ts` loaded through tsx as the dev server is (node 20 applies no
 * `--import` of a worker's execArgv, so the worker registers tsx before importing it).
 */
function workerSource(): { code: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { code: new URL('./pdfWorker.js', import.meta.url), eval: false };
  const worker = new URL('./pdfWorker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return { code, eval: true };
}

interface Waiting {
  job: PdfJob;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/** A worker thread with the job it is on, if any. */
interface PdfWorker {
  thread: Worker;
  job: Waiting | null;
}

/** Seconds a refused client is told to wait: about one layout of a long session per queued job and worker. */
const secondsPerJob = 3;

/**
 * The minutes as PDF, made in a few long-lived worker threads: the document is built from the
 * state and laid out there (seconds for a long session), so the server's event loop only
 * serialises the state (`pdfJob`) and moves bytes both ways. Workers start on the
 * first job and stay, with their fonts and compiled code, until `close`; a worker that dies is
 * replaced by the next job. Jobs beyond the workers wait in order; beyond the queue they are
 * refused with `PdfQueueFull` rather than held in memory.
 */
export class PdfPool {
  private readonly source = workerSource();
  private readonly workers: PdfWorker[] = [];
  private readonly waiting: Waiting[] = [];
  private closed = false;

  constructor(private readonly limits: PdfPoolLimits = defaultPdfPoolLimits) {
    if (limits.workers < 1) throw new RangeError('A PDF pool needs at least one worker.');
  }

  /** The PDF a job asks for. */
  render(job: PdfJob): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The PDF workers are closed.'));
    const idle = this.workers.find((w) => w.job === null);
    if (idle === undefined && this.workers.length >= this.limits.workers && this.waiting.length >= this.limits.queue) {
      const ahead = this.waiting.length / this.limits.workers + 1;
      return Promise.reject(new PdfQueueFull(Math.ceil(ahead * secondsPerJob)));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still waiting or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('The server is stopping: the PDF was not made.');
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

  private start(): PdfWorker | null {
    if (this.closed || this.workers.length >= this.limits.workers) return null;
    const thread = new Worker(this.source.code, { eval: this.source.eval });
    // An idle pool does not keep the process alive; a job in progress has its request doing that.
    thread.unref();
    const worker: PdfWorker = { thread, job: null };
    thread.on('message', (reply: PdfReply) => {
      const job = worker.job;
      worker.job = null;
      if (reply.ok) job?.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
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
    thread.on('exit', (code) => lost(new Error(`The PDF worker stopped (exit code ${code}) before its answer.`)));
    this.workers.push(worker);
    return worker;
  }
}
