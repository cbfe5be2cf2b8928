import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryStore, SqliteStore, type App, type Store } from '@plenum/server';
import type { Participant, Role } from '@plenum/shared';

/** A server under test in this process, seeded with the demo review. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  app: App;
  store: Store;
  /** The demo review session. */
  sessionId: string;
  /** A valid invitation token per role (the demo has one participant per role). */
  tokens: Record<Role, string>;
  /** Who each token makes its bearer. */
  participants: Record<Role, Participant>;
  /**
   * The head `seq` of the demo session, read from the store once the attendance of every join
   * answered so far is in (a join is answered before its attendance is appended, P21).
   */
  head(): Promise<number>;
  /** Closes the server and the store, removes the temp dir. Idempotent. */
  close(): Promise<void>;
}

/** A store for a server under test and how to dispose of it. */
export interface TestStore {
  store: Store;
  /** Closes the store and removes its temp dir. */
  dispose: () => Promise<void>;
}

/**
 * `sqlite`: a file in a fresh temp dir named by `prefix`, as in production; `memory`: InMemoryStore;
 * `postgres`: a fresh schema of the PostgreSQL at DATABASE_URL (default: this machine's `test`
 * database), dropped on dispose. With PLENUM_TEST_STORE=postgres every kind is such a schema, so
 * a test runs unchanged there.
 */
export async function openTestStore(kind: 'sqlite' | 'memory' | 'postgres', prefix: string): Promise<TestStore> {
  if (kind === 'postgres' || process.env.PLENUM_TEST_STORE === 'postgres') {
    const { PostgresStore } = await import('@plenum/server/postgres');
    const url = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const store = await PostgresStore.open(url, { schema });
    return {
      store,
      dispose: async () => {
        await store.close();
        await PostgresStore.dropSchema(url, schema);
      },
    };
  }
  if (kind === 'memory') {
    const store = new InMemoryStore();
    return { store, dispose: () => store.close() };
  }
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const store = new SqliteStore(join(dir, 'plenum.sqlite'));
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Listens on a free port of 127.0.0.1 and answers the server's URL. */
export async function listenOnLoopback(httpServer: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
