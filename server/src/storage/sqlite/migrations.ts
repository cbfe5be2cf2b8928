import type Database from 'better-sqlite3';
import { eventHash, genesisHash } from '../../chain/hash.js';
import { namesKeptApart } from '../apiTokenRows.js';
import { toEvent, type EventRow } from '../rows.js';
import { apiTokenNameKey } from '../../domain/ports.js';

/** A schema version: SQL, or code for what SQL cannot do (e.g. hashing); run in the migration's transaction. */
export type SqliteMigration = string | ((db: Database.Database) => void);

/**
 * Migration 7: each event carries its chain hash, computed here once for the logs already
 * kept, from seq 1; the signed checkpoints get their table. The append-only trigger is lifted
 * for the backfill only, inside the migration's transaction.
 */
function chainHashes(db: Database.Database): void {
  db.exec(`
    ALTER TABLE events ADD COLUMN hash TEXT;
    CREATE TABLE checkpoints (
      session_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      head_hash TEXT NOT NULL,
      at TEXT NOT NULL,
      key_id TEXT NOT NULL,
      signature TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    ) STRICT, WITHOUT ROWID;
    DROP TRIGGER events_append_only_update;
  `);
  const sessions = db.prepare<[], { session_id: string }>('SELECT DISTINCT session_id FROM events').all();
  const read = db.prepare<[string, number], EventRow>(
    'SELECT session_id, seq, at, actor_id, type, payload FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT 5000',
  );
  const write = db.prepare('UPDATE events SET hash = ? WHERE session_id = ? AND seq = ?');
  for (const { session_id: sessionId } of sessions) {
    let previous = genesisHash;
    let seq = 0;
    for (let page = read.all(sessionId, seq); page.length > 0; page = read.all(sessionId, seq)) {
      for (const row of page) {
        previous = eventHash(toEvent(row), previous);
        write.run(previous, sessionId, row.seq);
        seq = row.seq;
      }
    }
  }
  db.exec(`
    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  `);
}

/**
 * Migration 10: an API token's name is unique among its organisation's tokens not revoked,
 * letter case aside, in the store itself (a partial unique index), so two creates at the same
 * instant cannot both take it. Duplicates kept until now are told apart by renaming the later
 * ones (`namesKeptApart`); the key is the name's `apiTokenNameKey`, worked out here rather than
 * by SQLite's `lower()`, which folds ASCII letters only.
 */
function apiTokenNamesUnique(db: Database.Database): void {
  db.exec(`ALTER TABLE api_tokens ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`);
  const tokens = db
    .prepare<[], { id: string; organisation_id: string; name: string; revoked: number }>(
      'SELECT id, organisation_id, name, revoked_at IS NOT NULL AS revoked FROM api_tokens ORDER BY created_at, rowid',
    )
    .all();
  const write = db.prepare('UPDATE api_tokens SET name = ?, name_key = ? WHERE id = ?');
  const kept = namesKeptApart(
    tokens.map((t) => ({ id: t.id, organisationId: t.organisation_id, name: t.name, revoked: t.revoked === 1 })),
  );
  for (const { id, name } of kept) write.run(name, apiTokenNameKey(name), id);
  db.exec(
    'CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (organisation_id, name_key) WHERE revoked_at IS NULL',
  );
}

/**
 * Schema versions of the SQLite store, applied in order and recorded in `user_version`.
 * Never edit a shipped migration: add the next one.
 */
export const sqliteMigrations: readonly SqliteMigration[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE events (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    command_id TEXT,
    PRIMARY KEY (session_id, seq)
  ) STRICT, WITHOUT ROWID;

  -- The log is the record: it only grows.
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

  CREATE TABLE heads (
    session_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE commands (
    session_id TEXT NOT NULL,
    command_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (session_id, command_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    participant TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  ) STRICT;
  CREATE INDEX invitations_by_participant ON invitations (session_id, participant_id);
  `,
  `
  -- A cache of each session's folded state, the latest only; the log stays the truth.
  CREATE TABLE snapshots (
    session_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL
  ) STRICT;
  `,
  `
  -- The invitee's e-mail, kept with the invitation and never in the log every participant reads.
  ALTER TABLE invitations ADD COLUMN email TEXT;
  `,
  `
  -- API tokens: only the hash of each is kept; scopes as JSON text.
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT,
    use_count INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX api_tokens_by_organisation ON api_tokens (organisation_id, created_at);
  `,
  `
  -- Migration 5: webhook subscriptions and the persisted delivery queue with its attempts.
  CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    url TEXT NOT NULL,
    event_types TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    secret TEXT NOT NULL
  ) STRICT;

  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    next_attempt_at TEXT,
    attempts_left INTEGER NOT NULL
  ) STRICT;
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
  ) STRICT, WITHOUT ROWID;

  -- How far each session's log has been turned into deliveries.
  CREATE TABLE webhook_cursors (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT;

  -- Directives whose overdue notice was enqueued: never enqueued twice.
  CREATE TABLE overdue_notices (
    session_id TEXT NOT NULL,
    directive_id TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    PRIMARY KEY (session_id, directive_id)
  ) STRICT, WITHOUT ROWID;
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
  ) STRICT;
  CREATE INDEX notifications_by_recipient ON notifications (session_id, participant_id, at);

  -- A participant's own choices (kinds, channels, language); none: the defaults.
  CREATE TABLE notification_choices (
    session_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    choices TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
  ) STRICT, WITHOUT ROWID;

  -- How far each session's log has been turned into notifications.
  CREATE TABLE notification_cursors (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT;

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
  ) STRICT;
  CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
  `,
  chainHashes,
  `
  -- Migration 8: a snapshot's state is kept in parts, each written in a short transaction of its
  -- own, so that its writer never holds the write lock for long. The head says which generation
  -- of parts is current, and the state's length in bytes, read without the state.
  CREATE TABLE snapshot_parts (
    session_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (session_id, generation, part)
  ) STRICT;
  INSERT INTO snapshot_parts (session_id, generation, part, data)
    SELECT session_id, 1, 0, CAST(state AS BLOB) FROM snapshots;
  ALTER TABLE snapshots ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE snapshots ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;
  UPDATE snapshots SET bytes = length(CAST(state AS BLOB));
  ALTER TABLE snapshots DROP COLUMN state;
  `,
  `
  -- Migration 9: a short description of each session (SessionDigest), saved at a seq of its log:
  -- what the sessions list and the due dates read instead of every session's state. A cache.
  CREATE TABLE digests (session_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, digest TEXT NOT NULL) STRICT;
  `,
  apiTokenNamesUnique,
];
