import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: every child runs from it so `--import tsx` and the workspaces resolve. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Node flags that run the TypeScript sources the way `npm run bench` does. */
export const tsNodeFlags = ['--conditions=@plenum/source', '--import', 'tsx'];

/** Every child this process started and has not seen exit, by PID. */
const live = new Map<number, ChildProcess>();
let hooksInstalled = false;

/** Temp folders this run made and has not removed yet. */
const tempDirs = new Set<string>();

/** A fresh temp folder, removed by {@link removeTempDir} or, at the latest, when this process exits. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  installHooks();
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Kills every child still alive, by PID, then removes the temp folders left. Synchronous, so it
 * is safe in an `exit` handler (the watchdog's exit included).
 */
export function killAllChildren(): void {
  for (const [pid, child] of live) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    live.delete(pid);
  }
  for (const dir of tempDirs) {
    try {
      removeTempDir(dir);
    } catch {
      // best effort at exit
    }
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}

/** A request/reply channel over IPC, for the control operations of a server child. */
interface ControlReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface Child<TReady> {
  pid: number;
  process: ChildProcess;
  /** The JSON object the child printed as its first stdout line. */
  ready: TReady;
  /** Milliseconds from spawn to that line, measured by this process. */
  spawnToReadyMs: number;
  /** Sends a control operation over IPC and waits (bounded) for its reply. */
  control<T>(op: string, arg?: unknown, timeoutMs?: number): Promise<T>;
  /** The last lines the child wrote to stderr, for error messages. */
  stderrTail(): string;
  /** Asks the child to stop (IPC `stop`), then kills it by PID if it has not exited in time. */
  stop: (timeoutMs?: number) => Promise<void>;
}

export interface SpawnOptions {
  /** Extra node flags, e.g. `--expose-gc`, `--cpu-prof`. */
  nodeFlags?: string[];
  env?: Record<string, string>;
  /** Bound on the wait for the ready line. */
  readyTimeoutMs?: number;
  /** Echo the child's stderr to ours as it comes. */
  echoStderr?: boolean;
  /** A server child: its longest event-loop stall is asked for when it stops, and kept under this name. */
  loopWatch?: LoopWatchKind;
}

/** Which servers' stalls are told apart: Plenum's against the bare socket.io server's. */
export type LoopWatchKind = 'plenum' | 'bare';

/** The longest event-loop stall of each server stopped since the last `takeLoopMaxima`. */
const loopMaxima: { kind: LoopWatchKind; ms: number }[] = [];

/** The stalls kept since the last call (each server's longest, by kind), and a fresh start. */
export function takeLoopMaxima(): { kind: LoopWatchKind; ms: number }[] {
  return loopMaxima.splice(0);
}

/**
 * Starts a script in its own Node process (so its RSS and CPU are its own) with an IPC channel,
 * and waits for the JSON line it prints on stdout when ready: TypeScript runs under tsx on the
 * workspaces' sources, compiled JavaScript (`.js`) under plain Node on their builds. The child is
 * killed by PID if this process exits first, and on any error here.
 */
export async function spawnChild<TReady>(script: string, options: SpawnOptions = {}): Promise<Child<TReady>> {
  installHooks();
  const started = performance.now();
  const runner = script.endsWith('.js') ? [] : tsNodeFlags;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...runner, script], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${script}`);
  live.set(pid, child);
  child.once('exit', () => live.delete(pid));

  const tail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (options.echoStderr) process.stderr.write(chunk);
    tail.push(chunk);
    if (tail.length > 40) tail.shift();
  });
  const stderrTail = () => tail.join('').split('\n').slice(-25).join('\n');

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: ControlReply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(message.error ?? 'control operation failed'));
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`child exited (${code ?? signal}) before replying`));
    pending.clear();
  });

  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  try {
    const readyLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} not ready after ${options.readyTimeoutMs ?? 120_000} ms\n${stderrTail()}`)),
        options.readyTimeoutMs ?? 120_000,
      );
      let buffer = '';
      child.stdout?.setEncoding('utf8');
      const onData = (chunk: string) => {
        buffer += chunk;
        const newline = buffer.indexOf('\n');
        if (newline >= 0) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve(buffer.slice(0, newline));
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (${code ?? signal}) before it was ready\n${stderrTail()}`));
      });
    });
    const spawnToReadyMs = performance.now() - started;
    const ready = JSON.parse(readyLine) as TReady;

    const control = <T>(op: string, arg?: unknown, timeoutMs = 30_000): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (!child.connected) {
          reject(new Error(`${script}: IPC channel closed`));
          return;
        }
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script}: no reply to ${op} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, op, arg });
      });

    const stop = async (timeoutMs = 15_000): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (options.loopWatch && child.connected) {
        const kind = options.loopWatch;
        await control<{ loopMaxMs: number }>('stats', undefined, 2000).then(
          ({ loopMaxMs }) => loopMaxima.push({ kind, ms: loopMaxMs }),
          () => undefined,
        );
      }
      if (child.connected) child.send({ id: 0, op: 'stop' });
      const timer = setTimeout(kill, timeoutMs);
      await exited;
      clearTimeout(timer);
    };

    return { pid, process: child, ready, spawnToReadyMs, control, stderrTail, stop };
  } catch (error) {
    kill();
    throw error;
  }
}

/** Runs a command to completion (bounded), inheriting nothing; resolves with its output. */
export function runCommand(
  command: string,
  args: string[],
  options: { timeoutMs: number; env?: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  installHooks();
  return new Promise((resolve, reject) => {
    // Its own process group (detached), so a timeout can stop npm and whatever it started, by PGID.
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid;
    if (pid === undefined) {
      reject(new Error(`could not start ${command}`));
      return;
    }
    live.set(pid, child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      live.delete(pid);
      resolve({ code, stdout, stderr });
    });
  });
}
