import Database from 'better-sqlite3';
import type { SessionEvent } from '@plenum/shared';
import type { StateSnapshot } from '../../domain/ports.js';
import type { StateConnection } from '../stateConnection.js';
import { toEvent, type EventRow } from '../rows.js';
import { settle } from '../settle.js';

/**
 * A session's log and its snapshot on one SQLite connection: the store's own, or the connection
 * another thread opens on the same file to make states there (`openStateConnection`).
 */
export class SqliteLog {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      read: db.prepare<[string, number, number], EventRow>(
        'SELECT session_id, seq, at, actor_id, type, payload FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      loadSnapshot: db.prepare<[string], { seq: number; version: number; state: string }>(
        'SELECT seq, version, state FROM snapshots WHERE session_id = ?',
      ),
      saveSnapshot: db.prepare(
        'INSERT INTO snapshots (session_id, seq, version, state) VALUES (?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, state = excluded.state',
      ),
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
      saveSnapshot: (snapshot) => log.saveSnapshot(snapshot),
      close: () => settle(() => void db.close()),
    };
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return settle(() => this.statements.read.all(sessionId, afterSeq, limit).map(toEvent));
  }

  loadSnapshot(sessionId: string): Promise<StateSnapshot | null> {
    return settle(() => {
      const row = this.statements.loadSnapshot.get(sessionId);
      return row ? { sessionId, ...row } : null;
    });
  }

  saveSnapshot(snapshot: StateSnapshot): Promise<void> {
    return settle(() => {
      this.statements.saveSnapshot.run(snapshot.sessionId, snapshot.seq, snapshot.version, snapshot.state);
    });
  }
}
