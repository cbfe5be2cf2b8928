import type { SqliteStore } from '@plenum/server';

/** The part of a better-sqlite3 connection the SQLite-only contract tests use. */
export interface SqliteConnection {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(source: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
}

/**
 * The store's own connection. `synchronous` is a per-connection setting, so only this
 * connection can show what the store runs with; a second connection would show its own
 * default. Test-only: reaches a private field on purpose.
 */
export function connectionOf(store: SqliteStore): SqliteConnection {
  const db = (store as unknown as { db?: SqliteConnection }).db;
  if (!db || typeof db.pragma !== 'function')
    throw new Error('SqliteStore no longer keeps its connection in `db`; update this helper');
  return db;
}
