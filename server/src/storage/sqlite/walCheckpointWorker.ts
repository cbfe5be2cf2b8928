import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { serveJobs } from '../../lib/workerPool.js';
import type { CheckpointOutcome, WalCheckpointData } from './WalCheckpoints.js';

// The thread of `WalCheckpoints`: copies the committed WAL into the database file on a connection
// of its own, without waiting for readers or writers (PASSIVE).
const { file } = workerData as WalCheckpointData;
let db: Database.Database | null = null;

function checkpoint(): CheckpointOutcome {
  if (!db) {
    db = new Database(file, { fileMustExist: true });
    // The checkpoint syncs the WAL before it copies and the database file after.
    db.pragma('synchronous = FULL');
  }
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: row!.busy === 1, frames: row!.log, copied: row!.checkpointed };
}

// A failure is the job's answer (a thrown error would end the thread with its message lost).
serveJobs<null, CheckpointOutcome>(() => new Promise((resolve) => resolve(checkpoint())));
