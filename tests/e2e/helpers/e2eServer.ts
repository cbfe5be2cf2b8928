import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger, ensureDemo, SqliteStore, type App } from '@plenum/server';
import type { Participant, Role } from '@plenum/shared';
import { onTestFinished } from 'vitest';
import { clientDist, ensureClientBuilt } from './clientBuild.js';

/** The real server serving the built client, on an ephemeral port of 127.0.0.1, with the demo seeded. */
export interface E2eServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  app: App;
  /** The demo review session. */
  sessionId: string;
  /** A valid invitation token per role (the demo has one participant per role). */
  tokens: Record<Role, string>;
  participants: Record<Role, Participant>;
  /** The invite link of `role`: `/s/<sessionId>#token=<token>`, as the chair hands it out. */
  inviteUrl(role: Role): string;
  /** Closes the socket and HTTP servers and the store, removes the temp dir. Idempotent. */
  close(): Promise<void>;
}

/**
 * `createApp` with `clientDir` pointing at `client/dist` (built first if stale), a SQLite store
 * in a fresh temp dir and the demo seeded; tears itself down when the running test finishes.
 * (`startTestServer` does the same for the API only: it takes no `clientDir`.)
 */
export async function startE2eServer(): Promise<E2eServer> {
  await ensureClientBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'plenum-e2e-'));
  const store = new SqliteStore(join(dir, 'plenum.sqlite'));
  const app = createApp({
    store,
    logger: createLogger({ level: process.env.PLENUM_TEST_LOG ?? 'silent' }),
    clientDir: clientDist,
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
    app.httpServer.listen(0, '127.0.0.1', () => {
      app.httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const tokens = {} as Record<Role, string>;
  const participants = {} as Record<Role, Participant>;
  for (const { participant, token } of demo.invitations) {
    if (tokens[participant.role] !== undefined) throw new Error(`the demo has two ${participant.role}s`);
    tokens[participant.role] = token;
    participants[participant.role] = participant;
  }
  return {
    url,
    app,
    sessionId: demo.sessionId,
    tokens,
    participants,
    inviteUrl: (role) => `${url}/s/${demo.sessionId}#token=${tokens[role]}`,
    close,
  };
}
