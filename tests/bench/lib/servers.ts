import { createRequire } from 'node:module';
import { join } from 'node:path';
import { criticismFiller, refusalOf, type Target } from './load.js';
import { makeTempDir, removeTempDir, runCommand, spawnChild, type Child } from './children.js';
import { connectOne } from './clients.js';
import type { PlenumReady, PlenumSeeded, PlenumServerOptions } from '../servers/plenumServer.js';
import type { MemorySample } from '../servers/control.js';
import type { PlenumNodeOptions, PlenumNodeReady } from '../servers/plenumNode.js';
import type { RedisRoomsOptions } from '../servers/redisRooms.js';

export interface BareReady {
  kind: 'bare';
  port: number;
  readyAtMs: number;
}

export interface StartOptions {
  /** Directory for `--cpu-prof` profiles of the server; null: no profiling. */
  cpuProfDir?: string | null;
  echoStderr?: boolean;
}

function nodeFlags(options: StartOptions, name: string): string[] {
  const flags = ['--expose-gc'];
  // One folder per server start, so each profile can be told from the other servers'.
  if (options.cpuProfDir)
    flags.push('--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, `${name}-${Date.now()}`)}`);
  return flags;
}

/**
 * The projects `npm run build` compiles for the server (shared, server), and the two bench
 * servers on top of them. Both servers run from this build under plain Node, as `npm start`
 * runs Plenum: no tsx, no source condition, so start-up measures the server as shipped.
 */
const buildProjects = [
  'shared/tsconfig.build.json',
  'server/tsconfig.build.json',
  'tests/bench/servers/tsconfig.build.json',
];
const builtServers = 'tests/bench/servers/dist';

/** `tsc -b` of {@link buildProjects} (incremental: quick when nothing changed); throws with tsc's output on failure. */
export async function buildServers(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = await runCommand(process.execPath, [tsc, '-b', ...buildProjects], { timeoutMs: 180_000 });
  if (build.code !== 0)
    throw new Error(`tsc -b ${buildProjects.join(' ')} failed (${build.code}):\n${build.stdout}${build.stderr}`);
}

/** The bare server; with `redis`, one node of a room shared through the Redis adapter. */
export async function startBare(options: StartOptions = {}, redis?: RedisRoomsOptions): Promise<Child<BareReady>> {
  return spawnChild<BareReady>(`${builtServers}/bareServer.js`, {
    nodeFlags: nodeFlags(options, 'bare'),
    env: { BENCH_EVENT_TEXT: `#0 ${criticismFiller}`, ...(redis ? { BENCH_REDIS: JSON.stringify(redis) } : {}) },
    echoStderr: options.echoStderr,
    loopWatch: 'bare',
  });
}

export async function startPlenum(
  server: Partial<PlenumServerOptions>,
  options: StartOptions = {},
): Promise<Child<PlenumReady>> {
  // A folder the caller did not give is made here (not in the child), so that it is removed
  // even if the child has to be killed.
  const ownDir = server.dataDir ? null : makeTempDir('plenum-bench-');
  const full: PlenumServerOptions = {
    mode: 'serve',
    officials: 0,
    seedEvents: 0,
    clientDir: null,
    seedText: criticismFiller,
    ...server,
    dataDir: server.dataDir ?? ownDir,
  };
  try {
    const child = await spawnChild<PlenumReady>(`${builtServers}/plenumServer.js`, {
      nodeFlags: nodeFlags(options, 'plenum'),
      env: { BENCH_PLENUM: JSON.stringify(full) },
      echoStderr: options.echoStderr,
      loopWatch: full.mode === 'serve' ? 'plenum' : undefined,
      // Seeding a million events takes minutes.
      readyTimeoutMs: full.mode === 'seed' ? 1_200_000 : 300_000,
    });
    if (ownDir) {
      const stop = child.stop;
      child.stop = async (timeoutMs) => {
        await stop(timeoutMs);
        removeTempDir(ownDir);
      };
    }
    return child;
  } catch (error) {
    if (ownDir) removeTempDir(ownDir);
    throw error;
  }
}

/** One Plenum node on a seeded PostgreSQL schema, its rooms shared through the Redis adapter. */
export function startPlenumNode(node: PlenumNodeOptions, options: StartOptions = {}): Promise<Child<PlenumNodeReady>> {
  return spawnChild<PlenumNodeReady>(`${builtServers}/plenumNode.js`, {
    nodeFlags: nodeFlags(options, 'plenum-node'),
    env: { BENCH_NODE: JSON.stringify(node) },
    echoStderr: options.echoStderr,
    loopWatch: 'plenum',
    readyTimeoutMs: 60_000,
  });
}

/**
 * Seeds a data folder in one process (demo, `officials` invitations, item-2 started,
 * `seedEvents` criticisms, each with `seedEndorsements` endorsements), then starts the server on it in a fresh process, so nothing the
 * seeding allocated is in the server's memory. `cleanup` removes the folder (after `stop`).
 */
export async function startSeededPlenum(
  seed: { officials: number; seedEvents?: number; seedEndorsements?: number },
  options: StartOptions = {},
): Promise<{ child: Child<PlenumReady>; seeded: PlenumSeeded; dataDir: string; cleanup: () => void }> {
  const dataDir = makeTempDir('plenum-bench-seeded-');
  const cleanup = () => removeTempDir(dataDir);
  try {
    const seeder = await startPlenum(
      {
        mode: 'seed',
        dataDir,
        officials: seed.officials,
        seedEvents: seed.seedEvents ?? 0,
        seedEndorsements: seed.seedEndorsements ?? 0,
      },
      { ...options, cpuProfDir: null },
    );
    await seeder.stop();
    const seeded = seeder.ready as unknown as PlenumSeeded;
    const child = await startPlenum({ dataDir, officials: 0 }, options);
    return { child, seeded, dataDir, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

export function urlOf(child: Child<{ port: number }>): string {
  return `http://127.0.0.1:${child.ready.port}`;
}

export function bareTarget(child: Child<BareReady>): Target {
  return { kind: 'bare', url: urlOf(child), sessionId: 'bare', server: child };
}

export function plenumTarget(child: Child<PlenumReady>): Target {
  return { kind: 'plenum', url: urlOf(child), sessionId: child.ready.sessionId, server: child };
}

/** The chair starts item-2 through the protocol, so criticisms are accepted on it. */
export async function startItem(child: Child<PlenumReady>, itemId = 'item-2'): Promise<void> {
  const chair = await connectOne(urlOf(child), child.ready.chairToken);
  try {
    const ack = await chair.request<{ ok: boolean; error?: { code: string; message: string } }>('command', {
      commandId: `bench-start-${itemId}-${Date.now()}`,
      sessionId: child.ready.sessionId,
      command: { type: 'agenda:start-item', payload: { itemId } },
    });
    if (!ack.ok && ack.error?.code !== 'CONFLICT') throw new Error(`agenda:start-item refused: ${refusalOf(ack)}`);
  } finally {
    chair.close();
  }
}

export function memory(child: Child<unknown>): Promise<MemorySample> {
  return child.control<MemorySample>('memory');
}
