import { mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { SqliteStore } from './SqliteStore.js';
import { WalCheckpoints } from './WalCheckpoints.js';

/** No checkpoint by the timer while a test runs: the test asks for each. */
const never = 3_600_000;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-wal-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function openStore(walCheckpointEveryMs?: number): Promise<SqliteStore> {
  const store = new SqliteStore(join(await tempDir(), 'plenum.sqlite'), { walCheckpointEveryMs });
  onTestFinished(() => store.close());
  return store;
}

/** About 1,500 WAL frames: half as many again as SQLite's own checkpoint size. */
async function commitPages(store: SqliteStore): Promise<void> {
  for (let i = 0; i < 750; i++) await store.setSetting(`page-${i}`, 'x'.repeat(6000));
}

test('with a checkpoint thread, the committing connection leaves the WAL to it, which copies all of it; the next commit starts the WAL over', async () => {
  const store = await openStore(never);
  expect(store.inlineCheckpointPages()).toBe(4000);

  await commitPages(store);
  const copied = await store.checkpointWal();
  // Checkpointed by the committing connection at 1,000 frames, the WAL would hold the ~500 since.
  expect(copied?.frames).toBeGreaterThan(1000);
  expect(copied).toEqual({ busy: false, frames: copied?.frames, copied: copied?.frames });

  await store.setSetting('after', 'x');
  const next = await store.checkpointWal();
  expect(next?.frames).toBeLessThan(10);
  expect(next?.copied).toBe(next?.frames);
});

test('without a checkpoint thread the store checkpoints as SQLite does', async () => {
  const store = await openStore();
  expect(store.inlineCheckpointPages()).toBe(1000);
  expect(store.checkpointWal()).toBeNull();
});

test('once the thread cannot checkpoint, the committing connection does again, and the thread is not asked any more', async () => {
  const store = await openStore(never);
  // The thread opens the file on its first checkpoint: gone, it cannot.
  rmSync(store.file);
  await expect(store.checkpointWal()).rejects.toThrow(/unable to open database file/);
  expect(store.inlineCheckpointPages()).toBe(1000);
  await expect(store.checkpointWal()).rejects.toThrow('WAL checkpoints are stopped.');
});

test('a failed checkpoint is told once; the timer checkpoints without being asked', async () => {
  const dir = await tempDir();
  const failures: string[] = [];
  const missing = new WalCheckpoints(join(dir, 'missing.sqlite'), (error) => failures.push(error.message), never);
  onTestFinished(() => missing.close());
  await expect(missing.checkpoint()).rejects.toThrow(/unable to open database file/);
  await expect(missing.checkpoint()).rejects.toThrow('WAL checkpoints are stopped.');
  expect(failures).toHaveLength(1);

  const store = await openStore();
  await store.setSetting('a', 'x');
  const timed = new WalCheckpoints(store.file, (error) => failures.push(error.message), 20);
  onTestFinished(() => timed.close());
  await expect.poll(() => timed.made, { timeout: 10_000 }).toBeGreaterThan(1);
  expect(failures).toHaveLength(1);
});
