import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, onTestFinished, test } from 'vitest';
import { unsynced } from './unsynced.js';

const normal = 1;
const full = 2;

async function openDb(): Promise<Database.Database> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-unsynced-'));
  const db = new Database(join(dir, 'plenum.sqlite'));
  onTestFinished(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY)');
  return db;
}

test('the write runs unsynced and the connection is synced again after it, whether it commits or throws', async () => {
  const db = await openDb();
  const insert = db.prepare('INSERT INTO rows (id) VALUES (?)');
  const during: unknown[] = [];
  const added = unsynced(db, () => {
    during.push(db.pragma('synchronous', { simple: true }));
    return db.transaction(() => insert.run('a').changes)();
  });
  expect(added).toBe(1);
  expect(during).toEqual([normal]);
  expect(db.pragma('synchronous', { simple: true })).toBe(full);

  expect(() =>
    unsynced(db, () => {
      during.push(db.pragma('synchronous', { simple: true }));
      return db.transaction(() => insert.run('a'))();
    }),
  ).toThrow(/UNIQUE constraint failed/);
  expect(during).toEqual([normal, normal]);
  expect(db.pragma('synchronous', { simple: true })).toBe(full);
  expect(db.prepare('SELECT id FROM rows').all()).toEqual([{ id: 'a' }]);
});
