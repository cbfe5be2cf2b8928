import type { EventStore, SnapshotStore, StoreAddress } from '../domain/ports.js';
import { StatesAt } from '../domain/statesAt.js';

/** What a thread other than the store's needs of it to make states and save their snapshots. */
export interface StateConnection
  extends Pick<EventStore, 'read' | 'close'>, Pick<SnapshotStore, 'loadSnapshot' | 'saveSnapshot'> {}

/**
 * A connection of this thread's own to the store at `address`: read-only (`read`), or able to
 * write snapshots too (`snapshots`). The driver of the other kind is never loaded.
 */
export async function openStateConnection(
  address: StoreAddress,
  access: 'read' | 'snapshots',
): Promise<StateConnection> {
  if (address.kind === 'postgres') {
    const { PostgresLog } = await import('./postgres/PostgresLog.js');
    return PostgresLog.open(address, access);
  }
  const { SqliteLog } = await import('./sqlite/SqliteLog.js');
  return SqliteLog.open(address.file, access);
}

/** A thread's connection to the store with the states it makes from it. */
export interface ThreadStates {
  connection: StateConnection;
  states: StatesAt;
}

/**
 * This thread's states ({@link StatesAt}) over a connection of its own to the store at `address`,
 * opened on first use, and again after an open that failed.
 */
export function threadStates(address: StoreAddress, access: 'read' | 'snapshots'): () => Promise<ThreadStates> {
  let opened: Promise<ThreadStates> | null = null;
  return () =>
    (opened ??= openStateConnection(address, access).then(
      (connection) => ({ connection, states: new StatesAt(connection) }),
      (error: unknown) => {
        opened = null;
        throw error;
      },
    ));
}
