import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, type AppDeps } from './app.js';
import { smtpMailer } from './notifications/mailer.js';
import type { Config } from './config.js';
import { ensureDemo } from './demo/seedDemo.js';
import { adminLink, inviteLink } from './http/routes/sessions.js';
import { createLogger } from './lib/logger.js';
import { openRedisAdapter } from './realtime/redisAdapter.js';
import { openStore } from './storage/openStore.js';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));

/**
 * What a test harness may add to a server process (a production start passes nothing): its own
 * command steps, changed protections, another attendance window, a hook at the end of each step
 * of the demo's seeding.
 */
export interface ServerExtras extends Pick<AppDeps, 'commandSteps' | 'protections' | 'attendanceWindowMs'> {
  afterSeedStep?: (step: number) => void | Promise<void>;
}

/**
 * Starts the server as `npm start` runs it: opens the store (and Redis), seeds the demo,
 * listens, prints the banner, and closes gracefully on SIGTERM or SIGINT.
 */
export async function startServer(config: Config, extras: ServerExtras = {}): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const store = await openStore(config);
  // With REDIS_URL, rooms are shared with every other server process through Redis.
  const redis =
    config.redisUrl === null
      ? null
      : await openRedisAdapter({
          url: config.redisUrl,
          kind: config.redisAdapter,
          prefix: config.redisPrefix,
          logger,
        });
  const app = createApp({
    store,
    adapter: redis?.adapter,
    isRedisReady: redis?.isReady,
    httpRateStore: redis?.httpRateStore,
    logger,
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl ?? undefined,
    adminToken: config.adminToken,
    clientDir,
    heartbeatMs: config.heartbeatMs,
    minutesLimits: config.minutesLimits,
    trustProxy: config.trustProxy,
    webhooks: { policy: config.webhookReceivers },
    notifications: { mailer: config.smtp && smtpMailer(config.smtp.url, config.smtp.from) },
    protections: extras.protections,
    commandSteps: extras.commandSteps,
    attendanceWindowMs: extras.attendanceWindowMs,
    tls: config.tls && { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
  });

  // `npm start -- --links`: new links for the demo's own participants (their old ones stop working).
  const reissueLinks = process.argv.slice(2).includes('--links');
  const demo = config.demo
    ? await ensureDemo(
        {
          sessions: app.sessions,
          commands: app.commands,
          settings: store,
          ids: app.ids,
          afterSeedStep: extras.afterSeedStep,
        },
        { reissueLinks },
      )
    : null;
  // The organisation's first administrator, made when it has none; `--links` gives it a new link.
  const administrator = await app.admin.ensureAdministrator({ reissue: reissueLinks });

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, config.host, resolve);
  });
  logger.info(
    { host: config.host, port: config.port, store: store.kind, redis: redis && config.redisAdapter },
    'listening',
  );

  // The banner is for the person at the terminal, so it bypasses the JSON log.
  const lines = [`\nPlenum is running at ${app.publicUrl()}\n`];
  if (administrator) {
    lines.push('Administrator link: open it first to keep the register, convene and prepare your own review.');
    lines.push('It is shown only now (`npm start -- --links` issues a new one, and the old one stops working):');
    lines.push(
      `  administrator ${administrator.participant.name}\n             ${adminLink(app.publicUrl(), administrator.token)}\n`,
    );
  }
  if (demo) {
    const title = await app.commands.readWithoutCriticisms(demo.sessionId, (state) => state.definition?.title);
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
      lines.push(
        "The other units' presenters are invited too: issue their links from the session's Invitations (reissue).",
      );
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
