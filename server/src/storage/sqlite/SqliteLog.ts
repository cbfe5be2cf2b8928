import { setTimeout as rest } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { SessionEvent } from '@plenum/shared';
import type { SnapshotHead, SnapshotSaving, StateSnapshot } from '../../domain/ports.js';
import type { StateConnection } from '../stateConnection.js';
import { toEvent, type EventRow } from '../rows.js';
import { settle } from '../settle.js';
import { snapshotParts } from '../snapshotParts.js';

/**
 * A snapshot's parts ({@link snapshotParts}) are written each in a transaction of its own, and
 * its old parts are removed a few at a time: SQLite has one write lock per file, and a commit of
 * the store waits for it with its busy handler, which holds the event loop. One transaction of a
 * whole 44 MB state held the lock 0.56–1.46 s.
 */
const partsRemovedAtOnce = 8;

/**
 * Between two of its transactions a snapshot's writer leaves the lock free for twice as long as
 * it held it: a commit waiting in SQLite's busy handler retries after 1, 3, 8, 18, 33… ms, each
 * at most three times the one before, so one of its retries falls in that gap.
 */
const restAfter = (heldMs: number) => Math.max(1, 2 * heldMs);

interface HeadRow {
  seq: number;
  version: number;
  bytes: number;
  generation: number;
}

/**
 * A session's log and its snapshot on one SQLite connection: the store's own, or the connection
 * another thread opens on the same file to make states there (`openStateConnection`).
 *
 * A snapshot is its head (`snapshots`: seq, version, size and generation) and its state's parts
 * (`snapshot_parts`, by generation). A save writes the parts of a new generation, then points the
 * head at it in one small transaction, then removes the older generations' parts; a reader reads
 * the head and its generation's parts in one read transaction, so it sees one whole snapshot.
 */
export class SqliteLog {
  private readonly statements;
  private readonly transactions;

  constructor(db: Database.Database) {
    this.statements = {
      read: db.prepare<[string, number, number], EventRow>(
        'SELECT session_id, seq, at, actor_id, type, payload FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      head: db.prepare<[string], HeadRow>('SELECT seq, version, bytes, generation FROM snapshots WHERE session_id = ?'),
      parts: db
        .prepare<[string, number], Buffer>(
          'SELECT data FROM snapshot_parts WHERE session_id = ? AND generation = ? ORDER BY part',
        )
        .pluck(),
      part: db
        .prepare<[string, number, number, number, number], Buffer>(
          `SELECT p.data FROM snapshots s JOIN snapshot_parts p ON p.session_id = s.session_id AND p.generation = s.generation
           WHERE s.session_id = ? AND s.seq = ? AND s.version = ? AND s.bytes = ? AND p.part = ?`,
        )
        .pluck(),
      nextGeneration: db
        .prepare<[string], number>('SELECT coalesce(max(generation), 0) + 1 FROM snapshot_parts WHERE session_id = ?')
        .pluck(),
      insertPart: db.prepare<[string, number, number, Buffer]>(
        'INSERT INTO snapshot_parts (session_id, generation, part, data) VALUES (?, ?, ?, ?)',
      ),
      // A save that began before a later one finished leaves the later one current.
      saveHead: db.prepare<[string, number, number, number, number]>(
        `INSERT INTO snapshots (session_id, seq, version, bytes, generation) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, version = excluded.version,
           bytes = excluded.bytes, generation = excluded.generation
         WHERE excluded.generation > snapshots.generation`,
      ),
      removeOldParts: db.prepare<[string, string, number]>(
        `DELETE FROM snapshot_parts WHERE rowid IN (
           SELECT rowid FROM snapshot_parts
           WHERE session_id = ? AND generation < (SELECT generation FROM snapshots WHERE session_id = ?)
           LIMIT ?)`,
      ),
    };
    this.transactions = {
      /** The first part, which takes the next generation (above any a crash left behind). */
      firstPart: db.transaction((sessionId: string, data: Buffer) => {
        const generation = this.statements.nextGeneration.get(sessionId)!;
        this.statements.insertPart.run(sessionId, generation, 0, data);
        return generation;
      }),
      /** The session's snapshot, whole; when `expected` is given, only while it is still that one. */
      load: db.transaction((sessionId: string, expected?: SnapshotHead): { head: HeadRow; state: Buffer } | null => {
        const head = this.statements.head.get(sessionId);
        if (!head) return null;
        if (
          expected &&
          (head.seq !== expected.seq || head.version !== expected.version || head.bytes !== expected.bytes)
        )
          return null;
        return { head, state: Buffer.concat(this.statements.parts.all(sessionId, head.generation), head.bytes) };
      }),
    };
  }

  /**
   * A connection of its own to the store's file, for a thread other than the store's: read-only,
   * or able to write snapshots (`snapshots`), never the log. The file's WAL mode lets it read
   * while the store writes. A snapshot is a cache, so its commit is not synced to disk
   * (`synchronous = NORMAL`): a crash may lose it, never the log, whose commits sync the WAL.
   */
  static open(file: string, access: 'read' | 'snapshots'): StateConnection {
    const db = new Database(file, { readonly: access === 'read', fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    if (access === 'snapshots') db.pragma('synchronous = NORMAL');
    const log = new SqliteLog(db);
    return {
      read: (sessionId, afterSeq, limit) => log.read(sessionId, afterSeq, limit),
      loadSnapshot: (sessionId) => log.loadSnapshot(sessionId),
      saveSnapshot: (snapshot, saving) => log.saveSnapshot(snapshot, saving),
      close: () => settle(() => void db.close()),
    };
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return settle(() => this.statements.read.all(sessionId, afterSeq, limit).map(toEvent));
  }

  loadSnapshot(sessionId: string): Promise<StateSnapshot | null> {
    return settle(() => {
      const loaded = this.transactions.load(sessionId);
      if (!loaded) return null;
      const { seq, version } = loaded.head;
      return { sessionId, seq, version, state: loaded.state.toString('utf8') };
    });
  }

  loadSnapshotHead(sessionId: string): Promise<SnapshotHead | null> {
    return settle(() => {
      const head = this.statements.head.get(sessionId);
      return head ? { sessionId, seq: head.seq, version: head.version, bytes: head.bytes } : null;
    });
  }

  loadSnapshotBytes(head: SnapshotHead): Promise<Uint8Array | null> {
    return settle(() => this.transactions.load(head.sessionId, head)?.state ?? null);
  }

  loadSnapshotPart(head: SnapshotHead, index: number): Promise<Uint8Array | null> {
    return settle(() => this.statements.part.get(head.sessionId, head.seq, head.version, head.bytes, index) ?? null);
  }

  /**
   * Writes the state's parts, each in a transaction of its own with a rest after it (see
   * {@link restAfter}), then makes them the session's snapshot, then removes the parts of the
   * snapshots before. Until the head moves, readers see the snapshot before, whole. Saved
   * `alone`, it does not rest: no commit is waiting for the lock.
   */
  async saveSnapshot({ sessionId, seq, version, state }: StateSnapshot, saving?: SnapshotSaving): Promise<void> {
    const briefly = saving?.alone ? settle : this.briefly;
    const { parts, bytes } = snapshotParts(state);
    const generation = await briefly(() => this.transactions.firstPart.immediate(sessionId, parts[0]!));
    for (let index = 1; index < parts.length; index++)
      await briefly(() => this.statements.insertPart.run(sessionId, generation, index, parts[index]!));
    await briefly(() => this.statements.saveHead.run(sessionId, seq, version, bytes, generation));
    let removed: number;
    do
      removed = await briefly(
        () => this.statements.removeOldParts.run(sessionId, sessionId, partsRemovedAtOnce).changes,
      );
    while (removed > 0);
  }

  /** Runs one short write (a transaction of its own), then rests, leaving the write lock to others. */
  private readonly briefly = async <TResult>(write: () => TResult): Promise<TResult> => {
    const started = performance.now();
    const result = await settle(write);
    await rest(restAfter(performance.now() - started));
    return result;
  };
}
