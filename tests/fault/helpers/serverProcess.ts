import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** What PLENUM_TEST_FAULTS may carry (see server/src/config.ts). */
export interface TestFaultsEnv {
  halt?: { point: 'after-commit' | 'after-ack'; nth: number } | null;
  ackBeforeCommit?: boolean;
  protections?: Record<string, unknown>;
}

/** One life of a server process, started on an existing data folder. */
export interface FaultServer {
  pid: number;
  url: string;
  /** Resolves with the fault line (`PLENUM_FAULT <point> <commandId> <seq>`) if the hook halted. */
  faultLine: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
  /** Everything the process printed on stdout and stderr. */
  output(): string;
}

/**
 * Starts `server/src/main.ts` (tsx, workspaces from source, as `npm run dev` does) on `port`
 * with DEMO=false on `dataDir`; resolves once it listens. With `killOnFault`, the process is
 * SIGKILLed by PID the moment it prints its fault line. Killed by PID when the test finishes.
 */
export function startFaultServer(options: {
  dataDir: string;
  port: number;
  faults?: TestFaultsEnv;
  killOnFault?: boolean;
  logLevel?: string;
  timeoutMs?: number;
}): Promise<FaultServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    DEMO: 'false',
    LOG_LEVEL: options.logLevel ?? 'info',
    HEARTBEAT_MS: '1000',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.PUBLIC_URL;
  delete env.ALLOWED_ORIGINS;
  if (options.faults) env.PLENUM_TEST_FAULTS = JSON.stringify(options.faults);
  else delete env.PLENUM_TEST_FAULTS;
  const child = spawn(process.execPath, ['--conditions=@plenum/source', '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) return Promise.reject(new Error('the server process did not start'));
  let out = '';
  let resolveFault!: (line: string) => void;
  const faultLine = new Promise<string>((resolve) => (resolveFault = resolve));
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    if (isRunning()) process.kill(pid, signal);
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const match = /^PLENUM_FAULT .*$/m.exec(chunk);
    if (match) {
      if (options.killOnFault) kill('SIGKILL');
      resolveFault(match[0]);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  onTestFinished(async () => {
    kill('SIGKILL');
    await exited;
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<FaultServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (): void => {
      if (!out.includes('Plenum is running at')) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve({
        pid,
        url: `http://127.0.0.1:${options.port}`,
        faultLine,
        exited,
        kill,
        output: () => out,
      });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before listening:\n${out}`));
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}
