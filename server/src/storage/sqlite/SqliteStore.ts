import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { CommandResult, SessionEvent } from '@plenum/shared';
import {
  loadSigningKey,
  newSigningKeyPem,
  signCheckpoint,
  signingKeySetting,
  type Checkpoint,
  type PublicKeyInfo,
  type SigningKey,
} from '../../chain/checkpoint.js';
import type { ChainedEvent } from '../../chain/hash.js';
import {
  type ApiTokenRecord,
  type AppendOutcome,
  type AppendRequest,
  type InvitationChange,
  type InvitationRecord,
  type SnapshotHead,
  type SnapshotSaving,
  type StateSnapshot,
  type StoredDigest,
  type Store,
  type StoreAddress,
} from '../../domain/ports.js';
import { planAppend } from '../appendPlan.js';
import {
  invitationValues,
  toChainedEvent,
  toCheckpoint,
  toInvitation,
  type CheckpointRow,
  type ChainedEventRow,
  type InvitationRow,
} from '../rows.js';
import { settle } from '../settle.js';
import { sqliteMigrations } from './migrations.js';
import { SqliteWebhookStore } from './SqliteWebhookStore.js';
import { SqliteNotificationStore } from './SqliteNotificationStore.js';
import { SqliteApiTokens } from './SqliteApiTokens.js';
import { SqliteLog } from './SqliteLog.js';
import { WalCheckpoints, type CheckpointOutcome } from './WalCheckpoints.js';

/** SQLite's `synchronous` value for FULL: every commit is fsynced before it returns. */
const synchronousFull = 2;

/** SQLite's own WAL size, in pages, at which the committing connection checkpoints. */
const sqliteCheckpointPages = 1000;

/**
 * The WAL size at which the committing connection checkpoints while a thread of its own does
 * ({@link WalCheckpoints}): only if that thread falls far behind, and then the frames it already
 * copied are not copied again.
 */
const fallbackCheckpointPages = 4000;

export interface SqliteStoreOptions {
  /**
   * Checkpoint the WAL this often on a thread of its own ({@link WalCheckpoints}), rather than
   * in the committing connection: for a running server (`checkpointEveryMs`); a store
   * opened for a moment need not.
   */
  walCheckpointEveryMs?: number;
}

/**
 * The default store: one SQLite file in WAL mode with `synchronous=FULL`, so an acknowledged
 * command survives a crash or power loss. Both settings are read back at open; the store
 * refuses to start without them.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTx: Database.Transaction<(requests: readonly AppendRequest[]) => AppendOutcome[]>;
  private readonly epochValue: string;
  private readonly apiTokens: SqliteApiTokens;
  private readonly log: SqliteLog;
  private readonly signingKey: SigningKey;
  private readonly updateTx: Database.Transaction<
    (sessionId: string, participantId: string, change: InvitationChange) => number
  >;
  /** Webhook subscriptions and deliveries, in the same file. */
  readonly webhooks: SqliteWebhookStore;
  /** Notifications, the participants' choices and the e-mail outbox, in the same file. */
  readonly notifications: SqliteNotificationStore;

  readonly address: StoreAddress | null;
  private readonly walCheckpoints: WalCheckpoints | null = null;

  constructor(
    readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.assertDurable();
    this.address = file === ':memory:' ? null : { kind: 'sqlite', file: resolve(file) };
    this.migrate();
    if (options.walCheckpointEveryMs !== undefined && this.address) {
      this.db.pragma(`wal_autocheckpoint = ${fallbackCheckpointPages}`);
      this.walCheckpoints = new WalCheckpoints(
        this.address.file,
        () => {
          if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${sqliteCheckpointPages}`);
        },
        options.walCheckpointEveryMs,
      );
    }
    this.webhooks = new SqliteWebhookStore(this.db);
    this.notifications = new SqliteNotificationStore(this.db);
    const db = this.db;
    this.statements = {
      head: db.prepare<[string], { seq: number }>('SELECT seq FROM heads WHERE session_id = ?'),
      insertHead: db.prepare('INSERT INTO heads (session_id, seq, created_at) VALUES (?, ?, ?)'),
      updateHead: db.prepare('UPDATE heads SET seq = ? WHERE session_id = ?'),
      headHash: db.prepare<[string], { hash: string | null }>(
        'SELECT e.hash FROM heads h JOIN events e ON e.session_id = h.session_id AND e.seq = h.seq WHERE h.session_id = ?',
      ),
      insertEvent: db.prepare(
        'INSERT INTO events (session_id, seq, at, actor_id, type, payload, command_id, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readChain: db.prepare<[string, number, number], ChainedEventRow>(
        'SELECT session_id, seq, at, actor_id, type, payload, hash FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      insertCheckpoint: db.prepare(
        'INSERT INTO checkpoints (session_id, seq, head_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      checkpoints: db.prepare<[string], CheckpointRow>(
        'SELECT session_id, seq, head_hash, at, key_id, signature FROM checkpoints WHERE session_id = ? ORDER BY seq',
      ),
      keepSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      findCommand: db.prepare<[string, string], { actor_id: string; seq: number }>(
        'SELECT actor_id, seq FROM commands WHERE session_id = ? AND command_id = ?',
      ),
      insertCommand: db.prepare('INSERT INTO commands (session_id, command_id, actor_id, seq) VALUES (?, ?, ?, ?)'),
      sessions: db.prepare<[], { session_id: string }>('SELECT session_id FROM heads ORDER BY created_at, rowid'),
      saveDigest: db.prepare(
        'INSERT INTO digests (session_id, seq, digest) VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, digest = excluded.digest',
      ),
      listDigests: db.prepare<[], { session_id: string; head: number; seq: number | null; digest: string | null }>(
        'SELECT h.session_id, h.seq AS head, d.seq, d.digest FROM heads h LEFT JOIN digests d ON d.session_id = h.session_id ORDER BY h.created_at, h.rowid',
      ),
      getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      saveInvitation: db.prepare(
        'INSERT INTO invitations (token_hash, session_id, participant, participant_id, created_at, expires_at, revoked_at, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listInvitations: db.prepare<[string], InvitationRow>(
        'SELECT * FROM invitations WHERE session_id = ? ORDER BY created_at, rowid',
      ),
      changeParticipant: db.prepare(
        'UPDATE invitations SET participant = ? WHERE session_id = ? AND participant_id = ? AND revoked_at IS NULL',
      ),
      changeEmail: db.prepare(
        'UPDATE invitations SET email = ? WHERE session_id = ? AND participant_id = ? AND revoked_at IS NULL',
      ),
      changeExpiry: db.prepare(
        'UPDATE invitations SET expires_at = ? WHERE session_id = ? AND participant_id = ? AND revoked_at IS NULL',
      ),
      findInvitation: db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?'),
      revokeInvitations: db.prepare(
        'UPDATE invitations SET revoked_at = ? WHERE session_id = ? AND participant_id = ? AND revoked_at IS NULL',
      ),
    };
    this.log = new SqliteLog(db);
    this.apiTokens = new SqliteApiTokens(db);
    const existingEpoch = this.statements.getSetting.get('epoch')?.value;
    this.epochValue = existingEpoch ?? randomUUID();
    if (!existingEpoch) this.statements.setSetting.run('epoch', this.epochValue);
    // Made once per store and kept with it, so checkpoints signed before a restart still verify.
    this.statements.keepSetting.run(signingKeySetting, newSigningKeyPem());
    this.signingKey = loadSigningKey(this.statements.getSetting.get(signingKeySetting)!.value);
    this.appendTx = this.db.transaction((requests: readonly AppendRequest[]) => this.appendInTransaction(requests));
    this.updateTx = this.db.transaction((sessionId: string, participantId: string, change: InvitationChange) => {
      const { changeParticipant, changeEmail, changeExpiry } = this.statements;
      const runs = [
        change.participant && changeParticipant.run(JSON.stringify(change.participant), sessionId, participantId),
        change.email !== undefined && changeEmail.run(change.email, sessionId, participantId),
        change.expiresAt !== undefined && changeExpiry.run(change.expiresAt, sessionId, participantId),
      ];
      return Math.max(0, ...runs.map((run) => (run ? run.changes : 0)));
    });
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

  private assertDurable(): void {
    const journal = this.db.pragma('journal_mode', { simple: true });
    const synchronous = this.db.pragma('synchronous', { simple: true });
    if (this.file !== ':memory:' && journal !== 'wal') {
      throw new Error(`SQLite store ${this.file}: journal_mode is ${String(journal)}, expected wal`);
    }
    if (synchronous !== synchronousFull) {
      throw new Error(`SQLite store ${this.file}: synchronous is ${String(synchronous)}, expected FULL (2)`);
    }
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < sqliteMigrations.length; v++) {
      this.db
        .transaction(() => {
          const migration = sqliteMigrations[v]!;
          if (typeof migration === 'string') this.db.exec(migration);
          else migration(this.db);
          this.db.pragma(`user_version = ${v + 1}`);
        })
        .immediate();
    }
  }

  private appendInTransaction(requests: readonly AppendRequest[]): AppendOutcome[] {
    const plan = planAppend(requests, {
      head: (sessionId) => this.statements.head.get(sessionId)?.seq ?? 0,
      headHash: (sessionId) => this.statements.headHash.get(sessionId)?.hash ?? null,
      known: (sessionId, commandId) => {
        const row = this.statements.findCommand.get(sessionId, commandId);
        return row ? { seq: row.seq } : undefined;
      },
    });
    for (const { event, commandId, hash } of plan.events) {
      const { sessionId, seq, at, actorId, type, payload } = event;
      this.statements.insertEvent.run(sessionId, seq, at, actorId, type, JSON.stringify(payload), commandId, hash);
    }
    for (const claim of plan.checkpoints) {
      const { sessionId, seq, headHash, at, keyId, signature } = signCheckpoint(this.signingKey, claim);
      this.statements.insertCheckpoint.run(sessionId, seq, headHash, at, keyId, signature);
    }
    for (const { sessionId, from, to, firstAt } of plan.heads) {
      if (from === 0) this.statements.insertHead.run(sessionId, to, firstAt);
      else this.statements.updateHead.run(to, sessionId);
    }
    for (const { sessionId, commandId, actorId, seq } of plan.commands) {
      this.statements.insertCommand.run(sessionId, commandId, actorId, seq);
    }
    return plan.outcomes;
  }

  epoch(): Promise<string> {
    return Promise.resolve(this.epochValue);
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    return (await this.appendBatch([request]))[0]!;
  }

  appendBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    // IMMEDIATE takes the write lock up front, so the head reads and the inserts see one state.
    return settle(() => this.appendTx.immediate(requests));
  }

  findCommand(sessionId: string, commandId: string): Promise<{ actorId: string; result: CommandResult } | null> {
    const row = this.statements.findCommand.get(sessionId, commandId);
    return Promise.resolve(row ? { actorId: row.actor_id, result: { seq: row.seq } } : null);
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return this.log.read(sessionId, afterSeq, limit);
  }

  readChain(sessionId: string, afterSeq: number, limit: number): Promise<ChainedEvent[]> {
    return Promise.resolve(this.statements.readChain.all(sessionId, afterSeq, limit).map(toChainedEvent));
  }

  checkpoints(sessionId: string): Promise<Checkpoint[]> {
    return Promise.resolve(this.statements.checkpoints.all(sessionId).map(toCheckpoint));
  }

  publicKey(): Promise<PublicKeyInfo> {
    return Promise.resolve(this.signingKey.published);
  }

  head(sessionId: string): Promise<number> {
    return Promise.resolve(this.statements.head.get(sessionId)?.seq ?? 0);
  }

  listSessions(): Promise<string[]> {
    return Promise.resolve(this.statements.sessions.all().map((r) => r.session_id));
  }

  saveDigest(sessionId: string, digest: { seq: number; text: string }): Promise<void> {
    return settle(() => {
      this.statements.saveDigest.run(sessionId, digest.seq, digest.text);
    });
  }

  listDigests(): Promise<StoredDigest[]> {
    return settle(() =>
      this.statements.listDigests.all().map((row) => ({
        sessionId: row.session_id,
        head: row.head,
        digest: row.seq === null || row.digest === null ? null : { seq: row.seq, text: row.digest },
      })),
    );
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

  saveSnapshot(snapshot: StateSnapshot, saving?: SnapshotSaving): Promise<void> {
    return this.log.saveSnapshot(snapshot, saving);
  }

  getSetting(key: string): Promise<string | null> {
    return Promise.resolve(this.statements.getSetting.get(key)?.value ?? null);
  }

  setSetting(key: string, value: string): Promise<void> {
    this.statements.setSetting.run(key, value);
    return Promise.resolve();
  }

  saveInvitation(record: InvitationRecord): Promise<void> {
    this.statements.saveInvitation.run(...invitationValues(record));
    return Promise.resolve();
  }

  findInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    const row = this.statements.findInvitation.get(tokenHash);
    return Promise.resolve(row ? toInvitation(row) : null);
  }

  revokeInvitations(sessionId: string, participantId: string, at: string): Promise<number> {
    return Promise.resolve(this.statements.revokeInvitations.run(at, sessionId, participantId).changes);
  }

  updateInvitations(sessionId: string, participantId: string, change: InvitationChange): Promise<number> {
    return settle(() => this.updateTx.immediate(sessionId, participantId, change));
  }

  listInvitations(sessionId: string): Promise<InvitationRecord[]> {
    return Promise.resolve(this.statements.listInvitations.all(sessionId).map(toInvitation));
  }

  /**
   * Copies the store to `destination` while it is in use (SQLite's online backup), from any
   * process: readers and the writer carry on.
   */
  static async backup(file: string, destination: string): Promise<void> {
    mkdirSync(dirname(destination), { recursive: true });
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await db.backup(destination);
    } finally {
      db.close();
    }
  }

  /**
   * Puts a backup in place of the store's file (the server must be stopped) and gives the
   * restored log a new epoch, so that every client that saw events the backup lacks starts over (P6).
   * The backup's state snapshots come with it: the online backup copies them and the log at
   * one instant, so they fit the restored log.
   */
  static restore(backupFile: string, file: string): void {
    const check = new Database(backupFile, { readonly: true, fileMustExist: true });
    const verdict = String(check.pragma('integrity_check', { simple: true }));
    check.close();
    if (verdict !== 'ok') throw new Error(`${backupFile} is not a sound SQLite file: ${verdict}`);
    mkdirSync(dirname(file), { recursive: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    copyFileSync(backupFile, file);
    const db = new Database(file);
    try {
      db.prepare("UPDATE settings SET value = ? WHERE key = 'epoch'").run(randomUUID());
    } finally {
      db.close();
    }
  }

  /** Runs SQLite's own consistency check; `ok` when the file is sound. */
  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  /** Checkpoints the WAL now on the store's checkpoint thread; null when it has none. */
  checkpointWal(): Promise<CheckpointOutcome> | null {
    return this.walCheckpoints?.checkpoint() ?? null;
  }

  /** The size at which the committing connection checkpoints the WAL itself, in pages. */
  inlineCheckpointPages(): number {
    return this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  }

  async close(): Promise<void> {
    await this.walCheckpoints?.close();
    if (this.db.open) this.db.close();
  }
}
