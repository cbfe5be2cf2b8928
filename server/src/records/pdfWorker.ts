import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { minutesDocument } from './minutes.js';
import type { PdfReply, PdfRequest } from './pdf.js';
import { layoutPdf } from './pdfLayout.js';

// A worker thread of `PdfPool`: builds and lays out one job's minutes at a time, for as long as the pool lives.
parentPort?.on('message', (job: Uint8Array) => {
  const answer = (reply: PdfReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(reply, transfer);
  void (async () => {
    try {
      const { state, scope, headHash } = deserialize(job) as PdfRequest;
      const pdf = await layoutPdf(minutesDocument(state, scope, headHash), scope.lang);
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      // Moved rather than copied, unless the bytes share their memory with other buffers.
      const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
      answer({ ok: true, pdf: bytes }, own ? [pdf.buffer as ArrayBuffer] : []);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      answer({ ok: false, name, message });
    }
  })();
});
