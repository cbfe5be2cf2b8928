/**
 * One Plenum node of the `nodes` scenario, in its own process: `createApp` on PostgreSQL (the
 * harness seeded the schema) with its rooms shared through the Redis adapter, as a deployment
 * with DATABASE_URL and REDIS_URL runs it. Options in BENCH_NODE (JSON); prints one JSON line
 * with its port when listening.
 */
import type { AddressInfo } from 'node:net';
import { createApp, createLogger } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { announceReady, serveControl } from './control.js';
import { openRedisRooms, type RedisRoomsOptions } from './redisRooms.js';

export interface PlenumNodeOptions {
  databaseUrl: string;
  schema: string;
  redis: RedisRoomsOptions;
}

/** What the node prints when ready. */
export interface PlenumNodeReady {
  kind: 'plenum-node';
  port: number;
  readyAtMs: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env.BENCH_NODE ?? '{}') as PlenumNodeOptions;
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn', destination: process.stderr });
  const store = await PostgresStore.open(options.databaseUrl, { schema: options.schema });
  const redis = await openRedisRooms(options.redis.url, options.redis.prefix);
  const app = createApp({ store, logger, adapter: redis.adapter, isRedisReady: () => true });
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(0, '127.0.0.1', resolve);
  });
  // Stopping closes Redis and the store without `app.close()`, as plenumServer.ts does: closing
  // the sockets one by one would broadcast presence for each of them.
  serveControl({
    stop: async () => {
      await redis.close();
      await store.close();
    },
  });
  announceReady({
    kind: 'plenum-node',
    port: (app.httpServer.address() as AddressInfo).port,
  } satisfies Omit<PlenumNodeReady, 'readyAtMs'>);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `plenumNode failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
