import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The built client the browser tests and the benchmark serve: `client/dist`, where
 * `npm run build -w client` puts it, unless PLENUM_E2E_CLIENT_DIR names a client built elsewhere
 * (then nothing is built).
 */
export const clientDist = process.env.PLENUM_E2E_CLIENT_DIR ?? join(repoRoot, 'client', 'dist');
const isPrebuilt = process.env.PLENUM_E2E_CLIENT_DIR !== undefined;

/** What the client bundle is built from: a change to any of these makes `client/dist` stale. */
const buildInputs = [
  join(repoRoot, 'client', 'src'),
  join(repoRoot, 'client', 'index.html'),
  join(repoRoot, 'client', 'vite.config.ts'),
  join(repoRoot, 'client', 'package.json'),
  join(repoRoot, 'shared', 'src'),
];

const buildTimeoutMs = 120_000;

/**
 * Held while a process builds `client/dist`: test files in other workers (the browser tests, the
 * benchmark's smoke runs) would otherwise build it at the same time, or serve it half written.
 * A folder, since making one either succeeds or finds it there, in one step.
 */
const lockDir = join(
  tmpdir(),
  `plenum-client-build-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 16)}`,
);

/** The newest modification time (ms) under `path`, a file or a folder. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why `client/dist` must be (re)built, or null when it is newer than everything it is built from. */
export function clientBuildReason(): string | null {
  const index = join(clientDist, 'index.html');
  if (isPrebuilt) {
    if (existsSync(index)) return null;
    throw new Error(`PLENUM_E2E_CLIENT_DIR=${clientDist} has no index.html`);
  }
  if (!existsSync(index)) return 'client/dist/index.html is missing';
  const builtAt = statSync(index).mtimeMs;
  const changedAt = Math.max(...buildInputs.map(newestMtime));
  return changedAt > builtAt ? 'client/dist is older than the client or shared sources' : null;
}

/** Runs `work` holding {@link lockDir}; a lock older than a build's timeout was left by a process that died. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + 2 * buildTimeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const heldMs = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (heldMs > buildTimeoutMs) rmSync(lockDir, { recursive: true, force: true });
    else if (Date.now() > giveUpAt) throw new Error(`another process has been building the client since ${lockDir}`);
    else await sleep(200);
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** `npm run build -w client` into `client/dist`, bounded by a timeout; the build's output is in the error when it fails. */
function runBuild(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    execFile(
      'npm',
      ['run', 'build', '-w', 'client'],
      {
        cwd: repoRoot,
        // The build users get: vitest runs under NODE_ENV=test, which would build React's development bundle.
        env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: buildTimeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`npm run build -w client failed (${error.message})\nstdout:\n${stdout}\nstderr:\n${stderr}`),
          );
          return;
        }
        if (!existsSync(join(clientDist, 'index.html'))) {
          reject(new Error(`npm run build -w client produced no client/dist/index.html\nstdout:\n${stdout}`));
          return;
        }
        resolve();
      },
    );
  });
}

/** Builds `client/dist` now, whether or not it is fresh (the benchmark times a build), one process at a time. */
export function buildClient(): Promise<void> {
  if (isPrebuilt) return Promise.reject(new Error(`PLENUM_E2E_CLIENT_DIR=${clientDist} is not built here`));
  return withBuildLock(runBuild);
}

let building: Promise<void> | null = null;

/**
 * Builds the client when `client/dist` is missing or older than its sources; resolves at once
 * when it is fresh. Once per process, and one process at a time: a process that waited for
 * another's build finds it fresh.
 */
export function ensureClientBuilt(): Promise<void> {
  building ??= (async () => {
    if (clientBuildReason() === null) return;
    await withBuildLock(async () => {
      const reason = clientBuildReason();
      if (reason === null) return;
      console.warn(`building the client (${reason}) …`);
      await runBuild();
    });
  })();
  return building;
}
