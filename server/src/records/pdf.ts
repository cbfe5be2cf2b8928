import { Worker } from 'node:worker_threads';
import type { RecordDocument } from './document.js';

/** What a PDF worker lays out. */
export interface PdfJob {
  document: RecordDocument;
  lang: string;
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
const source = workerSource();

/**
 * A record as a PDF (`layoutPdf`), laid out in a worker thread of its own: a long session's
 * layout takes seconds, and the server keeps answering meanwhile.
 */
export function renderPdf(document: RecordDocument, lang: string): Promise<Buffer> {
  const job: PdfJob = { document, lang };
  return new Promise((resolve, reject) => {
    const worker = new Worker(source.code, { eval: source.eval, workerData: job });
    worker.once('message', (pdf: Uint8Array) => resolve(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The PDF worker stopped (exit code ${code}) before its answer.`)));
  });
}
