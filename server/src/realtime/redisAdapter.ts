import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Logger } from '../lib/logger.js';
import type { AdapterFactory } from './types.js';

/** How rooms travel between processes through Redis (REDIS_ADAPTER). */
export type RedisAdapterKind = 'streams' | 'pubsub';

/** The socket.io adapter over Redis, with what the readiness check and the shutdown need. */
export interface RedisAdapter {
  adapter: AdapterFactory;
  /** True while the adapter's connection to Redis is up. */
  isReady: () => boolean;
  /** The REST rate limit's counts, kept in Redis so every process counts one address alike. */
  httpRateStore: RateLimitStore;
  close: () => Promise<void>;
}

/**
 * Opens the Redis connections of the adapter. Each has an error listener: without one, the
 * first refused reconnection would throw from the client's emitter and stop the process. While
 * Redis is away the clients keep reconnecting; the process keeps accepting and storing commands
 * and broadcasts to its own sockets, and what other processes missed reaches their clients
 * through the heartbeat and catch-up from the database (see the README's deployment section).
 */
export async function openRedisAdapter(options: {
  url: string;
  kind: RedisAdapterKind;
  /** Prefix of every key and channel, so deployments (and tests) can share one Redis. */
  prefix: string;
  logger: Logger;
}): Promise<RedisAdapter> {
  const { createClient } = await import('redis');
  const { logger } = options;
  // Retries every half second at most: the process must notice Redis's return quickly. No
  // offline queue: what is published while Redis is away fails at once instead of piling up in
  // memory; the clients of other processes get it from the database through the heartbeat.
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) },
  });
  const clients = [client];
  // The adapters publish without waiting for the answer: a publication refused while Redis is
  // away would be an unhandled rejection, which stops the process. It is counted and logged once
  // per outage instead.
  let unpublished = 0;
  const publish = client.publish.bind(client);
  Object.defineProperty(client, 'publish', {
    value: (...args: Parameters<typeof publish>) =>
      publish(...args).catch((error: unknown) => {
        if (unpublished++ === 0) logger.warn({ err: error }, 'Redis publications dropped until it returns');
        return 0;
      }),
  });
  const watch = (redis: typeof client, role: string): void => {
    let down = false;
    redis.on('error', (error: unknown) => {
      if (down) return;
      down = true;
      logger.warn({ err: error, role }, 'Redis unreachable; serving this process alone until it returns');
    });
    redis.on('ready', () => {
      if (!down) return;
      down = false;
      logger.info({ role, unpublished }, 'Redis reachable again');
      unpublished = 0;
    });
  };
  watch(client, 'publish');
  await client.connect();
  let adapter: AdapterFactory;
  if (options.kind === 'streams') {
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    adapter = createAdapter(client, {
      streamName: `${options.prefix}:socket.io`,
      channelPrefix: `${options.prefix}:socket.io`,
      sessionKeyPrefix: `${options.prefix}:socket.io:session:`,
      onlyPlaintext: true,
    }) as AdapterFactory;
    // It reads the stream on duplicates of `client` with error listeners of their own; they
    // inherit the reconnection strategy.
  } else {
    const { createAdapter } = await import('@socket.io/redis-adapter');
    const subscriber = client.duplicate();
    watch(subscriber, 'subscribe');
    clients.push(subscriber);
    await subscriber.connect();
    adapter = createAdapter(client, subscriber, { key: `${options.prefix}:socket.io` });
  }
  const { RedisStore } = await import('rate-limit-redis');
  const httpRateStore = new RedisStore({
    sendCommand: (...args: string[]) => client.sendCommand(args),
    prefix: `${options.prefix}:rate:`,
  });
  return {
    adapter,
    isReady: () => clients.every((redis) => redis.isReady),
    httpRateStore,
    close: async () => {
      await Promise.allSettled(clients.map((redis) => redis.close()));
    },
  };
}
