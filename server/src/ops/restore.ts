import { existsSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { SqliteStore } from '../storage/sqlite/SqliteStore.js';

/**
 * Throws if any other connection has the SQLite file open (a running server keeps it open):
 * an exclusive lock cannot be had then. Restoring under a running server would corrupt it.
 */
export function assertNotInUse(file: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file, { fileMustExist: true, timeout: 200 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch {
    throw new Error(`${file} is in use (is the server running?): stop the server, then restore.`);
  } finally {
    db.close();
  }
}

/**
 * `npm run restore -- <backup file>`, with the server stopped: checks the backup, keeps the
 * current store beside it as `plenum.sqlite.before-restore-<UTC time>`, puts the backup in its
 * place and gives the log a new epoch, so every client that saw later events starts over (P6).
 */
function main(): void {
  const config = loadConfig(process.env);
  if (config.databaseUrl !== null) throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore.');
  const source = process.argv[2];
  if (!source) throw new Error('Name the backup to restore: npm run restore -- <backup file>');
  const backupFile = resolve(source);
  if (!existsSync(backupFile)) throw new Error(`There is no backup at ${backupFile}.`);
  const file = join(config.dataDir, 'plenum.sqlite');
  assertNotInUse(file);
  let kept: string | null = null;
  if (existsSync(file)) {
    // Fold the current WAL into the file first, so the kept copy is one self-contained file.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    kept = `${file}.before-restore-${new Date().toISOString().replaceAll(':', '-')}`;
    renameSync(file, kept);
  }
  SqliteStore.restore(backupFile, file);
  process.stdout.write(
    `Restored ${backupFile}\n      to ${file}${kept ? `\nThe previous store is kept as ${kept}` : ''}\n` +
      'The log has a new epoch: clients start over from it when they reconnect.\n',
  );
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
