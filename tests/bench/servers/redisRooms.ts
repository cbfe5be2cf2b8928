import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

/**
 * Rooms shared between server processes through Redis pub/sub: `@socket.io/redis-adapter`,
 * the adapter Plenum uses by default (REDIS_ADAPTER=pubsub), with its key under `prefix` as
 * Plenum names it. The bare baseline and the bench's Plenum nodes both go through this one
 * function, so the two sides of the `nodes` scenario cross Redis the same way.
 */
export async function openRedisRooms(
  url: string,
  prefix: string,
): Promise<{ adapter: ReturnType<typeof createAdapter>; close: () => Promise<void> }> {
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  for (const redis of [publisher, subscriber])
    redis.on('error', (error: unknown) => process.stderr.write(`redis: ${String(error)}\n`));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  return {
    adapter: createAdapter(publisher, subscriber, { key: `${prefix}:socket.io` }),
    close: async () => {
      await Promise.allSettled([publisher.close(), subscriber.close()]);
    },
  };
}

/** What the harness passes a node in BENCH_REDIS (JSON): the Redis to share rooms through and the key prefix. */
export interface RedisRoomsOptions {
  url: string;
  prefix: string;
}
