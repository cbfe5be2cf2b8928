import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from '@plenum/server';

/**
 * A thread of its own that commits on its own store connection (synchronous=FULL, as every
 * commit of the store) every 5 ms until it is sent a message, then answers with how long each
 * commit took: a commit that meets another connection's write lock waits in SQLite's busy handler.
 */
const store = new SqliteStore((workerData as { file: string }).file);
const times: number[] = [];
let stopped = false;
parentPort?.once('message', () => (stopped = true));

async function probe(): Promise<void> {
  parentPort?.postMessage('started');
  while (!stopped) {
    const started = performance.now();
    await store.setSetting('commit-probe', String(started));
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await store.close();
  parentPort?.postMessage(times);
}

void probe();
