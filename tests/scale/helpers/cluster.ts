import { randomBytes } from 'node:crypto';
import { createApp, createLogger, ensureDemo } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import type { Role } from '@plenum/shared';
import { createClient } from 'redis';
import { onTestFinished } from 'vitest';
import type { Member } from '../../fault/helpers/world.js';
import { freePort, spawnServer, type SpawnedServer } from '../../helpers/serverProcess.js';
import { tempDir } from '../../helpers/tempDir.js';

/** The machine's PostgreSQL and Redis, unless the environment names others. */
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
export const sharedRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** How often the nodes send each session's head; what "converged within a heartbeat" counts from. */
export const heartbeatMs = 1000;

/** One review session in its own PostgreSQL schema, served by nodes sharing one Redis key prefix. */
export interface Cluster {
  schema: string;
  prefix: string;
  sessionId: string;
  /** The demo's participants (one per role) first, then the extra ones in order. */
  members: Member[];
  byRole(role: Role): Member[];
  /** Starts a server process on this cluster's schema and prefix; killed when the test finishes. */
  startNode(options?: {
    redisUrl?: string;
    redisAdapter?: 'streams' | 'pubsub';
    /** Another key prefix than the cluster's: a node that shares the database but not the rooms. */
    redisPrefix?: string;
  }): Promise<SpawnedServer>;
}

/**
 * Seeds the demo review (plus `extra` participants) into a fresh PostgreSQL schema, from this
 * process, with its administrator made, so that nodes started with DEMO=false find the same
 * tokens valid. The schema and every Redis key under the prefix are removed when the test
 * finishes.
 */
export async function seedCluster(
  extra: { role: Role; count: number }[],
  options: { redisUrl?: string; floorOpenOn?: string } = {},
): Promise<Cluster> {
  const suffix = randomBytes(6).toString('hex');
  const schema = `scale_${suffix}`;
  const prefix = `plenum-test-${suffix}`;
  onTestFinished(async () => {
    await PostgresStore.dropSchema(databaseUrl, schema);
    await deleteKeys(options.redisUrl ?? sharedRedisUrl, prefix);
  });
  const store = await PostgresStore.open(databaseUrl, { schema });
  const app = createApp({ store, logger: createLogger({ level: 'silent' }), publicUrl: 'http://plenum.test' });
  let sessionId: string;
  const members: Member[] = [];
  try {
    const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
    sessionId = demo.sessionId;
    members.push(...demo.invitations.map(({ participant, token }) => ({ participant, token })));
    for (const { role, count } of extra) {
      for (let i = 0; i < count; i++) {
        const invited = await app.sessions.invite(sessionId, { name: `${role} ${i + 1}`, role, unitId: null });
        members.push({ participant: invited.participant, token: invited.token });
      }
    }
    if (options.floorOpenOn) {
      const chair = members.find((m) => m.participant.role === 'chair')!.participant;
      const itemId = options.floorOpenOn;
      await app.commands.execute(chair, sessionId, `seed-start-${itemId}`, {
        type: 'agenda:start-item',
        payload: { itemId },
      });
      await app.commands.execute(chair, sessionId, `seed-open-${itemId}`, {
        type: 'agenda:open-floor',
        payload: { itemId },
      });
    }
    await app.admin.ensureAdministrator({ reissue: false });
  } finally {
    await app.close();
    await store.close();
  }
  return {
    schema,
    prefix,
    sessionId,
    members,
    byRole: (role) => members.filter((m) => m.participant.role === role),
    startNode: async (node = {}) =>
      spawnServer({
        dataDir: await tempDir(),
        port: await freePort(),
        env: {
          DEMO: 'false',
          LOG_LEVEL: 'warn',
          HEARTBEAT_MS: String(heartbeatMs),
          ALLOWED_ORIGINS: undefined,
          DATABASE_URL: databaseUrl,
          DATABASE_SCHEMA: schema,
          REDIS_URL: node.redisUrl ?? options.redisUrl ?? sharedRedisUrl,
          REDIS_PREFIX: node.redisPrefix ?? prefix,
          REDIS_ADAPTER: node.redisAdapter,
        },
        isReady: (stdout) => (stdout.includes('Plenum is running at') ? true : null),
        waitingFor: 'did not start',
        timeoutMs: 60_000,
      }),
  };
}

/** Removes every key under `prefix` (the adapters' streams and session keys). */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = createClient({ url, socket: { reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch {
    // A Redis the test started and already stopped holds nothing to remove.
    return;
  }
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  } finally {
    await redis.close();
  }
}
