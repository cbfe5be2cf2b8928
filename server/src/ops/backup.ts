import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { SqliteStore } from '../storage/sqlite/SqliteStore.js';

/**
 * `npm run backup [-- <destination file>]`: an online backup of the SQLite store in DATA_DIR,
 * taken while the server runs (SQLite's backup API copies a consistent snapshot; readers and
 * the writer carry on). Without a destination it writes
 * `DATA_DIR/backups/plenum-<UTC time>.sqlite`. Prints the path of the backup.
 *
 * PostgreSQL (DATABASE_URL) is backed up with the database's own tools (`pg_dump`).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.databaseUrl !== null) {
    throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump, not with this command.');
  }
  const file = join(config.dataDir, 'plenum.sqlite');
  if (!existsSync(file)) throw new Error(`There is no store at ${file} (check DATA_DIR).`);
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const destination = resolve(process.argv[2] ?? join(config.dataDir, 'backups', `plenum-${stamp}.sqlite`));
  if (existsSync(destination)) throw new Error(`${destination} exists already; name another file.`);
  const started = performance.now();
  await SqliteStore.backup(file, destination);
  process.stdout.write(
    `Backed up ${file}\n      to ${destination} in ${Math.round(performance.now() - started)} ms.\n` +
      `Restore it with: npm run restore -- ${destination}  (with the server stopped)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
