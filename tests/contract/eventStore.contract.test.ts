import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConcurrencyError, InMemoryStore, SqliteStore, verifyLog, type AppendRequest } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { newEvent } from '@plenum/shared';
import pg from 'pg';
import { describe, expect, onTestFinished, test } from 'vitest';
import { connectionOf } from '../helpers/sqliteConnection.js';
import { tempDir } from '../helpers/tempDir.js';
import { eventStoreContract } from './eventStore.contract.js';

eventStoreContract('InMemoryStore', () => Promise.resolve(new InMemoryStore()));

eventStoreContract('SqliteStore', async () => new SqliteStore(join(await tempDir(), 'plenum.sqlite')), {
  inParts: true,
});

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  eventStoreContract(
    'PostgresStore',
    async () => {
      // Each test gets a schema of its own in the shared database, dropped when it finishes.
      const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
      return PostgresStore.open(databaseUrl, { schema });
    },
    { inParts: true },
  );

  test('PostgresStore: migration 7 computes the chain of a log kept before it, from seq 1', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    const store = await PostgresStore.open(databaseUrl, { schema });
    await store.append(append(0, 'cmd-00000001', 7));
    const before = await verifyLog(store, 's1');
    await store.close();
    // The schema as version 6 left it: no hash column, no checkpoints, no digests.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(
        `${asBeforeSnapshotParts(schema)}; ALTER TABLE ${schema}.events DROP COLUMN hash; DROP TABLE ${schema}.checkpoints; DROP TABLE ${schema}.digests; UPDATE ${schema}.schema_version SET version = 6`,
      );
    } finally {
      await client.end();
    }
    const migrated = await PostgresStore.open(databaseUrl, { schema });
    onTestFinished(() => migrated.close());
    expect(await verifyLog(migrated, 's1')).toEqual(before);
    await migrated.append(append(7, 'cmd-00000002'));
    expect(await verifyLog(migrated, 's1')).toMatchObject({ intact: true, head: 8 });
  });

  test('PostgresStore: migration 9 keeps a snapshot saved whole before it, read back whole and in parts', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    await (await PostgresStore.open(databaseUrl, { schema })).close();
    const state = JSON.stringify({ lastSeq: 4, text: 'NUL \u0000, emoji 🏭, CJK 钢铁厂' });
    // The schema as version 8 left it, with a snapshot kept as one text.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`${asBeforeSnapshotParts(schema)}; UPDATE ${schema}.schema_version SET version = 8`);
      await client.query(`INSERT INTO ${schema}.snapshots (session_id, seq, version, state) VALUES ('s1', 4, 8, $1)`, [
        state,
      ]);
    } finally {
      await client.end();
    }
    const migrated = await PostgresStore.open(databaseUrl, { schema });
    onTestFinished(() => migrated.close());
    expect(await migrated.loadSnapshot('s1')).toEqual({ sessionId: 's1', seq: 4, version: 8, state });
    const head = (await migrated.loadSnapshotHead('s1'))!;
    expect(head).toEqual({ sessionId: 's1', seq: 4, version: 8, bytes: Buffer.byteLength(state, 'utf8') });
    expect(Buffer.from((await migrated.loadSnapshotPart(head, 0))!).toString('utf8')).toBe(state);
    expect(await migrated.loadSnapshotPart(head, 1)).toBeNull();
    await migrated.saveSnapshot({ sessionId: 's1', seq: 5, version: 8, state: '{"lastSeq":5}' });
    expect((await migrated.loadSnapshot('s1'))?.state).toBe('{"lastSeq":5}');
  });
} else {
  test.skip('PostgresStore store contract: runs when DATABASE_URL is set', () => undefined);
}

/** SQL that takes a PostgreSQL schema back to before migration 9 (so before 10 too): snapshots kept as one text. */
function asBeforeSnapshotParts(schema: string): string {
  return `DROP TABLE ${schema}.snapshot_parts; DROP SEQUENCE ${schema}.snapshot_generations;
    ALTER TABLE ${schema}.snapshots DROP COLUMN bytes, DROP COLUMN generation, ADD COLUMN state TEXT NOT NULL;
    ${asBeforeApiTokenNames(schema)}`;
}

/** Undoes migration 10 (the API token names' key and unique index), which every earlier version lacks. */
function asBeforeApiTokenNames(schema: string): string {
  return `DROP INDEX ${schema}.api_tokens_live_name; ALTER TABLE ${schema}.api_tokens DROP COLUMN name_key`;
}

const at = '2026-04-13T08:00:00.000Z';
const append = (expectedSeq: number, commandId: string | null = null, count = 1): AppendRequest => ({
  sessionId: 's1',
  commandId,
  actorId: 'p-1',
  expectedSeq,
  at,
  events: Array.from({ length: count }, (_, i) =>
    newEvent('session:renamed', { title: `Title ${expectedSeq + i + 1}` }),
  ),
});

/** Opens a SQLite store (a fresh file unless given one), closed when the test finishes. */
async function openStore(file?: string): Promise<{ store: SqliteStore; path: string }> {
  const path = file ?? join(await tempDir(), 'plenum.sqlite');
  const store = new SqliteStore(path);
  onTestFinished(() => store.close());
  return { store, path };
}

describe('SqliteStore only', () => {
  test('the checkpoint key is made once and survives close and reopen', async () => {
    const { store, path } = await openStore();
    const key = await store.publicKey();
    await store.close();
    const { store: reopened } = await openStore(path);
    expect(await reopened.publicKey()).toEqual(key);
  });

  test('migration 7 computes the chain of a log kept before it, from seq 1', async () => {
    const { store, path } = await openStore();
    await store.append(append(0, 'cmd-00000001', 7));
    const before = await verifyLog(store, 's1');
    // The file as version 6 left it: no hash column, no checkpoints, the snapshots in one row each, no digests.
    const db = connectionOf(store);
    for (const statement of [
      'DROP INDEX api_tokens_live_name',
      'ALTER TABLE api_tokens DROP COLUMN name_key',
      'DROP TRIGGER events_append_only_update',
      'ALTER TABLE events DROP COLUMN hash',
      "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
      'DROP TABLE checkpoints',
      'DROP TABLE digests',
      'DROP TABLE snapshot_parts',
      'DROP TABLE snapshots',
      'CREATE TABLE snapshots (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL) STRICT',
    ]) {
      db.prepare(statement).run();
    }
    db.pragma('user_version = 6');
    await store.close();
    const { store: migrated } = await openStore(path);
    expect(await verifyLog(migrated, 's1')).toEqual(before);
    // Appends after the migration chain on the migrated head; the append-only trigger is back.
    await migrated.append(append(7, 'cmd-00000002'));
    expect(await verifyLog(migrated, 's1')).toMatchObject({ intact: true, head: 8 });
    expect(() => connectionOf(migrated).prepare("UPDATE events SET payload = '{}' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
  });

  test('P10: the events table rejects UPDATE and DELETE (append-only trigger)', async () => {
    const { store } = await openStore();
    await store.append(append(0, 'cmd-00000001', 2));
    const db = connectionOf(store);
    expect(() => db.prepare("UPDATE events SET payload = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect((await store.read('s1', 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    expect(store.integrityCheck()).toBe('ok');
  });

  test('P10: after open, journal_mode is wal and synchronous is 2 (FULL)', async () => {
    const { store } = await openStore();
    const db = connectionOf(store);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  test('data survives close and reopen: events, heads, command ids, invitations, settings', async () => {
    const { store, path } = await openStore();
    await store.append(append(0, 'cmd-00000001', 3));
    await store.append(append(3, null));
    await store.append({ ...append(0, 'cmd-00000002'), sessionId: 's2' });
    const invitation = {
      tokenHash: 'hash-1',
      sessionId: 's1',
      participant: { id: 'p-1', name: 'Official', role: 'official' as const, unitId: null },
      createdAt: at,
      expiresAt: null,
      revokedAt: null,
    };
    await store.saveInvitation(invitation);
    await store.setSetting('demo.sessionId', 's1');
    const before = await store.read('s1', 0, 100);
    await store.close();

    const { store: reopened } = await openStore(path);
    expect(await reopened.read('s1', 0, 100)).toEqual(before);
    expect(await reopened.head('s1')).toBe(4);
    expect(await reopened.head('s2')).toBe(1);
    expect(await reopened.listSessions()).toEqual(['s1', 's2']);
    expect(await reopened.findInvitation('hash-1')).toEqual(invitation);
    expect(await reopened.getSetting('demo.sessionId')).toBe('s1');
    // P2 holds across a restart: the retry of a committed command still gets its first answer.
    expect(await reopened.append(append(0, 'cmd-00000001', 2))).toEqual({ kind: 'duplicate', result: { seq: 3 } });
    // P1: the log continues at head + 1.
    expect(await reopened.append(append(4, 'cmd-00000003'))).toMatchObject({ kind: 'appended', result: { seq: 5 } });
  });

  test('P6: the epoch is stable across reopen, and another file has another epoch', async () => {
    const { store, path } = await openStore();
    const epoch = await store.epoch();
    await store.close();
    const { store: reopened } = await openStore(path);
    expect(await reopened.epoch()).toBe(epoch);
    const { store: other } = await openStore();
    expect(await other.epoch()).not.toBe(epoch);
  });

  test('P6: a store restored from an older backup has another epoch; the backup is taken while the store is in use', async () => {
    const { store, path } = await openStore();
    await store.append(append(0, null, 2));
    const backup = `${path}.backup`;
    await SqliteStore.backup(path, backup);
    await store.append(append(2, null, 3));
    const epoch = await store.epoch();
    await store.close();
    SqliteStore.restore(backup, path);
    const { store: restored } = await openStore(path);
    expect(await restored.head('s1')).toBe(2);
    expect(await restored.epoch()).not.toBe(epoch);
  });

  test('P6: a restored store has the backup’s state snapshots, which fit its log, not the newer ones', async () => {
    const { store, path } = await openStore();
    await store.append(append(0, null, 2));
    await store.saveSnapshot({ sessionId: 's1', seq: 2, version: 1, state: '{"lastSeq":2}' });
    const backup = `${path}.backup`;
    await SqliteStore.backup(path, backup);
    await store.append(append(2, null, 3));
    await store.saveSnapshot({ sessionId: 's1', seq: 5, version: 1, state: '{"lastSeq":5}' });
    await store.close();
    SqliteStore.restore(backup, path);
    const { store: restored } = await openStore(path);
    expect(await restored.head('s1')).toBe(2);
    expect(await restored.loadSnapshot('s1')).toMatchObject({ seq: 2, state: '{"lastSeq":2}' });
  });

  test('P6: restoring refuses a file that is not a sound SQLite database', async () => {
    const { store, path } = await openStore();
    await store.close();
    const junk = `${path}.junk`;
    await writeFile(junk, 'not a database');
    expect(() => SqliteStore.restore(junk, path)).toThrow();
  });

  test('P1: two connections to one file cannot both append on the same head', async () => {
    const { store, path } = await openStore();
    const { store: second } = await openStore(path);
    await store.append(append(0));
    await expect(second.append(append(0))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await second.append(append(1))).toMatchObject({ kind: 'appended', result: { seq: 2 } });
    expect((await store.read('s1', 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
  });

  test('closing a closed store is harmless', async () => {
    const { store } = await openStore();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('InMemoryStore only', () => {
  test('P6: each instance has its own epoch', async () => {
    expect(await new InMemoryStore().epoch()).not.toBe(await new InMemoryStore().epoch());
  });
});
