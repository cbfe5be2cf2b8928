import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AdapterFactory } from './app.js';
import { loadConfig, type Config } from './config.js';
import { ensureDemo } from './demo/seedDemo.js';
import type { Store } from './domain/ports.js';
import { inviteLink } from './http/routes/sessions.js';
import { createLogger } from './lib/logger.js';
import { haltingFaults, haltSeedingAt } from './realtime/faults.js';
import { SqliteStore } from './storage/sqlite/SqliteStore.js';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));

// PostgreSQL and Redis are loaded only when configured: they take most of the start-up time.
async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl !== null) {
    const { PostgresStore } = await import('./storage/postgres/PostgresStore.js');
    return PostgresStore.open(config.databaseUrl);
  }
  return new SqliteStore(join(config.dataDir, 'plenum.sqlite'));
}

/** With REDIS_URL, rooms are shared with every other server process through Redis pub/sub. */
async function openAdapter(config: Config): Promise<{ adapter: AdapterFactory; close: () => Promise<void> } | null> {
  if (config.redisUrl === null) return null;
  const [{ createAdapter }, { createClient }] = await Promise.all([
    import('@socket.io/redis-adapter'),
    import('redis'),
  ]);
  const pub = createClient({ url: config.redisUrl });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub),
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const store = await openStore(config);
  const redis = await openAdapter(config);
  const testFaults = config.testFaults;
  if (testFaults) logger.warn({ testFaults }, 'PLENUM_TEST_FAULTS is set: this server is for fault tests only');
  const app = createApp({
    store,
    adapter: redis?.adapter,
    logger,
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl ?? undefined,
    adminToken: config.adminToken,
    clientDir,
    heartbeatMs: config.heartbeatMs,
    trustProxy: config.trustProxy,
    protections: testFaults?.protections,
    faults: testFaults ? haltingFaults(testFaults.halt, { ackBeforeCommit: testFaults.ackBeforeCommit }) : undefined,
  });

  // `npm start -- --links`: new links for the demo's own participants (their old ones stop working).
  const reissueLinks = process.argv.slice(2).includes('--links');
  const haltSeedAt = testFaults?.haltSeedAt ?? null;
  const demo = config.demo
    ? await ensureDemo(
        {
          sessions: app.sessions,
          commands: app.commands,
          settings: store,
          ids: app.ids,
          afterSeedStep: haltSeedAt === null ? undefined : haltSeedingAt(haltSeedAt),
        },
        { reissueLinks },
      )
    : null;

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, config.host, resolve);
  });
  logger.info({ host: config.host, port: config.port, store: store.kind, redis: redis !== null }, 'listening');

  // The banner is for the person at the terminal, so it bypasses the JSON log.
  const lines = [`\nPlenum is running at ${app.publicUrl()}\n`];
  if (demo) {
    const title = await app.commands.read(demo.sessionId, (state) => state.definition?.title);
    lines.push(`Demo review session: ${title ?? demo.sessionId}`);
    if (demo.invitations.length > 0) {
      // Shown once: the store keeps only the tokens' hashes.
      lines.push('Invite links (each opens the screen of its role). They are shown only now: keep them, or');
      lines.push('issue new ones with `npm start -- --links` (the old ones then stop working):');
      for (const { participant, token } of demo.invitations) {
        lines.push(
          `  ${participant.role.padEnd(10)} ${participant.name}\n             ${inviteLink(app.publicUrl(), demo.sessionId, token)}`,
        );
      }
    } else {
      lines.push('Its invite links were shown when it was created; `npm start -- --links` issues new ones');
      lines.push("for the demo's own participants (their old links stop working).");
    }
  } else if (reissueLinks) {
    lines.push('--links: the demo is off (DEMO=false), so there are no demo links to issue.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => Promise.all([store.close(), redis?.close()]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Plenum could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
