import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, onTestFinished, test } from 'vitest';
import type { StateSnapshot } from '../../domain/ports.js';
import { sqliteMigrations } from './migrations.js';
import { snapshotPartBytes } from '../snapshotParts.js';
import { SqliteLog } from './SqliteLog.js';
import { SqliteStore } from './SqliteStore.js';

/** A store file in a temp dir of its own, removed when the test finishes. */
async function storeFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-snapshots-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'plenum.sqlite');
}

function openStore(file: string): SqliteStore {
  const store = new SqliteStore(file);
  onTestFinished(() => store.close());
  return store;
}

/**
 * A state of about `parts` parts whose text has characters of two, three and four UTF-8 bytes
 * all along it, so that part boundaries fall inside characters.
 */
function snapshotOf(seq: number, parts: number, tag: string): StateSnapshot {
  const filler = `${tag} é 钢铁厂 🏭 `;
  const criticisms = Array.from({ length: Math.ceil((parts * snapshotPartBytes) / 40) }, (_, i) => `${filler}${i}`);
  return { sessionId: 's1', seq, version: 1, state: JSON.stringify({ lastSeq: seq, criticisms }) };
}

/** The generations whose parts the file holds, with how many parts each. */
function partsByGeneration(file: string): Record<number, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare<[], { generation: number; parts: number }>(
        'SELECT generation, count(*) AS parts FROM snapshot_parts GROUP BY generation',
      )
      .all();
    return Object.fromEntries(rows.map((row) => [row.generation, row.parts]));
  } finally {
    db.close();
  }
}

test('a snapshot written in parts reads back equal, its head gives its UTF-8 length, and the parts before it are removed', async () => {
  const file = await storeFile();
  const store = openStore(file);
  const first = snapshotOf(5, 3.5, 'first');
  await store.saveSnapshot(first);
  expect(await store.loadSnapshot('s1')).toEqual(first);
  const bytes = Buffer.byteLength(first.state, 'utf8');
  expect(Object.values(partsByGeneration(file))).toEqual([Math.ceil(bytes / snapshotPartBytes)]);
  const head = await store.loadSnapshotHead('s1');
  expect(head).toEqual({ sessionId: 's1', seq: 5, version: 1, bytes });
  expect(Buffer.from((await store.loadSnapshotBytes(head!))!).toString('utf8')).toBe(first.state);

  const second = snapshotOf(9, 2.2, 'second');
  await store.saveSnapshot(second);
  expect(await store.loadSnapshot('s1')).toEqual(second);
  // The head read before is no longer the latest: its bytes are not read.
  expect(await store.loadSnapshotBytes(head!)).toBeNull();
  const generations = partsByGeneration(file);
  expect(Object.values(generations)).toEqual([Math.ceil(Buffer.byteLength(second.state) / snapshotPartBytes)]);
});

test('a reader during a save sees the snapshot before it, whole, until the save makes the new one current', async () => {
  const file = await storeFile();
  const store = openStore(file);
  const before = snapshotOf(5, 6, 'before');
  await store.saveSnapshot(before);
  const writer = SqliteLog.open(file, 'snapshots');
  onTestFinished(() => writer.close());
  const after = snapshotOf(9, 6, 'after');
  let saved = false;
  const saving = writer.saveSnapshot(after).then(() => (saved = true));
  const seen: (string | undefined)[] = [];
  while (!saved) {
    seen.push((await store.loadSnapshot('s1'))?.state);
    // Reads come between the writer's transactions, which it spaces out.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await saving;
  // Lengths, not 6 MB texts, in a failure's message.
  const mixed = seen.filter((state) => state !== before.state && state !== after.state);
  expect(mixed.map((state) => state?.length)).toEqual([]);
  expect(seen.filter((state) => state === before.state).length).toBeGreaterThan(0);
  expect((await store.loadSnapshot('s1'))?.state).toBe(after.state);
});

test('the store commits between the parts of a snapshot being written, not only before or after the whole of it', async () => {
  const file = await storeFile();
  const store = openStore(file);
  const writer = SqliteLog.open(file, 'snapshots');
  onTestFinished(() => writer.close());
  const snapshot = snapshotOf(1, 8, 'big');
  const parts = Math.ceil(Buffer.byteLength(snapshot.state) / snapshotPartBytes);
  let saved = false;
  const saving = writer.saveSnapshot(snapshot).then(() => (saved = true));
  // How many parts were written when each commit landed.
  const writtenAtCommits = new Set<number>();
  for (let commit = 0; !saved; commit++) {
    await store.setSetting('probe', String(commit));
    writtenAtCommits.add(Object.values(partsByGeneration(file))[0] ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await saving;
  const between = [...writtenAtCommits].filter((written) => written > 0 && written < parts);
  expect(between.length).toBeGreaterThan(2);
  expect(await store.loadSnapshot('s1')).toEqual(snapshot);
});

/** How many turns of the event loop pass while `saving` runs. */
async function turnsDuring(saving: () => Promise<void>): Promise<number> {
  let turns = 0;
  let done = false;
  const turn = () => {
    if (done) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  await saving();
  done = true;
  return turns;
}

test('a snapshot saved alone (a graceful stop) is written without leaving the lock between its parts', async () => {
  const file = await storeFile();
  openStore(file);
  const writer = SqliteLog.open(file, 'snapshots');
  onTestFinished(() => writer.close());
  // Each rest between parts would be a turn of the event loop; alone, the parts follow one another.
  const first = snapshotOf(1, 4, 'shared');
  expect(await turnsDuring(() => writer.saveSnapshot(first))).toBeGreaterThanOrEqual(4);
  const second = snapshotOf(2, 4, 'alone');
  expect(await turnsDuring(() => writer.saveSnapshot(second, { alone: true }))).toBe(0);
  expect(await writer.loadSnapshot('s1')).toEqual(second);
  expect(Object.values(partsByGeneration(file))).toEqual([
    Math.ceil(Buffer.byteLength(second.state) / snapshotPartBytes),
  ]);
});

test('migration 8: a snapshot kept in one row before it is read after it, and replaced by one in parts', async () => {
  const file = await storeFile();
  // The file as version 7 left it, with a snapshot in the one row it had then.
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const migration of sqliteMigrations.slice(0, 7)) {
    if (typeof migration === 'string') db.exec(migration);
    else migration(db);
  }
  db.pragma('user_version = 7');
  const old = snapshotOf(4, 1.5, 'one row');
  db.prepare('INSERT INTO snapshots (session_id, seq, version, state) VALUES (?, ?, ?, ?)').run(
    old.sessionId,
    old.seq,
    old.version,
    old.state,
  );
  db.close();

  const store = openStore(file);
  expect(await store.loadSnapshot('s1')).toEqual(old);
  expect(await store.loadSnapshotHead('s1')).toEqual({
    sessionId: 's1',
    seq: 4,
    version: 1,
    bytes: Buffer.byteLength(old.state),
  });
  const next = snapshotOf(8, 1.5, 'parts');
  await store.saveSnapshot(next);
  expect(await store.loadSnapshot('s1')).toEqual(next);
  expect(Object.keys(partsByGeneration(file))).toEqual(['2']);
});

test('parts a save left behind when it stopped before its end are never read, and the next save removes them', async () => {
  const file = await storeFile();
  const store = openStore(file);
  const kept = snapshotOf(3, 1, 'kept');
  await store.saveSnapshot(kept);
  const stray = new Database(file);
  stray
    .prepare('INSERT INTO snapshot_parts (session_id, generation, part, data) VALUES (?, ?, ?, ?)')
    .run('s1', 7, 0, Buffer.from('{"half":'));
  stray.close();
  expect(await store.loadSnapshot('s1')).toEqual(kept);
  const next = snapshotOf(6, 1, 'next');
  await store.saveSnapshot(next);
  expect(await store.loadSnapshot('s1')).toEqual(next);
  expect(Object.keys(partsByGeneration(file))).toEqual(['8']);
});
