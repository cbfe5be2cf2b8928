import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from '../domain/ports.js';
import { SqliteStore } from './sqlite/SqliteStore.js';
import { checkpointEveryMs } from './sqlite/WalCheckpoints.js';

/**
 * The store the configuration names: PostgreSQL with DATABASE_URL, else the SQLite file in
 * DATA_DIR. PostgreSQL is loaded only when configured: it takes much of the start-up time.
 */
export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl !== null) {
    const { PostgresStore } = await import('./postgres/PostgresStore.js');
    return PostgresStore.open(config.databaseUrl, { schema: config.databaseSchema });
  }
  return new SqliteStore(join(config.dataDir, 'plenum.sqlite'), { walCheckpointEveryMs: checkpointEveryMs });
}
