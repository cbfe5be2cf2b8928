import { randomUUID } from 'node:crypto';
import type { CommandResult, Participant, SessionEvent } from '@plenum/shared';
import pg from 'pg';
import {
  ConcurrencyError,
  type AppendOutcome,
  type AppendRequest,
  type InvitationRecord,
  type Store,
} from '../../domain/ports.js';
import { toEvent, type EventRow } from '../eventRow.js';
import { postgresMigrations } from './migrations.js';

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;
/** Any fixed number: the advisory lock that serialises migrations across processes. */
const migrationLock = 7_342_001;

/**
 * The store for several server processes: PostgreSQL, with the session's `heads` row locked
 * `FOR UPDATE` inside each append, so `seq` stays dense whichever process appends (P1).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';

  private constructor(
    private readonly pool: pg.Pool,
    private readonly epochValue: string,
  ) {}

  /** Connects, creates the schema if needed and applies pending migrations. */
  static async open(connectionString: string, options: { schema?: string } = {}): Promise<PostgresStore> {
    const schema = options.schema ?? 'plenum';
    if (!schemaPattern.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    const pool = new pg.Pool({ connectionString, max: 10, options: `-c search_path=${schema}` });
    try {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
        const row = await client.query<{ version: number }>('SELECT version FROM schema_version');
        let version = row.rows[0]?.version ?? 0;
        if (row.rowCount === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
        for (; version < postgresMigrations.length; version++) {
          await client.query('BEGIN');
          await client.query(postgresMigrations[version]!);
          await client.query('UPDATE schema_version SET version = $1', [version + 1]);
          await client.query('COMMIT');
        }
        await client.query("INSERT INTO settings (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [
          randomUUID(),
        ]);
        const epoch = await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'epoch'");
        return new PostgresStore(pool, epoch.rows[0]!.value);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  epoch(): Promise<string> {
    return Promise.resolve(this.epochValue);
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    if (request.events.length === 0) throw new Error('nothing to append');
    const { sessionId, commandId } = request;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        'INSERT INTO heads (session_id, seq, created_at) VALUES ($1, 0, $2) ON CONFLICT (session_id) DO NOTHING',
        [sessionId, request.at],
      );
      // The row lock orders appends of one session across every process; the command-id check
      // comes after it so two processes cannot both miss the same id.
      const head = (
        await client.query<{ seq: number }>('SELECT seq FROM heads WHERE session_id = $1 FOR UPDATE', [sessionId])
      ).rows[0]!.seq;
      if (commandId !== null) {
        const known = await client.query<{ seq: number }>(
          'SELECT seq FROM commands WHERE session_id = $1 AND command_id = $2',
          [sessionId, commandId],
        );
        if (known.rows[0]) {
          await client.query('ROLLBACK');
          return { kind: 'duplicate', result: { seq: known.rows[0].seq } };
        }
      }
      if (head !== request.expectedSeq) throw new ConcurrencyError(sessionId, request.expectedSeq, head);
      const events = request.events.map((event, i) => ({
        ...event,
        seq: head + i + 1,
        sessionId,
        at: request.at,
        actorId: request.actorId,
      }));
      await client.query(
        `INSERT INTO events (session_id, seq, at, actor_id, type, payload, command_id)
         SELECT $1, s, $2, $3, t, p, $4 FROM unnest($5::int[], $6::text[], $7::text[]) AS u(s, t, p)`,
        [
          sessionId,
          request.at,
          request.actorId,
          commandId,
          events.map((e) => e.seq),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.payload)),
        ],
      );
      const last = head + events.length;
      await client.query('UPDATE heads SET seq = $1 WHERE session_id = $2', [last, sessionId]);
      if (commandId !== null) {
        await client.query('INSERT INTO commands (session_id, command_id, actor_id, seq) VALUES ($1, $2, $3, $4)', [
          sessionId,
          commandId,
          request.actorId,
          last,
        ]);
      }
      await client.query('COMMIT');
      return { kind: 'appended', result: { seq: last }, events };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async findCommand(sessionId: string, commandId: string): Promise<{ actorId: string; result: CommandResult } | null> {
    const { rows } = await this.pool.query<{ actor_id: string; seq: number }>(
      'SELECT actor_id, seq FROM commands WHERE session_id = $1 AND command_id = $2',
      [sessionId, commandId],
    );
    return rows[0] ? { actorId: rows[0].actor_id, result: { seq: rows[0].seq } } : null;
  }

  async read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      'SELECT session_id, seq, at, actor_id, type, payload FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [sessionId, afterSeq, limit],
    );
    return rows.map(toEvent);
  }

  async head(sessionId: string): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number }>('SELECT seq FROM heads WHERE session_id = $1', [sessionId]);
    return rows[0]?.seq ?? 0;
  }

  async listSessions(): Promise<string[]> {
    const { rows } = await this.pool.query<{ session_id: string }>(
      'SELECT session_id FROM heads WHERE seq > 0 ORDER BY position',
    );
    return rows.map((r) => r.session_id);
  }

  async getSetting(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  async saveInvitation(record: InvitationRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO invitations (token_hash, session_id, participant, participant_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        record.tokenHash,
        record.sessionId,
        JSON.stringify(record.participant),
        record.participant.id,
        record.createdAt,
        record.expiresAt,
        record.revokedAt,
      ],
    );
  }

  async findInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    const { rows } = await this.pool.query<{
      token_hash: string;
      session_id: string;
      participant: Participant;
      created_at: string;
      expires_at: string | null;
      revoked_at: string | null;
    }>('SELECT * FROM invitations WHERE token_hash = $1', [tokenHash]);
    const row = rows[0];
    return row
      ? {
          tokenHash: row.token_hash,
          sessionId: row.session_id,
          participant: row.participant,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
        }
      : null;
  }

  async revokeInvitations(sessionId: string, participantId: string, at: string): Promise<number> {
    const result = await this.pool.query(
      'UPDATE invitations SET revoked_at = $1 WHERE session_id = $2 AND participant_id = $3 AND revoked_at IS NULL',
      [at, sessionId, participantId],
    );
    return result.rowCount ?? 0;
  }

  /** Drops this store's schema and everything in it; for tests that made their own. */
  static async dropSchema(connectionString: string, schema: string): Promise<void> {
    if (!schemaPattern.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
