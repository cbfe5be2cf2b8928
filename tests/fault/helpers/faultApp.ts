import { Writable } from 'node:stream';
import { createApp, createLogger, ensureDemo, type AppDeps } from '@plenum/server';
import type { Participant, Role } from '@plenum/shared';
import { onTestFinished } from 'vitest';
import { listenOnLoopback, openTestStore, type DemoServer } from '../../helpers/localServer.js';
import { faultSteps, type Faults } from './faults.js';

/** A server built with `createApp` in this process, with a chosen set of protections. */
export interface FaultApp extends DemoServer {
  /** Every JSON log line the server wrote (at `logLevel`). */
  logLines: string[];
  /** Every invitation token issued so far (the demo's and those of `invite`). */
  issuedTokens: string[];
  invite(role: Role, unitId?: string | null): Promise<{ participant: Participant; token: string }>;
}

/**
 * Starts a fault-test server in this process on 127.0.0.1, port 0, seeded with the demo review.
 * Its log is captured line by line (so tests can grep it for tokens) and it is closed when the
 * running test finishes.
 */
export async function startFaultApp(
  options: Pick<AppDeps, 'protections' | 'allowedOrigins' | 'heartbeatMs' | 'clock' | 'trustProxy'> & {
    /** Hooks into the command pipeline (see faultSteps). */
    faults?: Faults;
    store?: 'sqlite' | 'memory';
    logLevel?: string;
    publicUrl?: string;
  } = {},
): Promise<FaultApp> {
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(line);
      callback();
    },
  });
  const { store, dispose } = await openTestStore(options.store ?? 'sqlite', 'plenum-fault-');
  const app = createApp({
    store,
    logger: createLogger({ level: options.logLevel ?? 'debug', destination }),
    publicUrl: options.publicUrl,
    allowedOrigins: options.allowedOrigins,
    heartbeatMs: options.heartbeatMs,
    clock: options.clock,
    protections: options.protections,
    commandSteps: options.faults ? faultSteps(options.faults) : undefined,
    trustProxy: options.trustProxy,
  });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      await dispose();
    })();
    return closing;
  };
  onTestFinished(close);
  const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
  const url = await listenOnLoopback(app.httpServer);
  const tokens = {} as Record<Role, string>;
  const participants = {} as Record<Role, Participant>;
  const issuedTokens: string[] = [];
  for (const { participant, token } of demo.invitations) {
    tokens[participant.role] = token;
    participants[participant.role] = participant;
    issuedTokens.push(token);
  }
  return {
    url,
    app,
    store,
    sessionId: demo.sessionId,
    tokens,
    participants,
    logLines,
    issuedTokens,
    async invite(role, unitId = null) {
      const invited = await app.sessions.invite(demo.sessionId, { name: `Extra ${role}`, role, unitId });
      issuedTokens.push(invited.token);
      return invited;
    },
    head: () => app.settleAttendance().then(() => store.head(demo.sessionId)),
    close,
  };
}
