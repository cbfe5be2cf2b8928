import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { roles, type Role } from '@plenum/shared';
import { onTestFinished } from 'vitest';

/** The repository root, where `server/src/main.ts` lives. */
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

/** A server started as its own process, as `npm start` runs it. */
export interface ServerProcess {
  pid: number;
  url: string;
  /** The demo session, from the printed invite links. */
  sessionId: string;
  /** The token of each role's invite link printed at this start. */
  tokens: Record<Role, string>;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the process (by PID) if it is still running. */
  kill(signal: NodeJS.Signals): void;
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
    if (!roles.includes(role as Role))
      throw new Error(`no role before the invite link on line ${i + 1}: ${lines[i - 1] ?? ''}`);
    sessionId = link[1]!;
    tokens[role as Role] = link[2]!;
  });
  return sessionId === null ? null : { sessionId, tokens };
}

/**
 * Starts `server/src/main.ts` with tsx (running the workspaces from source) on `port`, with its
 * SQLite file in `dataDir` and the demo on; resolves once the invite links of every role are
 * printed. The process is killed by PID when the running test finishes.
 */
export function startServerProcess(options: {
  dataDir: string;
  port: number;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    DEMO: 'true',
    LOG_LEVEL: 'warn',
  };
  // This test is about the SQLite file in DATA_DIR, whatever the caller's environment says.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, ['--conditions=@plenum/source', '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) return Promise.reject(new Error('the server process did not start'));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const kill = (signal: NodeJS.Signals): void => {
    if (isRunning()) process.kill(pid, signal);
  };
  onTestFinished(async () => {
    kill('SIGKILL');
    await exited;
  });

  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`the server printed no invite links within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`),
      );
    }, timeoutMs);
    const onData = (): void => {
      const links = parseInviteLinks(stdout);
      if (!links || !roles.every((role) => links.tokens[role] !== undefined)) return;
      cleanup();
      resolve({
        pid,
        url: `http://127.0.0.1:${options.port}`,
        sessionId: links.sessionId,
        tokens: links.tokens as Record<Role, string>,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
        kill,
      });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(
        new Error(
          `the server exited (code ${code}, signal ${signal}) before printing its links\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
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
