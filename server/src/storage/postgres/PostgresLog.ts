import type { SessionEvent } from '@plenum/shared';
import pg from 'pg';
import type { SnapshotHead, StateSnapshot, StoreAddress } from '../../domain/ports.js';
import { toEvent, type EventRow } from '../rows.js';
import type { StateConnection } from '../stateConnection.js';

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema's name, refused unless it is a plain identifier (it is spliced into SQL). */
export function checkedSchema(schema: string): string {
  if (!schemaPattern.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  return schema;
}

/** A pool of at most `max` connections whose tables are the schema's; read-only ones refuse every write. */
export function postgresPool(connectionString: string, schema: string, max: number, readOnly = false): pg.Pool {
  const readOnlyOption = readOnly ? ' -c default_transaction_read_only=on' : '';
  return new pg.Pool({ connectionString, max, options: `-c search_path=${checkedSchema(schema)}${readOnlyOption}` });
}

/**
 * A session's log and its snapshot in PostgreSQL: through the store's pool, or through the small
 * pool another thread opens to make states there (`openStateConnection`).
 */
export class PostgresLog {
  constructor(private readonly pool: pg.Pool) {}

  /** A pool of this thread's own (two connections): read-only, or able to write snapshots (`snapshots`). */
  static open(address: Extract<StoreAddress, { kind: 'postgres' }>, access: 'read' | 'snapshots'): StateConnection {
    const pool = postgresPool(address.url, address.schema, 2, access === 'read');
    const log = new PostgresLog(pool);
    return {
      read: (sessionId, afterSeq, limit) => log.read(sessionId, afterSeq, limit),
      loadSnapshot: (sessionId) => log.loadSnapshot(sessionId),
      saveSnapshot: (snapshot) => log.saveSnapshot(snapshot),
      close: () => pool.end(),
    };
  }

  async read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      'SELECT session_id, seq, at, actor_id, type, payload FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [sessionId, afterSeq, limit],
    );
    return rows.map(toEvent);
  }

  async loadSnapshot(sessionId: string): Promise<StateSnapshot | null> {
    const { rows } = await this.pool.query<{ seq: number; version: number; state: string }>(
      'SELECT seq, version, state FROM snapshots WHERE session_id = $1',
      [sessionId],
    );
    return rows[0] ? { sessionId, ...rows[0] } : null;
  }

  /** PostgreSQL knows a text's length without reading it from its TOAST table (`octet_length`). */
  async loadSnapshotHead(sessionId: string): Promise<SnapshotHead | null> {
    const { rows } = await this.pool.query<{ seq: number; version: number; bytes: number }>(
      'SELECT seq, version, octet_length(state) AS bytes FROM snapshots WHERE session_id = $1',
      [sessionId],
    );
    return rows[0] ? { sessionId, ...rows[0] } : null;
  }

  async loadSnapshotBytes(head: SnapshotHead): Promise<Uint8Array | null> {
    const { rows } = await this.pool.query<{ state: string }>(
      'SELECT state FROM snapshots WHERE session_id = $1 AND seq = $2 AND version = $3 AND octet_length(state) = $4',
      [head.sessionId, head.seq, head.version, head.bytes],
    );
    return rows[0] ? Buffer.from(rows[0].state, 'utf8') : null;
  }

  async saveSnapshot(snapshot: StateSnapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO snapshots (session_id, seq, version, state) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, state = excluded.state`,
      [snapshot.sessionId, snapshot.seq, snapshot.version, snapshot.state],
    );
  }
}
