import { randomUUID } from 'node:crypto';
import type { CommandResult, SessionEvent } from '@plenum/shared';
import pg from 'pg';
import {
  loadSigningKey,
  newSigningKeyPem,
  signCheckpoint,
  signingKeySetting,
  type Checkpoint,
  type CheckpointClaim,
  type PublicKeyInfo,
  type SigningKey,
} from '../../chain/checkpoint.js';
import type { ChainedEvent } from '../../chain/hash.js';
import { commandKey } from '../../domain/commandKey.js';
import {
  type ApiTokenRecord,
  type AppendOutcome,
  type AppendRequest,
  type InvitationChange,
  type InvitationRecord,
  type SnapshotHead,
  type StateSnapshot,
  type StoredDigest,
  type Store,
  type StoreAddress,
} from '../../domain/ports.js';
import { assertAppendable, planAppend } from '../appendPlan.js';
import {
  invitationValues,
  toChainedEvent,
  toCheckpoint,
  toInvitation,
  type ChainedEventRow,
  type CheckpointRow,
  type InvitationRow,
} from '../rows.js';
import { postgresMigrations } from './migrations.js';
import { PostgresWebhookStore } from './PostgresWebhookStore.js';
import { PostgresNotificationStore } from './PostgresNotificationStore.js';
import { PostgresApiTokens } from './PostgresApiTokens.js';
import { checkedSchema, PostgresLog, postgresPool } from './PostgresLog.js';

/** Any fixed number: the advisory lock that serialises migrations across processes. */
const migrationLock = 7_342_001;

/**
 * SQLSTATEs of a transaction that lost to another one and may simply run again: a
 * serialization failure, a deadlock (two processes creating the heads of the same new sessions
 * in different orders). Retried a few times; a moved head is not one of them: it is a
 * `ConcurrencyError`, which the command service answers by deciding again.
 */
const transientErrors = new Set(['40001', '40P01']);
const maxTransientRetries = 3;

/**
 * The store for several server processes: PostgreSQL, with the session's `heads` row locked
 * `FOR UPDATE` inside each append, so `seq` stays dense whichever process appends (P1).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  /** Webhook subscriptions and deliveries, in the same database. */
  readonly webhooks: PostgresWebhookStore;
  /** Notifications, the participants' choices and the e-mail outbox, in the same database. */
  readonly notifications: PostgresNotificationStore;
  private readonly apiTokens: PostgresApiTokens;
  private readonly log: PostgresLog;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly epochValue: string,
    private readonly signingKey: SigningKey,
    readonly address: StoreAddress,
  ) {
    this.log = new PostgresLog(pool);
    this.webhooks = new PostgresWebhookStore(pool);
    this.notifications = new PostgresNotificationStore(pool);
    this.apiTokens = new PostgresApiTokens(pool);
  }

  /** Connects, creates the schema if needed and applies pending migrations. */
  static async open(connectionString: string, options: { schema?: string } = {}): Promise<PostgresStore> {
    const schema = checkedSchema(options.schema ?? 'plenum');
    const pool = postgresPool(connectionString, schema, 10);
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
          const migration = postgresMigrations[version]!;
          if (typeof migration === 'string') await client.query(migration);
          else await migration(client);
          await client.query('UPDATE schema_version SET version = $1', [version + 1]);
          await client.query('COMMIT');
        }
        await client.query("INSERT INTO settings (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [
          randomUUID(),
        ]);
        const epoch = await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'epoch'");
        // Made by the first process to open the store, under the lock; every process signs with it.
        await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
          signingKeySetting,
          newSigningKeyPem(),
        ]);
        const key = await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
          signingKeySetting,
        ]);
        return new PostgresStore(pool, epoch.rows[0]!.value, loadSigningKey(key.rows[0]!.value), {
          kind: 'postgres',
          url: connectionString,
          schema,
        });
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
    return (await this.appendBatch([request]))[0]!;
  }

  async appendBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    assertAppendable(requests);
    if (requests.length === 0) return [];
    for (let retries = 0; ; retries++) {
      try {
        return await this.appendInTransaction(requests);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (retries >= maxTransientRetries || typeof code !== 'string' || !transientErrors.has(code)) throw error;
      }
    }
  }

  /**
   * One transaction: the heads of the batch's sessions are locked (`FOR UPDATE`), so `seq` is
   * assigned from the head as PostgreSQL holds it, and checked against each request's
   * `expectedSeq` (P1).
   */
  private async appendInTransaction(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const firstAt = new Map<string, string>();
    for (const request of requests) if (!firstAt.has(request.sessionId)) firstAt.set(request.sessionId, request.at);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO heads (session_id, seq, created_at) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
         ON CONFLICT (session_id) DO NOTHING`,
        [[...firstAt.keys()], [...firstAt.keys()].map(() => 0), [...firstAt.values()]],
      );
      // The row locks order appends of a session across every process; the command-id check
      // comes after them so two processes cannot both miss the same id. Locked in one order
      // (ORDER BY), so two processes appending to the same sessions cannot deadlock.
      const headRows = (
        await client.query<{ session_id: string; seq: number; hash: string | null }>(
          `SELECT h.session_id, h.seq, e.hash FROM heads h
           LEFT JOIN events e ON e.session_id = h.session_id AND e.seq = h.seq
           WHERE h.session_id = ANY($1::text[]) ORDER BY h.session_id FOR UPDATE OF h`,
          [[...firstAt.keys()]],
        )
      ).rows;
      const heads = new Map(headRows.map((row) => [row.session_id, row.seq]));
      const headHashes = new Map(headRows.map((row) => [row.session_id, row.hash]));
      const withIds = requests.filter((r) => r.commandId !== null);
      const known = new Map(
        (
          await client.query<{ session_id: string; command_id: string; seq: number }>(
            `SELECT c.session_id, c.command_id, c.seq FROM commands c
             JOIN unnest($1::text[], $2::text[]) AS u(s, id) ON c.session_id = u.s AND c.command_id = u.id`,
            [withIds.map((r) => r.sessionId), withIds.map((r) => r.commandId)],
          )
        ).rows.map((row) => [commandKey(row.session_id, row.command_id), row.seq]),
      );
      const plan = planAppend(requests, {
        head: (sessionId) => heads.get(sessionId) ?? 0,
        headHash: (sessionId) => headHashes.get(sessionId) ?? null,
        known: (sessionId, commandId) => {
          const seq = known.get(commandKey(sessionId, commandId));
          return seq === undefined ? undefined : { seq };
        },
      });
      const events = plan.events.map(({ event, commandId, hash }) => ({ ...event, commandId, hash }));
      await client.query(
        `INSERT INTO events (session_id, seq, at, actor_id, type, payload, command_id, hash)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        [
          events.map((e) => e.sessionId),
          events.map((e) => e.seq),
          events.map((e) => e.at),
          events.map((e) => e.actorId),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.payload)),
          events.map((e) => e.commandId),
          events.map((e) => e.hash),
        ],
      );
      if (plan.checkpoints.length > 0) await this.insertCheckpoints(client, plan.checkpoints);
      await client.query(
        'UPDATE heads SET seq = u.seq FROM unnest($1::text[], $2::int[]) AS u(s, seq) WHERE heads.session_id = u.s',
        [plan.heads.map((h) => h.sessionId), plan.heads.map((h) => h.to)],
      );
      const { commands } = plan;
      if (commands.length > 0) {
        await client.query(
          `INSERT INTO commands (session_id, command_id, actor_id, seq)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
          [
            commands.map((c) => c.sessionId),
            commands.map((c) => c.commandId),
            commands.map((c) => c.actorId),
            commands.map((c) => c.seq),
          ],
        );
      }
      await client.query('COMMIT');
      return plan.outcomes;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async insertCheckpoints(client: pg.PoolClient, claims: readonly CheckpointClaim[]): Promise<void> {
    const signed = claims.map((claim) => signCheckpoint(this.signingKey, claim));
    await client.query(
      `INSERT INTO checkpoints (session_id, seq, head_hash, at, key_id, signature)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        signed.map((c) => c.sessionId),
        signed.map((c) => c.seq),
        signed.map((c) => c.headHash),
        signed.map((c) => c.at),
        signed.map((c) => c.keyId),
        signed.map((c) => c.signature),
      ],
    );
  }

  async readChain(sessionId: string, afterSeq: number, limit: number): Promise<ChainedEvent[]> {
    const { rows } = await this.pool.query<ChainedEventRow>(
      'SELECT session_id, seq, at, actor_id, type, payload, hash FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [sessionId, afterSeq, limit],
    );
    return rows.map(toChainedEvent);
  }

  async checkpoints(sessionId: string): Promise<Checkpoint[]> {
    const { rows } = await this.pool.query<CheckpointRow>(
      'SELECT session_id, seq, head_hash, at, key_id, signature FROM checkpoints WHERE session_id = $1 ORDER BY seq',
      [sessionId],
    );
    return rows.map(toCheckpoint);
  }

  publicKey(): Promise<PublicKeyInfo> {
    return Promise.resolve(this.signingKey.published);
  }

  loadSnapshot(sessionId: string): Promise<StateSnapshot | null> {
    return this.log.loadSnapshot(sessionId);
  }

  loadSnapshotHead(sessionId: string): Promise<SnapshotHead | null> {
    return this.log.loadSnapshotHead(sessionId);
  }

  loadSnapshotBytes(head: SnapshotHead): Promise<Uint8Array | null> {
    return this.log.loadSnapshotBytes(head);
  }

  loadSnapshotPart(head: SnapshotHead, index: number): Promise<Uint8Array | null> {
    return this.log.loadSnapshotPart(head, index);
  }

  saveSnapshot(snapshot: StateSnapshot): Promise<void> {
    return this.log.saveSnapshot(snapshot);
  }

  async findCommand(sessionId: string, commandId: string): Promise<{ actorId: string; result: CommandResult } | null> {
    const { rows } = await this.pool.query<{ actor_id: string; seq: number }>(
      'SELECT actor_id, seq FROM commands WHERE session_id = $1 AND command_id = $2',
      [sessionId, commandId],
    );
    return rows[0] ? { actorId: rows[0].actor_id, result: { seq: rows[0].seq } } : null;
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return this.log.read(sessionId, afterSeq, limit);
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

  async saveDigest(sessionId: string, digest: { seq: number; text: string }): Promise<void> {
    await this.pool.query(
      'INSERT INTO digests (session_id, seq, digest) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, digest = excluded.digest',
      [sessionId, digest.seq, digest.text],
    );
  }

  async listDigests(): Promise<StoredDigest[]> {
    const { rows } = await this.pool.query<{
      session_id: string;
      head: number;
      seq: number | null;
      digest: string | null;
    }>(
      'SELECT h.session_id, h.seq AS head, d.seq, d.digest FROM heads h LEFT JOIN digests d ON d.session_id = h.session_id WHERE h.seq > 0 ORDER BY h.position',
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      head: row.head,
      digest: row.seq === null || row.digest === null ? null : { seq: row.seq, text: row.digest },
    }));
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

  saveApiToken(record: ApiTokenRecord): Promise<boolean> {
    return this.apiTokens.saveApiToken(record);
  }

  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null> {
    return this.apiTokens.findApiToken(tokenHash);
  }

  listApiTokens(organisationId: string): Promise<ApiTokenRecord[]> {
    return this.apiTokens.listApiTokens(organisationId);
  }

  revokeApiToken(organisationId: string, id: string, at: string): Promise<boolean> {
    return this.apiTokens.revokeApiToken(organisationId, id, at);
  }

  recordApiTokenUse(id: string, at: string): Promise<void> {
    return this.apiTokens.recordApiTokenUse(id, at);
  }

  async saveInvitation(record: InvitationRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO invitations (token_hash, session_id, participant, participant_id, created_at, expires_at, revoked_at, email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [...invitationValues(record)],
    );
  }

  async findInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    const { rows } = await this.pool.query<InvitationRow>('SELECT * FROM invitations WHERE token_hash = $1', [
      tokenHash,
    ]);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async revokeInvitations(sessionId: string, participantId: string, at: string): Promise<number> {
    const result = await this.pool.query(
      'UPDATE invitations SET revoked_at = $1 WHERE session_id = $2 AND participant_id = $3 AND revoked_at IS NULL',
      [at, sessionId, participantId],
    );
    return result.rowCount ?? 0;
  }

  async updateInvitations(sessionId: string, participantId: string, change: InvitationChange): Promise<number> {
    // A flag per column: a change to null (no e-mail, no expiry) differs from no change.
    const result = await this.pool.query(
      `UPDATE invitations SET
         participant = CASE WHEN $3 THEN $4::jsonb ELSE participant END,
         email = CASE WHEN $5 THEN $6 ELSE email END,
         expires_at = CASE WHEN $7 THEN $8 ELSE expires_at END
       WHERE session_id = $1 AND participant_id = $2 AND revoked_at IS NULL`,
      [
        sessionId,
        participantId,
        change.participant !== undefined,
        change.participant ? JSON.stringify(change.participant) : null,
        change.email !== undefined,
        change.email ?? null,
        change.expiresAt !== undefined,
        change.expiresAt ?? null,
      ],
    );
    return result.rowCount ?? 0;
  }

  async listInvitations(sessionId: string): Promise<InvitationRecord[]> {
    const { rows } = await this.pool.query<InvitationRow>(
      'SELECT * FROM invitations WHERE session_id = $1 ORDER BY created_at, token_hash',
      [sessionId],
    );
    return rows.map(toInvitation);
  }

  /** Drops this store's schema and everything in it; for tests that made their own. */
  static async dropSchema(connectionString: string, schema: string): Promise<void> {
    checkedSchema(schema);
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
