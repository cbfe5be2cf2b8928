import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryStore, SqliteStore, type ApiTokenRecord, type Store } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { describe, expect, onTestFinished, test } from 'vitest';
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

/** The behaviour every store keeps for API tokens (migration 4). */
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
  });
}

apiTokenStoreContract('InMemoryStore', () => Promise.resolve(new InMemoryStore()));

apiTokenStoreContract('SqliteStore', async () => {
  const store = new SqliteStore(join(await tempDir(), 'plenum.sqlite'));
  onTestFinished(() => store.close());
  return store;
});

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
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
