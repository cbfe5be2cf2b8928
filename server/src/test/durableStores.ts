import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionEvent } from '@plenum/shared';
import { onTestFinished } from 'vitest';
import type { Store } from '../domain/ports.js';
import { importRequests } from '../records/archive.js';
import { SqliteStore } from '../storage/sqlite/SqliteStore.js';

/** A durable store kind and how to open a fresh one, closed (and removed) when the running test finishes. */
export interface DurableStore {
  kind: 'sqlite' | 'postgres';
  open: () => Promise<Store>;
}

const databaseUrl = process.env.DATABASE_URL;

/**
 * The durable stores this machine has: a SQLite file in a temp dir, and PostgreSQL when
 * DATABASE_URL is set (CI sets it), in a schema of its own dropped afterwards.
 */
export const durableStores: DurableStore[] = [
  {
    kind: 'sqlite',
    open: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'plenum-store-'));
      const store = new SqliteStore(join(dir, 'plenum.sqlite'));
      onTestFinished(async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      });
      return store;
    },
  },
  ...(databaseUrl === undefined
    ? []
    : [
        {
          kind: 'postgres' as const,
          open: async () => {
            const { PostgresStore } = await import('../storage/postgres/PostgresStore.js');
            const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
            const store = await PostgresStore.open(databaseUrl, { schema });
            onTestFinished(async () => {
              await store.close();
              await PostgresStore.dropSchema(databaseUrl, schema);
            });
            return store;
          },
        },
      ]),
];

/** Appends `events`, the next part of a session's log, to `store` as its log of that session, numbered as they are. */
export async function copyLog(store: Store, events: readonly SessionEvent[]): Promise<void> {
  const sessionId = events[0]?.sessionId;
  if (sessionId !== undefined) await store.appendBatch(importRequests(events, sessionId, sessionId));
}
