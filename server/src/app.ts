import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { pendingRelays, type AccessEndedReason, type Notification, type SessionEvent } from '@plenum/shared';
import express from 'express';
import { rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import helmet from 'helmet';
import { AdminService } from './domain/adminService.js';
import { apiTokenPrefix, ApiTokenService } from './domain/apiTokens.js';
import { CommandService } from './domain/commandService.js';
import type { Clock, IdGenerator, InvitationStore, Store, Timers } from './domain/ports.js';
import { isOrganisationStream, OrganisationService } from './domain/organisationService.js';
import { SessionService } from './domain/sessionService.js';
import { SessionDirectory } from './domain/sessionDirectory.js';
import { CascadeService } from './domain/cascadeService.js';
import { SessionStates } from './domain/sessionStates.js';
import { SnapshotThread } from './storage/SnapshotThread.js';
import { errorHandler } from './http/middleware/errors.js';
import { sendProblem } from './http/problem.js';
import { clientFiles } from './http/clientFiles.js';
import { openApiDocument } from './http/openapi/document.js';
import { operationsRouter } from './http/openapi/operation.js';
import { adminRoutes } from './http/routes/admin.js';
import { apiOperations } from './http/routes/api.js';
import { apiDocsRoutes } from './http/routes/apiDocs.js';
import { apiTokenOperations } from './http/routes/apiTokens.js';
import { chainOperations } from './http/routes/chain.js';
import { healthRoutes } from './http/routes/health.js';
import { organisationRoutes } from './http/routes/organisations.js';
import { recordsRoutes } from './http/routes/records.js';
import { TrendsReadModel } from './trends/TrendsReadModel.js';
import { defaultMinutesPoolLimits, MinutesPool, type MinutesPoolLimits } from './records/minutesPool.js';
import { adminLink, inviteLink, sessionRoutes } from './http/routes/sessions.js';
import { webhookOperations } from './http/routes/webhooks.js';
import { hashToken, newInvitationToken, randomIds } from './lib/ids.js';
import type { Logger } from './lib/logger.js';
import { systemClock, systemTimers } from './lib/systemClock.js';
import type { TrustProxy } from './lib/clientAddress.js';
import { createGateway } from './realtime/createGateway.js';
import type { CommandStep } from './realtime/pipeline/commandSteps.js';
import { resolveProtections, type Protections } from './realtime/protections.js';
import type { AdapterFactory, GatewayServer } from './realtime/types.js';
import type { RetryPolicy } from './webhooks/backoff.js';
import { publicOnly, type ReceiverPolicy } from './webhooks/receiverPolicy.js';
import { WebhookDispatcher } from './webhooks/WebhookDispatcher.js';
import { WebhookService } from './webhooks/WebhookService.js';
import type { Mailer } from './notifications/mailer.js';
import { NotificationService } from './notifications/NotificationService.js';
import { notificationOperations } from './http/routes/notifications.js';
import { participantRoom } from './realtime/rooms.js';

export type { AdapterFactory, Protections };

export interface AppDeps {
  store: Store;
  /** socket.io adapter; the default keeps rooms in this process. */
  adapter?: AdapterFactory;
  /** Whether the adapter's Redis connection is up, for `GET /api/ready`; omitted without Redis. */
  isRedisReady?: () => boolean;
  /** Where the REST rate limit counts (Redis, shared by every process); default: this process's memory. */
  httpRateStore?: RateLimitStore;
  logger: Logger;
  clock?: Clock;
  ids?: IdGenerator;
  /** Browser origins allowed to connect besides the public URL's (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /**
   * Base URL of invite links (PUBLIC_URL); its origin may connect from a browser. Omitted:
   * `http://localhost:<port listened on>`, and browsers may connect from that origin and
   * `http://127.0.0.1:<port>`.
   */
  publicUrl?: string;
  /** Certificate chain and key (PEM) to serve HTTPS rather than HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  adminToken?: string | null;
  /** Folder of the built client to serve; omitted or missing: API only. */
  clientDir?: string;
  heartbeatMs?: number;
  /** Presence changes gathered per session before one delta goes out; default 500 ms, 0: none. */
  presenceIntervalMs?: number;
  /** First connections gathered per session before one attendance append; default 1 s, 0: none. */
  attendanceWindowMs?: number;
  /** Most first connections in one attendance append; default 250. */
  attendanceAppendSize?: number;
  /**
   * Reverse proxies in front of the server (TRUST_PROXY, see `parseTrustProxy`): the REST and
   * socket rate limits then count each client by its forwarded address. Omitted: none.
   */
  trustProxy?: TrustProxy | null;
  /** Abuse limits and protections; omitted ones take their defaults (`false` switches one off). */
  protections?: Partial<Protections>;
  /**
   * The steps every command runs through; default `commandSteps`. A test harness adds its own
   * (e.g. one that halts the process after the commit).
   */
  commandSteps?: readonly CommandStep[];
  /** Worker threads making the minutes (PDF or Markdown) at once, and jobs that may wait for one (PDF_WORKERS, PDF_QUEUE). */
  minutesLimits?: Partial<MinutesPoolLimits>;
  /** Webhook delivery: which receivers may be reached (default: public addresses only), retries, timers. */
  webhooks?: WebhookOptions;
  /** Notifications: the mailer (none: nothing is e-mailed) and the due-date schedule. */
  notifications?: NotificationOptions;
}

/** How notifications are made and e-mailed; every field is optional. */
export interface NotificationOptions {
  /** Null or omitted: no e-mail is queued or sent (SMTP_URL unset). */
  mailer?: Mailer | null;
  /** The timers of the due-date schedule and the e-mail queue; tests pass their own. */
  timers?: Timers;
  dueCheckMs?: number;
  random?: () => number;
}

/** How webhooks are delivered; every field is optional. */
export interface WebhookOptions {
  /** Default {@link publicOnly}: internal receivers are refused (SSRF). */
  policy?: ReceiverPolicy;
  retry?: RetryPolicy;
  /** The timers that wake the queue and the overdue schedule; tests pass their own and drive it by hand. */
  timers?: Timers;
  timeoutMs?: number;
  overdueCheckMs?: number;
  random?: () => number;
}

export interface App {
  httpServer: HttpServer;
  /** The express application (REST and static files), e.g. for tests that list its routes. */
  web: express.Express;
  io: GatewayServer;
  commands: CommandService;
  sessions: SessionService;
  /** Each session's digest, for the sessions list and the due dates. */
  directory: SessionDirectory;
  /** Follow-ups down the line, and the relay of their explanations back up. */
  cascade: CascadeService;
  organisations: OrganisationService;
  /** The organisation's administrators. */
  admin: AdminService;
  ids: IdGenerator;
  /** Base of invite links: the configured public URL, or the loopback URL of the port listened on. */
  publicUrl: () => string;
  /** Turns committed events into webhook deliveries and sends them. */
  webhooks: WebhookDispatcher;
  /** Turns committed events and due dates into notifications per participant, and e-mails them. */
  notifications: NotificationService;
  /** Trends across the quarters of a session's chain, as `GET /api/v1/sessions/{sessionId}/trends` answers them. */
  trends: TrendsReadModel;
  /**
   * Resolves once the attendance of every join answered so far is recorded and broadcast: a
   * join's answer goes out before its attendance is appended (P21).
   */
  settleAttendance: () => Promise<void>;
  /**
   * Drains: `GET /api/ready` answers 503 from now on, new connections are refused, attendance
   * pending is recorded and broadcast, the sockets are closed (their clients reconnect, through
   * the balancer, to another process and catch up there), the commands in flight finish their
   * commit (an ack lost with its socket is answered again, by its command id, wherever the
   * client retries), the HTTP server and the PDF workers stop. Then saves the sessions' state snapshots so the
   * next start folds little, each written before this resolves (the store is the caller's to close).
   */
  close: () => Promise<void>;
}

/**
 * The composition root: wires domain, transport and the given store. Never listens and never
 * reads the environment; `main.ts` and the tests do that.
 * @example
 * const app = createApp({ store: new InMemoryStore(), logger });
 * app.httpServer.listen(0);
 */
export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  const protections = resolveProtections(deps.protections);
  const relayUp = (sessionId: string) => {
    const warn = (error: unknown, directiveId?: string) =>
      deps.logger.warn({ err: error, sessionId, directiveId }, 'explanation not relayed up');
    cascade.relay(sessionId, (error, relay) => warn(error, relay.directiveId)).catch(warn);
  };
  // Snapshots are made and written on a thread of their own, unless no other thread can read the store.
  const snapshotThread = deps.store.address && new SnapshotThread(deps.store.address);
  // A relay cut short (the process stopped between its two appends) is finished when its session is next loaded.
  const states = new SessionStates(
    deps.store,
    systemTimers,
    (state) => {
      if (pendingRelays(state).length > 0) relayUp(state.sessionId);
    },
    snapshotThread,
  );
  const commands = new CommandService({
    store: deps.store,
    states,
    clock,
    ids,
    timers: systemTimers,
    onSnapshotError: (error, sessionId) => deps.logger.warn({ err: error, sessionId }, 'state snapshot not saved'),
    onCommitted: (sessionIds) => webhooks.handleCommitted(sessionIds),
    onAppended: (sessionId, events) => {
      notifications.handleCommitted(sessionId, events);
      // An explanation forwarded out of a level's follow-up goes on into the higher review's record.
      if (events.some((event) => event.type === 'directive:forwarded')) relayUp(sessionId);
    },
  });
  const webhookPolicy = deps.webhooks?.policy ?? publicOnly;
  const directory = new SessionDirectory({
    store: deps.store,
    // A digest reads nothing of the criticisms: the sessions list does not wait for them after a start.
    read: (sessionId, view) => commands.readWithoutCriticisms(sessionId, view),
    timers: systemTimers,
    onSaveError: (error, sessionId) =>
      deps.logger.warn({ err: error, sessionId }, 'session digest not saved; made again when next read'),
  });
  const webhooks = new WebhookDispatcher({
    store: deps.store,
    directory,
    read: (sessionId, view) => commands.read(sessionId, view),
    clock,
    timers: deps.webhooks?.timers ?? systemTimers,
    logger: deps.logger,
    policy: webhookPolicy,
    retry: deps.webhooks?.retry,
    timeoutMs: deps.webhooks?.timeoutMs,
    overdueCheckMs: deps.webhooks?.overdueCheckMs,
    random: deps.webhooks?.random,
  });
  // Sent to the recipient's own sockets once the gateway exists.
  let notify: (notification: Notification) => void = () => undefined;
  const notifications = new NotificationService({
    store: deps.store,
    directory,
    read: (sessionId, view) => commands.read(sessionId, view),
    clock,
    timers: deps.notifications?.timers ?? systemTimers,
    logger: deps.logger,
    mailer: deps.notifications?.mailer ?? null,
    publish: (notification) => notify(notification),
    dueCheckMs: deps.notifications?.dueCheckMs,
    random: deps.notifications?.random,
  });
  // A revoked invitation also ends the participant's open sockets, not only their next command;
  // a changed role, unit or expiry ends them too, and they reconnect with it (P8).
  let onAuthorityChanged: (sessionId: string, participantId: string, reason: AccessEndedReason) => void = () =>
    undefined;
  // An administrator (of the organisation's log) may have screens open on any session.
  const authorityChanged = async (
    streamId: string,
    participantId: string,
    reason: AccessEndedReason,
  ): Promise<void> => {
    const sessionIds = isOrganisationStream(streamId) ? await deps.store.listSessions() : [streamId];
    for (const sessionId of sessionIds) onAuthorityChanged(sessionId, participantId, reason);
  };
  const invitations: InvitationStore = {
    saveInvitation: (record) => deps.store.saveInvitation(record),
    findInvitation: (tokenHash) => deps.store.findInvitation(tokenHash),
    listInvitations: (sessionId) => deps.store.listInvitations(sessionId),
    revokeInvitations: async (sessionId, participantId, at) => {
      const revoked = await deps.store.revokeInvitations(sessionId, participantId, at);
      if (revoked > 0) await authorityChanged(sessionId, participantId, 'revoked');
      return revoked;
    },
    updateInvitations: async (sessionId, participantId, change) => {
      const updated = await deps.store.updateInvitations(sessionId, participantId, change);
      if (updated > 0 && (change.participant !== undefined || change.expiresAt !== undefined)) {
        await authorityChanged(sessionId, participantId, 'changed');
      }
      return updated;
    },
  };
  // Invitations changed over REST reach open screens live, once the gateway exists to send them.
  let publish: (sessionId: string, events: readonly SessionEvent[]) => void = () => undefined;
  const sessions = new SessionService({
    commands,
    invitations,
    published: (streamId, events) => {
      if (!isOrganisationStream(streamId)) publish(streamId, events);
    },
    clock,
    ids,
    tokens: {
      issue: () => {
        const token = newInvitationToken();
        return { token, hash: hashToken(token) };
      },
    },
    invited: (streamId, issued) =>
      notifications.invited(streamId, issued, (token) =>
        isOrganisationStream(streamId) ? adminLink(publicUrl(), token) : inviteLink(publicUrl(), streamId, token),
      ),
  });

  const cascade = new CascadeService({
    commands,
    sessions,
    clock,
    ids,
    published: (id, events) => publish(id, events),
    directory,
  });
  const organisations = new OrganisationService(commands);
  const admin = new AdminService({ commands, sessions, invitations, settings: deps.store, clock });
  const scheme = deps.tls ? 'https' : 'http';
  const publicUrl = (): string => deps.publicUrl ?? `${scheme}://localhost:${listeningPort(httpServer)}`;

  const minutes = new MinutesPool({ ...defaultMinutesPoolLimits, ...deps.minutesLimits }, deps.store.address);
  const trends = new TrendsReadModel((sessionId, view) => commands.read(sessionId, view));
  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', deps.trustProxy ?? false);
  if (!deps.trustProxy) {
    // A proxy in front that the server does not trust makes every client share one address.
    let warned = false;
    web.use((req, _res, next) => {
      if (!warned && req.headers['x-forwarded-for'] !== undefined) {
        warned = true;
        deps.logger.warn(
          'requests carry X-Forwarded-For but TRUST_PROXY is not set: the rate limits count every client behind that proxy as one',
        );
      }
      next();
    });
  }
  // Every response, the socket server's under /socket.io/ included (P16).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: false,
  });
  web.use(securityHeaders);
  if (protections.http !== false) {
    // REST only: the socket has its own limits, and static files are cheap.
    web.use(
      '/api',
      rateLimit({
        windowMs: protections.http.windowMs,
        limit: protections.http.limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        store: deps.httpRateStore,
        // Redis away: the requests are served uncounted rather than refused (the degraded mode).
        passOnStoreError: true,
        // The server warns of an untrusted X-Forwarded-For itself, in its own log.
        validate: { xForwardedForHeader: false },
        handler: (req, res) => {
          sendProblem(req, res, 'RATE_LIMITED', 'Too many requests; wait a minute and try again.');
        },
      }),
    );
  }
  web.use(express.json({ limit: '64kb' }));
  let isDraining = false;
  web.use(healthRoutes(deps.store, { isRedisReady: deps.isRedisReady, isDraining: () => isDraining }));
  const auth = { admin, invitations, adminToken: deps.adminToken ?? null, now: () => clock.now() };
  web.use(adminRoutes({ admin, auth, publicUrl }));
  web.use(sessionRoutes({ sessions, organisations, admin, directory, auth, publicUrl }));
  web.use(organisationRoutes({ organisations, admin, auth, clock }));
  web.use(
    recordsRoutes({
      store: deps.store,
      commands,
      clock,
      ids,
      auth,
      minutes,
      trends,
      published: (id, events) => publish(id, events),
    }),
  );
  const apiTokens = new ApiTokenService({
    store: deps.store,
    clock,
    ids,
    secrets: {
      issue: () => {
        const token = `${apiTokenPrefix}${newInvitationToken()}`;
        return { token, hash: hashToken(token) };
      },
      hash: hashToken,
    },
  });
  const operations = [
    ...apiOperations({
      store: deps.store,
      directory,
      commands,
      sessions,
      cascade,
      organisations,
      trends,
      admin,
      auth: { http: auth, tokens: apiTokens, logger: deps.logger },
      clock,
      ids,
      publicUrl,
      published: (id, events) => publish(id, events),
    }),
    ...apiTokenOperations({ tokens: apiTokens, admin, auth }),
    ...webhookOperations({
      webhooks: new WebhookService({
        webhooks: deps.store.webhooks,
        dispatcher: webhooks,
        policy: webhookPolicy,
        clock,
        ids,
      }),
      admin,
      auth,
    }),
    ...chainOperations({ store: deps.store, auth }),
    ...notificationOperations({ notifications, auth: { http: auth, tokens: apiTokens, logger: deps.logger } }),
  ];
  web.use(operationsRouter(operations));
  web.use(apiDocsRoutes(openApiDocument(operations)));
  web.use('/api', (req, res) => {
    sendProblem(req, res, 'NOT_FOUND', 'No such API endpoint.');
  });
  const clientDir = deps.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    web.use(clientFiles(clientDir));
  } else {
    web.get('/', (_req, res) => {
      res.type('text/plain').send('Plenum API is running; the web client is not built (run npm run build).');
    });
  }
  web.use(errorHandler(deps.logger));

  const httpServer: HttpServer = deps.tls ? createHttpsServer(deps.tls, web) : createServer(web);
  const gateway = createGateway({
    httpServer,
    store: deps.store,
    commands,
    sessions,
    clock,
    logger: deps.logger,
    allowedOrigins: deps.allowedOrigins ?? [],
    publicUrl: deps.publicUrl,
    listeningPort: () => listeningPort(httpServer),
    scheme,
    securityHeaders,
    heartbeatMs: deps.heartbeatMs ?? 10_000,
    presenceIntervalMs: deps.presenceIntervalMs,
    attendanceWindowMs: deps.attendanceWindowMs,
    attendanceAppendSize: deps.attendanceAppendSize,
    adapter: deps.adapter,
    protections,
    commandSteps: deps.commandSteps,
    trustProxy: deps.trustProxy,
  });
  if (protections.disconnectOnAuthorityChange) onAuthorityChanged = gateway.disconnectParticipant;
  publish = gateway.publish;
  notify = (notification) =>
    gateway.io
      .to(participantRoom(notification.sessionId, notification.participantId))
      .emit('notification:new', { notification });
  notifications
    .start()
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'notifications not resumed at start'));
  webhooks
    .start()
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'webhook deliveries not resumed at start'));

  return {
    httpServer,
    web,
    io: gateway.io,
    commands,
    sessions,
    directory,
    cascade,
    organisations,
    admin,
    ids,
    publicUrl,
    webhooks,
    notifications,
    trends,
    settleAttendance: gateway.settleAttendance,
    close: async () => {
      isDraining = true;
      await webhooks.stop();
      await notifications.stop();
      await gateway.close();
      if (httpServer.listening) {
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      }
      await minutes.close();
      await commands.saveSnapshots();
      await snapshotThread?.close();
    },
  };
}

/** The port `httpServer` listens on (0 before it listens). */
function listeningPort(httpServer: HttpServer): number {
  const address = httpServer.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}
