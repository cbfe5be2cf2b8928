import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sessionRoles as roles, type Role, type SessionRole } from '@plenum/shared';
import { onTestFinished } from 'vitest';

/** The repository root, which the server's entry is given relative to. */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A free TCP port on 127.0.0.1: listen on port 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** A server started as its own process (tsx, workspaces from source, as `npm run dev` runs it). */
export interface SpawnedServer {
  pid: number;
  url: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Both streams, in the order they arrived. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the process (by PID) if it is still running; SIGKILL by default. */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts `server/src/main.ts` (or `entry`) on `port` with its SQLite file in `dataDir` and `env` over the
 * caller's environment (an undefined value removes a variable); resolves once `isReady` finds
 * what it waits for in stdout. The process is killed by PID when the running test finishes,
 * and at once if it is not ready within `timeoutMs`.
 */
export function spawnServer<TReady>(options: {
  dataDir: string;
  port: number;
  env: Record<string, string | undefined>;
  /** The file tsx runs, relative to the repository root; default `server/src/main.ts`. */
  entry?: string;
  /** Command-line arguments, as `npm start -- <args>` passes them. */
  args?: readonly string[];
  isReady: (stdout: string) => TReady | null;
  /** What the server is waited for, for the timeout's message. */
  waitingFor: string;
  timeoutMs: number;
  onStdout?: (chunk: string, server: SpawnedServer) => void;
}): Promise<SpawnedServer & { ready: TReady }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    // These tests are about the SQLite file in DATA_DIR, whatever the caller's environment says.
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    PUBLIC_URL: undefined,
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(
    process.execPath,
    ['--conditions=@plenum/source', '--import', 'tsx', options.entry ?? 'server/src/main.ts', ...(options.args ?? [])],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid;
  if (pid === undefined) return Promise.reject(new Error('the server process did not start'));
  let stdout = '';
  let stderr = '';
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const server: SpawnedServer = {
    pid,
    url: `http://127.0.0.1:${options.port}`,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    exited,
    kill: (signal = 'SIGKILL') => {
      if (isRunning()) process.kill(pid, signal);
    },
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
    options.onStdout?.(chunk, server);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    output += chunk;
  });
  onTestFinished(async () => {
    server.kill('SIGKILL');
    await exited;
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      server.kill('SIGKILL');
      reject(new Error(`the server ${options.waitingFor} within ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    const onData = (): void => {
      const ready = options.isReady(stdout);
      if (ready === null) return;
      cleanup();
      resolve({ ...server, ready });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before it was ready:\n${output}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Invite links as main.ts prints them: the role on one line, the link on the next. */
export function parseInviteLinks(output: string): { sessionId: string; tokens: Partial<Record<Role, string>> } | null {
  const lines = output.split('\n');
  let sessionId: string | null = null;
  const tokens: Partial<Record<Role, string>> = {};
  lines.forEach((line, i) => {
    const link = /\/s\/([A-Za-z0-9_-]+)#token=([A-Za-z0-9_-]+)/.exec(line);
    if (!link) return;
    const role = lines[i - 1]?.trim().split(/\s+/)[0];
    if (!roles.includes(role as SessionRole))
      throw new Error(`no role before the invite link on line ${i + 1}: ${lines[i - 1] ?? ''}`);
    sessionId = link[1]!;
    tokens[role as Role] = link[2]!;
  });
  return sessionId === null ? null : { sessionId, tokens };
}

/** A server started as `npm start` runs it, with the demo and the invite links it printed. */
export interface ServerProcess extends SpawnedServer {
  /** The demo session, from the printed invite links. */
  sessionId: string;
  /** The token of each role's invite link printed at this start. */
  tokens: Record<Role, string>;
}

/** The banner main.ts prints once it listens, written in one piece and ended by a blank line. */
export const isBannerPrinted = (stdout: string): true | null =>
  /Plenum is running at [^\n]*\n[\s\S]*\n\n/.test(stdout) ? true : null;

/**
 * Restarts the server with the demo on over an existing `dataDir`; resolves once its banner is
 * printed (a restart prints no links unless `args` holds `--links`).
 */
export function restartServerProcess(options: {
  dataDir: string;
  port: number;
  args?: readonly string[];
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<SpawnedServer> {
  return spawnServer({
    dataDir: options.dataDir,
    port: options.port,
    args: options.args,
    env: { DEMO: 'true', LOG_LEVEL: 'warn', ...options.env },
    isReady: isBannerPrinted,
    waitingFor: 'printed no banner',
    timeoutMs: options.timeoutMs ?? 20_000,
  });
}

/** Starts the server with the demo on; resolves once the invite links of every role are printed. */
export async function startServerProcess(options: {
  dataDir: string;
  port: number;
  args?: readonly string[];
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const server = await spawnServer({
    dataDir: options.dataDir,
    port: options.port,
    args: options.args,
    env: { DEMO: 'true', LOG_LEVEL: 'warn' },
    isReady: (stdout) => {
      const links = parseInviteLinks(stdout);
      return links && roles.every((role) => links.tokens[role] !== undefined) ? links : null;
    },
    waitingFor: 'printed no invite links',
    timeoutMs: options.timeoutMs ?? 20_000,
  });
  return { ...server, sessionId: server.ready.sessionId, tokens: server.ready.tokens as Record<Role, string> };
}
