import { workerData } from 'node:worker_threads';
import { snapshotOf } from '../domain/statesAt.js';
import { serveJobs } from '../lib/workerPool.js';
import type { SnapshotJob, SnapshotWorkerData } from './SnapshotThread.js';
import { threadStates } from './stateConnection.js';

// The thread of `SnapshotThread`: makes, serialises and writes one snapshot at a time.
const { address } = workerData as SnapshotWorkerData;
const opened = threadStates(address, 'snapshots');

serveJobs<SnapshotJob, null>(async ({ sessionId, seq, saving }) => {
  const { connection, states } = await opened();
  await connection.saveSnapshot(snapshotOf(await states.at(sessionId, seq)), saving);
  return null;
});
