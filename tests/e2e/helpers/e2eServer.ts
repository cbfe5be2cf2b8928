import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminLink,
  createApp,
  createLogger,
  ensureDemo,
  SqliteStore,
  type App,
  type WebhookOptions,
} from '@plenum/server';
import type { Participant, Role } from '@plenum/shared';
import { onTestFinished } from 'vitest';
import { clientDist, ensureClientBuilt } from '../../helpers/clientBuild.js';

/** The real server serving the built client, on an ephemeral port (of 127.0.0.1 by default), with the demo seeded. */
export interface E2eServer {
  /** `http://127.0.0.1:<port>` (or the host asked for) */
  url: string;
  app: App;
  /** The demo review session. */
  sessionId: string;
  /**
   * A valid invitation token per role: the demo's one participant per session role, and the
   * organisation's first administrator, made as the first start makes it.
   */
  tokens: Record<Role, string>;
  participants: Record<Role, Participant>;
  /** The invite link of `role`: `/s/<sessionId>#token=<token>`, as the chair hands it out. */
  inviteUrl(role: Role): string;
  /** The administrator link the first start prints: `/admin#token=<token>`. */
  adminUrl: string;
  /** Closes the socket and HTTP servers and the store, removes the temp dir. Idempotent. */
  close(): Promise<void>;
}

/**
 * `createApp` with `clientDir` pointing at `client/dist` (built first if stale), a SQLite store
 * in a fresh temp dir and the demo seeded; tears itself down when the running test finishes.
 * (`startTestServer` does the same for the API only: it takes no `clientDir`.)
 */
export async function startE2eServer(
  options: {
    host?: string;
    tls?: { cert: string; key: string };
    webhooks?: WebhookOptions;
    /** The built client to serve, when not `client/dist` (a copy a test replaces with a newer build). */
    clientDir?: string;
  } = {},
): Promise<E2eServer> {
  await ensureClientBuilt();
  const host = options.host ?? '127.0.0.1';
  const scheme = options.tls ? 'https' : 'http';
  // Browsers may connect from the public URL's origin: on another address than loopback's, the
  // port must be known before the app is made.
  const port = options.host === undefined ? 0 : await freePort(host);
  const dir = await mkdtemp(join(tmpdir(), 'plenum-e2e-'));
  const store = new SqliteStore(join(dir, 'plenum.sqlite'));
  const app = createApp({
    store,
    logger: createLogger({ level: process.env.PLENUM_TEST_LOG ?? 'silent' }),
    clientDir: options.clientDir ?? clientDist,
    tls: options.tls,
    webhooks: options.webhooks,
    ...(options.host === undefined ? {} : { publicUrl: `${scheme}://${host}:${port}` }),
  });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    })();
    return closing;
  };
  onTestFinished(close);

  const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(port, host, () => {
      app.httpServer.off('error', reject);
      resolve();
    });
  });
  const url = `${scheme}://${host}:${(app.httpServer.address() as AddressInfo).port}`;

  const tokens = {} as Record<Role, string>;
  const participants = {} as Record<Role, Participant>;
  for (const { participant, token } of demo.invitations) {
    if (tokens[participant.role] !== undefined) throw new Error(`the demo has two ${participant.role}s`);
    tokens[participant.role] = token;
    participants[participant.role] = participant;
  }
  const administrator = await app.admin.ensureAdministrator();
  if (!administrator) throw new Error('the fresh store already has an administrator');
  tokens.administrator = administrator.token;
  participants.administrator = administrator.participant;
  return {
    url,
    app,
    sessionId: demo.sessionId,
    tokens,
    participants,
    inviteUrl: (role) => `${url}/s/${demo.sessionId}#token=${tokens[role]}`,
    adminUrl: adminLink(url, administrator.token),
    close,
  };
}

/** A port free on `host` now (the system's choice for a listener that is closed again). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
