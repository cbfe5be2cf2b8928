import {
  createApp,
  createLogger,
  ensureDemo,
  type App,
  type Clock,
  type Logger,
  type Protections,
  type WebhookOptions,
} from '@plenum/server';
import type { Participant, Role, SessionState } from '@plenum/shared';
import { onTestFinished } from 'vitest';
import { saveAdministrator } from './administrator.js';
import { connectClient, type ClientOptions, type ClientSocket } from './connectClient.js';
import { listenOnLoopback, openTestStore, type DemoServer, type TestStore } from './localServer.js';

export interface TestServerOptions {
  /**
   * `sqlite` (default): a file in a fresh temp dir, as in production; `memory`: InMemoryStore;
   * `postgres`: a fresh schema of the PostgreSQL at DATABASE_URL.
   */
  store?: 'sqlite' | 'memory' | 'postgres';
  /** Interval of the `session:head` heartbeat (P5). Default 10 s, i.e. never within a test. */
  heartbeatMs?: number;
  /** Browser origins allowed besides none; default: the server's own origin only. */
  allowedOrigins?: readonly string[];
  clock?: Clock;
  /** How long presence changes are gathered before one delta goes out. Default: the server's (500 ms). */
  presenceIntervalMs?: number;
  /** How long first connections are gathered before one attendance append. Default 10 ms. */
  attendanceWindowMs?: number;
  /** Most first connections in one attendance append. Default: the server's (250). */
  attendanceAppendSize?: number;
  /** ADMIN_TOKEN; default none. */
  adminToken?: string;
  /** Protections changed from their defaults (`false` switches one off). */
  protections?: Partial<Protections>;
  /** Webhook delivery options (receiver policy, retries, timers); default the server's. */
  webhooks?: WebhookOptions;
  /** Where the server logs; default silent (or PLENUM_TEST_LOG's level). */
  logger?: Logger;
}

/** A real server on an ephemeral port of 127.0.0.1, seeded with the demo review. */
/** `head` and `state` first wait for the attendance of the joins answered so far (P21). */
export interface TestServer extends DemoServer {
  /** The server's folded state of the demo session. */
  state(): Promise<SessionState>;
  /** Connects a typed client with the token of `role` (or any other options). */
  connect(role: Role, options?: Omit<ClientOptions, 'token'>): Promise<ClientSocket>;
  /** Invites one more participant to the demo session; returns the participant and token. */
  invite(role: Role, unitId?: string | null, name?: string): Promise<{ participant: Participant; token: string }>;
  /** Disconnects its clients, closes the server and the store, removes the temp dir. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts `createApp` with a fresh store, listens on port 0 of 127.0.0.1, seeds the demo review
 * and registers its own teardown with the running test (`onTestFinished`).
 * @example
 * const server = await startTestServer();
 * const chair = await server.connect('chair');
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const clients = new Set<ClientSocket>();
  let testStore: TestStore | null = null;
  let app: App | null = null;
  let closing: Promise<void> | null = null;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const client of clients) client.disconnect();
      if (app) await app.close();
      if (testStore) await testStore.dispose();
    })();
    return closing;
  };
  onTestFinished(close);

  testStore = await openTestStore(options.store ?? 'sqlite', 'plenum-test-');
  const { store } = testStore;
  app = createApp({
    store,
    logger: options.logger ?? createLogger({ level: process.env.PLENUM_TEST_LOG ?? 'silent' }),
    allowedOrigins: options.allowedOrigins,
    heartbeatMs: options.heartbeatMs,
    clock: options.clock,
    presenceIntervalMs: options.presenceIntervalMs,
    attendanceWindowMs: options.attendanceWindowMs ?? 10,
    attendanceAppendSize: options.attendanceAppendSize,
    adminToken: options.adminToken,
    protections: options.protections,
    webhooks: options.webhooks,
  });
  const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
  const url = await listenOnLoopback(app.httpServer);

  const tokens = {} as Record<Role, string>;
  const participants = {} as Record<Role, Participant>;
  for (const { participant, token } of demo.invitations) {
    if (tokens[participant.role] !== undefined)
      throw new Error(`the demo has two ${participant.role}s; pick one explicitly`);
    tokens[participant.role] = token;
    participants[participant.role] = participant;
  }
  if (tokens.administrator === undefined) {
    const administrator = await saveAdministrator(store);
    tokens.administrator = administrator.token;
    participants.administrator = administrator.participant;
  }

  const liveApp = app;
  return {
    url,
    app: liveApp,
    store,
    sessionId: demo.sessionId,
    tokens,
    participants,
    state: () => liveApp.settleAttendance().then(() => liveApp.commands.state(demo.sessionId)),
    head: () => liveApp.settleAttendance().then(() => store.head(demo.sessionId)),
    async connect(role, clientOptions = {}) {
      const socket = await connectClient(url, { sessionId: demo.sessionId, ...clientOptions, token: tokens[role] });
      clients.add(socket);
      return socket;
    },
    invite: (role, unitId = null, name = `Extra ${role}`) =>
      liveApp.sessions.invite(demo.sessionId, { name, role, unitId }),
    close,
  };
}
