import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryStore, SqliteStore, type ApiTokenRecord, type Store } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import pg from 'pg';
import { describe, expect, onTestFinished, test } from 'vitest';
import { connectionOf } from '../helpers/sqliteConnection.js';
import { tempDir } from '../helpers/tempDir.js';

const token = (id: string, organisationId = 'main', createdAt = '2026-04-13T08:00:00.000Z'): ApiTokenRecord => ({
  id,
  organisationId,
  name: `Token ${id}`,
  scopes: ['read:sessions', 'write:reports'],
  tokenHash: `hash-${id}`,
  createdAt,
  createdBy: 'admin',
  expiresAt: '2026-07-01T00:00:00.000Z',
  revokedAt: null,
  lastUsedAt: null,
  useCount: 0,
});

/**
 * Tokens as a store before migration 10 may hold them: names repeated among the tokens not
 * revoked, letter case aside, oldest first.
 */
const before10: [id: string, organisationId: string, name: string, createdAt: string, revokedAt: string | null][] = [
  ['t1', 'main', 'Ledger', '2026-04-13T08:00:00.000Z', null],
  ['t2', 'main', 'LEDGER', '2026-04-13T09:00:00.000Z', null],
  ['t3', 'main', 'Ledger (2)', '2026-04-13T10:00:00.000Z', null],
  ['t4', 'main', 'ledger', '2026-04-13T11:00:00.000Z', '2026-04-13T12:00:00.000Z'],
  ['t5', 'elsewhere', 'Ledger', '2026-04-13T12:00:00.000Z', null],
];
const insertBefore10 =
  'INSERT INTO api_tokens (id, organisation_id, name, scopes, token_hash, created_at, created_by, revoked_at) ' +
  "VALUES ($1, $2, $3, '[\"read:sessions\"]', 'hash-' || $1, $4, 'admin', $5)";

/** What migration 10 made of {@link before10}: the oldest keeps the name, a later one is renamed, a revoked one kept. */
async function expectNamesKeptApart(store: Store) {
  const names = Object.fromEntries(
    [...(await store.listApiTokens('main')), ...(await store.listApiTokens('elsewhere'))].map((t) => [t.id, t.name]),
  );
  expect(names).toEqual({ t1: 'Ledger', t2: 'LEDGER (3)', t3: 'Ledger (2)', t4: 'ledger', t5: 'Ledger' });
  expect(await store.saveApiToken({ ...token('t6'), name: 'ledger' })).toBe(false);
  expect(await store.saveApiToken({ ...token('t7'), name: 'Ledger (4)' })).toBe(true);
}

/** The behaviour every store keeps for API tokens (migrations 4 and 10). */
function apiTokenStoreContract(name: string, open: () => Promise<Store>) {
  describe(`${name}: API tokens`, () => {
    test('a token is found by its hash only, listed newest first per organisation, with its scopes', async () => {
      const store = await open();
      await store.saveApiToken(token('t1'));
      await store.saveApiToken(token('t2', 'main', '2026-04-14T08:00:00.000Z'));
      await store.saveApiToken(token('t3', 'elsewhere'));
      expect(await store.findApiToken('hash-t1')).toEqual(token('t1'));
      expect(await store.findApiToken('t1')).toBeNull();
      expect((await store.listApiTokens('main')).map((t) => t.id)).toEqual(['t2', 't1']);
      expect((await store.listApiTokens('elsewhere')).map((t) => t.scopes)).toEqual([
        ['read:sessions', 'write:reports'],
      ]);
    });

    test('each use is counted with its time; a revoke happens once, only within the organisation', async () => {
      const store = await open();
      await store.saveApiToken(token('t1'));
      await store.recordApiTokenUse('t1', '2026-04-13T09:00:00.000Z');
      await store.recordApiTokenUse('t1', '2026-04-13T09:05:00.000Z');
      expect(await store.findApiToken('hash-t1')).toMatchObject({
        useCount: 2,
        lastUsedAt: '2026-04-13T09:05:00.000Z',
      });
      expect(await store.revokeApiToken('elsewhere', 't1', '2026-04-13T10:00:00.000Z')).toBe(false);
      expect(await store.revokeApiToken('main', 't1', '2026-04-13T10:00:00.000Z')).toBe(true);
      expect(await store.revokeApiToken('main', 't1', '2026-04-13T11:00:00.000Z')).toBe(false);
      expect((await store.findApiToken('hash-t1'))?.revokedAt).toBe('2026-04-13T10:00:00.000Z');
    });

    test('a name another token of the organisation not revoked has, letter case aside, is not saved; revoked or elsewhere, it is free', async () => {
      const store = await open();
      expect(await store.saveApiToken({ ...token('t1'), name: 'Équipe ledger' })).toBe(true);
      // Straight to the store, past any check of the service: the store itself refuses it.
      expect(await store.saveApiToken({ ...token('t2'), name: 'ÉQUIPE LEDGER' })).toBe(false);
      expect(await store.findApiToken('hash-t2')).toBeNull();
      expect(await store.saveApiToken({ ...token('t3', 'elsewhere'), name: 'équipe ledger' })).toBe(true);
      expect(await store.revokeApiToken('main', 't1', '2026-04-13T10:00:00.000Z')).toBe(true);
      expect(
        await store.saveApiToken({ ...token('t4', 'main', '2026-04-14T08:00:00.000Z'), name: 'équipe Ledger' }),
      ).toBe(true);
      expect((await store.listApiTokens('main')).map((t) => t.id)).toEqual(['t4', 't1']);
    });

    test('two saves of one name at the same instant keep exactly one token', async () => {
      const store = await open();
      const saved = await Promise.all([
        store.saveApiToken({ ...token('t1'), name: 'Ledger' }),
        store.saveApiToken({ ...token('t2'), name: 'ledger' }),
      ]);
      expect(saved.toSorted()).toEqual([false, true]);
      expect(await store.listApiTokens('main')).toHaveLength(1);
    });
  });
}

apiTokenStoreContract('InMemoryStore', () => Promise.resolve(new InMemoryStore()));

apiTokenStoreContract('SqliteStore', async () => {
  const store = new SqliteStore(join(await tempDir(), 'plenum.sqlite'));
  onTestFinished(() => store.close());
  return store;
});

test('SqliteStore migration 10: names repeated until then are told apart, the oldest keeping its own', async () => {
  const file = join(await tempDir(), 'plenum.sqlite');
  // The file as version 9 left it: no name key, no unique index, names repeated.
  const made = new SqliteStore(file);
  const db = connectionOf(made);
  db.prepare('DROP INDEX api_tokens_live_name').run();
  db.prepare('ALTER TABLE api_tokens DROP COLUMN name_key').run();
  db.pragma('user_version = 9');
  const insert = db.prepare(insertBefore10.replaceAll(/\$(\d)/g, '@p$1'));
  for (const row of before10) insert.run(Object.fromEntries(row.map((value, i) => [`p${i + 1}`, value])));
  await made.close();

  const store = new SqliteStore(file);
  onTestFinished(() => store.close());
  await expectNamesKeptApart(store);
});

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  test('PostgresStore migration 10: names repeated until then are told apart, the oldest keeping its own', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    await (await PostgresStore.open(databaseUrl, { schema })).close();
    // The schema as version 9 left it: no name key, no unique index, names repeated.
    const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query('DROP INDEX api_tokens_live_name');
      await client.query('ALTER TABLE api_tokens DROP COLUMN name_key');
      await client.query('UPDATE schema_version SET version = 9');
      for (const row of before10) await client.query(insertBefore10, row);
    } finally {
      await client.end();
    }

    const store = await PostgresStore.open(databaseUrl, { schema });
    onTestFinished(() => store.close());
    await expectNamesKeptApart(store);
  });

  apiTokenStoreContract('PostgresStore', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    const store = await PostgresStore.open(databaseUrl, { schema });
    onTestFinished(() => store.close());
    return store;
  });
} else {
  test.skip('PostgresStore API tokens: runs when DATABASE_URL is set', () => undefined);
}
