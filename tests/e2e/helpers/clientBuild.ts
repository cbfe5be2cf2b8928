import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/**
 * The built client the e2e server serves: `client/dist`, where `npm run build -w client` puts
 * it, unless PLENUM_E2E_CLIENT_DIR names a client built elsewhere (then nothing is built).
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

let building: Promise<void> | null = null;

/**
 * Builds the client with `npm run build -w client` when `client/dist` is missing or older than
 * its sources; resolves at once when it is fresh. Bounded by a timeout; the build's output is
 * in the error when it fails.
 */
export function ensureClientBuilt(): Promise<void> {
  building ??= new Promise<void>((resolve, reject) => {
    let reason: string | null;
    try {
      reason = clientBuildReason();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (reason === null) {
      resolve();
      return;
    }
    console.warn(`e2e: building the client (${reason}) …`);
    execFile(
      'npm',
      ['run', 'build', '-w', 'client'],
      {
        cwd: repoRoot,
        // The build users get: vitest runs under NODE_ENV=test, which would build React's development bundle.
        env: { ...process.env, NODE_ENV: 'production' },
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
  return building;
}
