import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from './markdown.js';
import { minutesDocument } from './minutes.js';
import type { MinutesReply, MinutesRequest } from './minutesPool.js';
import { layoutPdf } from './pdfLayout.js';

// A worker thread of `MinutesPool`: builds and writes out one job's minutes at a time, for as long as the pool lives.
parentPort?.on('message', (job: Uint8Array) => {
  const answer = (reply: MinutesReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(reply, transfer);
  void (async () => {
    try {
      const { state, scope, format, headHash, earlier } = deserialize(job) as MinutesRequest;
      const document = minutesDocument(state, scope, headHash, earlier);
      const file = format === 'pdf' ? await layoutPdf(document, scope.lang) : Buffer.from(renderMarkdown(document));
      const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
      // Moved rather than copied, unless the bytes share their memory with other buffers.
      const own = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength;
      answer({ ok: true, bytes }, own ? [file.buffer as ArrayBuffer] : []);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      answer({ ok: false, name, message });
    }
  })();
});
