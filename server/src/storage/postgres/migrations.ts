import type pg from 'pg';
import { eventHash, genesisHash } from '../../chain/hash.js';
import { namesKeptApart } from '../apiTokenRows.js';
import { toEvent, type EventRow } from '../rows.js';
import { apiTokenNameKey } from '../../domain/ports.js';

/** A schema version: SQL, or code for what SQL cannot do (e.g. hashing); run in the migration's transaction. */
export type PostgresMigration = string | ((client: pg.PoolClient) => Promise<void>);

/**
 * Migration 7: each event carries its chain hash, computed here once for the logs already
 * kept, from seq 1; the signed checkpoints get their table. The append-only trigger is
 * disabled for the backfill only, inside the migration's transaction.
 */
async function chainHashes(client: pg.PoolClient): Promise<void> {
  await client.query(`
    ALTER TABLE events ADD COLUMN hash TEXT;
    CREATE TABLE checkpoints (
      session_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      head_hash TEXT NOT NULL,
      at TEXT NOT NULL,
      key_id TEXT NOT NULL,
      signature TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    );
    ALTER TABLE events DISABLE TRIGGER events_append_only;
  `);
  const sessions = await client.query<{ session_id: string }>('SELECT DISTINCT session_id FROM events');
  for (const { session_id: sessionId } of sessions.rows) {
    let previous = genesisHash;
    for (let seq = 0; ;) {
      const { rows } = await client.query<EventRow>(
        'SELECT session_id, seq, at, actor_id, type, payload FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000',
        [sessionId, seq],
      );
      if (rows.length === 0) break;
      const hashes = rows.map((row) => (previous = eventHash(toEvent(row), previous)));
      await client.query(
        'UPDATE events SET hash = u.hash FROM unnest($2::int[], $3::text[]) AS u(seq, hash) WHERE events.session_id = $1 AND events.seq = u.seq',
        [sessionId, rows.map((row) => row.seq), hashes],
      );
      seq = rows.at(-1)!.seq;
    }
  }
  await client.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
}

/**
 * Migration 10: an API token's name is unique among its organisation's tokens not revoked,
 * letter case aside, in the store itself (a partial unique index), so two creates at the same
 * instant cannot both take it. Duplicates kept until now are told apart by renaming the later
 * ones (`namesKeptApart`); the key is the name's `apiTokenNameKey`, worked out here rather than
 * by `lower()`, whose folding depends on the database's locale.
 */
async function apiTokenNamesUnique(client: pg.PoolClient): Promise<void> {
  await client.query(`ALTER TABLE api_tokens ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`);
  const { rows } = await client.query<{ id: string; organisation_id: string; name: string; revoked: boolean }>(
    'SELECT id, organisation_id, name, revoked_at IS NOT NULL AS revoked FROM api_tokens ORDER BY created_at, id',
  );
  const kept = namesKeptApart(
    rows.map((t) => ({ id: t.id, organisationId: t.organisation_id, name: t.name, revoked: t.revoked })),
  );
  await client.query(
    'UPDATE api_tokens SET name = u.name, name_key = u.name_key FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, name, name_key) WHERE api_tokens.id = u.id',
    [kept.map((t) => t.id), kept.map((t) => t.name), kept.map((t) => apiTokenNameKey(t.name))],
  );
  await client.query(
    'CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (organisation_id, name_key) WHERE revoked_at IS NULL',
  );
}

/**
 * Schema versions of the PostgreSQL store, applied in order inside one advisory lock and
 * recorded in `schema_version`. Never edit a shipped migration: add the next one.
 */
export const postgresMigrations: readonly PostgresMigration[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE events (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    type TEXT NOT NULL,
    -- JSON text, not JSONB: kept exactly as written (JSONB cannot hold the escape of a NUL).
    payload TEXT NOT NULL,
    command_id TEXT,
    PRIMARY KEY (session_id, seq)
  );

  -- The log is the record: it only grows.
  CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
  CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
  CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

  CREATE TABLE heads (
    session_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    position BIGSERIAL
  );

  CREATE TABLE commands (
    session_id TEXT NOT NULL,
    command_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (session_id, command_id)
  );

  CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    participant JSONB NOT NULL,
    participant_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX invitations_by_participant ON invitations (session_id, participant_id);
  `,
  `
  -- A cache of each session's folded state, the latest only; the log stays the truth.
  CREATE TABLE snapshots (
    session_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL
  );
  `,
  `
  -- The invitee's e-mail, kept with the invitation and never in the log every participant reads.
  ALTER TABLE invitations ADD COLUMN email TEXT;
  `,
  `
  -- API tokens: only the hash of each is kept.
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    name TEXT NOT NULL,
    scopes JSONB NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT,
    use_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX api_tokens_by_organisation ON api_tokens (organisation_id, created_at);
  `,
  `
  -- Migration 5: webhook subscriptions and the persisted delivery queue with its attempts.
  CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    url TEXT NOT NULL,
    event_types TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    secret TEXT NOT NULL,
    position BIGSERIAL
  );

  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    next_attempt_at TEXT,
    attempts_left INTEGER NOT NULL,
    position BIGSERIAL
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_at);

  CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    status_code INTEGER,
    duration_ms INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (delivery_id, attempt)
  );

  -- How far each session's log has been turned into deliveries.
  CREATE TABLE webhook_cursors (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);

  -- Directives whose overdue notice was enqueued: never enqueued twice.
  CREATE TABLE overdue_notices (
    session_id TEXT NOT NULL,
    directive_id TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    PRIMARY KEY (session_id, directive_id)
  );
  `,
  // 6: notifications per participant, their choices, and the e-mail outbox.
  `
  -- One row per source, recipient and kind (the id says which): never made twice.
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    read_at TEXT,
    subject TEXT NOT NULL
  );
  CREATE INDEX notifications_by_recipient ON notifications (session_id, participant_id, at);

  -- A participant's own choices (kinds, channels, language); none: the defaults.
  CREATE TABLE notification_choices (
    session_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    choices TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
  );

  -- How far each session's log has been turned into notifications.
  CREATE TABLE notification_cursors (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);

  -- E-mails to send, one per id; the body of a sent invitation is cleared, so its token is not kept.
  CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT,
    attempts INTEGER NOT NULL,
    last_error TEXT
  );
  CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
  `,
  chainHashes,
  `
  -- A short description of each session (SessionDigest), saved at a seq of its log: what the
  -- sessions list and the due dates read instead of every session's state. A cache.
  CREATE TABLE digests (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, digest TEXT NOT NULL);
  `,
  `
  -- Migration 9: a snapshot's state is kept in parts, as in SQLite, so that a start reads its first line
  -- without the rest. The head says which generation of parts is current, and the state's length
  -- in bytes; generations come from a sequence, so two savers never take the same one.
  CREATE SEQUENCE snapshot_generations;
  CREATE TABLE snapshot_parts (
    session_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    part INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (session_id, generation, part)
  );
  ALTER TABLE snapshots ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE snapshots ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
  UPDATE snapshots SET bytes = octet_length(state), generation = nextval('snapshot_generations');
  INSERT INTO snapshot_parts (session_id, generation, part, data)
    SELECT session_id, generation, 0, convert_to(state, 'UTF8') FROM snapshots;
  ALTER TABLE snapshots DROP COLUMN state;
  `,
  apiTokenNamesUnique,
];
