import type Database from 'better-sqlite3';

/**
 * Runs a write of rows that are made again from the log after a crash (notifications, their
 * e-mails and the cursor saying how far they were made) without waiting for the disk. The store's
 * commits sync the WAL (`synchronous = FULL`) and hold the event loop while they do; this write
 * follows every commit, so syncing it too doubled the waits on a command's path (bench finding
 * 28). Left unsynced, it is still in the WAL before any later commit, whose sync takes it along,
 * so the log never waits on it or depends on it; only a crash of the machine before that sync can
 * lose it, and then the events after the cursor are read again and make the same notifications,
 * whose ids come from their source.
 */
export function unsynced<TResult>(db: Database.Database, write: () => TResult): TResult {
  // Through `pragma` each time: SQLite applies this pragma when the statement is prepared, so a
  // statement prepared once and run again would change nothing.
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
