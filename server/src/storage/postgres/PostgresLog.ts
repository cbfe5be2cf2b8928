import type { SessionEvent } from '@plenum/shared';
import pg from 'pg';
import type { SnapshotHead, StateSnapshot, StoreAddress } from '../../domain/ports.js';
import { toEvent, type EventRow } from '../rows.js';
import { snapshotParts } from '../snapshotParts.js';
import type { StateConnection } from '../stateConnection.js';
import { inTransaction } from './transaction.js';

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
    const { rows } = await this.pool.query<{ seq: number; version: number; data: Buffer }>(
      `SELECT s.seq, s.version, p.data FROM snapshots s
       JOIN snapshot_parts p ON p.session_id = s.session_id AND p.generation = s.generation
       WHERE s.session_id = $1 ORDER BY p.part`,
      [sessionId],
    );
    const [first] = rows;
    if (!first) return null;
    const state = Buffer.concat(rows.map((row) => row.data)).toString('utf8');
    return { sessionId, seq: first.seq, version: first.version, state };
  }

  async loadSnapshotHead(sessionId: string): Promise<SnapshotHead | null> {
    const { rows } = await this.pool.query<{ seq: number; version: number; bytes: number }>(
      'SELECT seq, version, bytes FROM snapshots WHERE session_id = $1',
      [sessionId],
    );
    return rows[0] ? { sessionId, ...rows[0] } : null;
  }

  async loadSnapshotBytes(head: SnapshotHead): Promise<Uint8Array | null> {
    const data = await this.partsOf(head, null);
    return data.length === 0 ? null : Buffer.concat(data, head.bytes);
  }

  async loadSnapshotPart(head: SnapshotHead, index: number): Promise<Uint8Array | null> {
    return (await this.partsOf(head, index))[0] ?? null;
  }

  /**
   * Writes the state's parts as a new generation, points the head at it and removes the parts of
   * the generations before, in one transaction: a reader sees the snapshot before, whole, until
   * it commits. A save that began before a later one committed leaves the later one current.
   */
  async saveSnapshot({ sessionId, seq, version, state }: StateSnapshot): Promise<void> {
    const { parts, bytes } = snapshotParts(state);
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ generation: number }>(
        "SELECT nextval('snapshot_generations')::integer AS generation",
      );
      const { generation } = rows[0]!;
      for (const [index, data] of parts.entries())
        await client.query('INSERT INTO snapshot_parts (session_id, generation, part, data) VALUES ($1, $2, $3, $4)', [
          sessionId,
          generation,
          index,
          data,
        ]);
      await client.query(
        `INSERT INTO snapshots (session_id, seq, version, bytes, generation) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, version = excluded.version,
           bytes = excluded.bytes, generation = excluded.generation
         WHERE excluded.generation > snapshots.generation`,
        [sessionId, seq, version, bytes, generation],
      );
      await client.query(
        `DELETE FROM snapshot_parts WHERE session_id = $1
         AND generation < (SELECT generation FROM snapshots WHERE session_id = $1)`,
        [sessionId],
      );
    });
  }

  /** The data of part `index` (every part when null) of the snapshot `head` describes, while it is the session's latest. */
  private async partsOf(head: SnapshotHead, index: number | null): Promise<Buffer[]> {
    const { rows } = await this.pool.query<{ data: Buffer }>(
      `SELECT p.data FROM snapshots s
       JOIN snapshot_parts p ON p.session_id = s.session_id AND p.generation = s.generation
       WHERE s.session_id = $1 AND s.seq = $2 AND s.version = $3 AND s.bytes = $4 AND ($5::integer IS NULL OR p.part = $5)
       ORDER BY p.part`,
      [head.sessionId, head.seq, head.version, head.bytes, index],
    );
    return rows.map((row) => row.data);
  }
}
