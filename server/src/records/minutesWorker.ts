import { deserialize } from 'node:v8';
import { workerData } from 'node:worker_threads';
import type { SessionState } from '@plenum/shared';
import { movable, serveJobs } from '../lib/workerPool.js';
import { threadStates } from '../storage/stateConnection.js';
import { renderMarkdown } from './markdown.js';
import { minutesDocument } from './minutes.js';
import type { MinutesJob, MinutesWorkerData } from './minutesPool.js';
import { layoutPdf } from './pdfLayout.js';

// A worker thread of `MinutesPool`: makes one job's minutes at a time, for as long as the pool lives.
const { address } = workerData as MinutesWorkerData;
const opened = address && threadStates(address, 'read');

/** The state the job's minutes are of: made here from the store, or sent with the job (a store in memory). */
async function stateOf(job: MinutesJob): Promise<SessionState> {
  if (job.state) return deserialize(job.state) as SessionState;
  if (!opened) throw new Error('The minutes worker has no store to read the session from.');
  return (await opened()).states.at(job.sessionId, job.seq);
}

serveJobs<MinutesJob, Uint8Array>(async (job) => {
  const document = minutesDocument(await stateOf(job), job.scope, job.headHash, job.earlier);
  const file = job.format === 'pdf' ? await layoutPdf(document, job.scope.lang) : Buffer.from(renderMarkdown(document));
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}, movable);
