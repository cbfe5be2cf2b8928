import { makeTempDir, removeTempDir } from '../lib/children.js';
import type { BenchConfig } from '../config.js';
import { connectOne } from '../lib/clients.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import type { PlenumReady, PlenumSeeded } from '../servers/plenumServer.js';
import { median, round } from '../lib/stats.js';

export interface StartRun {
  /** From spawn to the ready line, measured by the harness. */
  spawnToReadyMs: number;
  /** The server's own account: process start to listening, and its steps. */
  readyAtMs: number;
  importedAtMs?: number;
  demoMs?: number;
  /** From spawn to the first `session:join` answered (the log is usable). */
  firstJoinMs?: number;
}

export interface StartupResult {
  events: number;
  head: number;
  plenum: StartRun[];
  /** The same server with only the demo in its log. */
  plenumDemoOnly: StartRun[];
  bare: StartRun[];
}

async function startPlenumOn(dataDir: string, options: StartOptions): Promise<StartRun> {
  const spawned = performance.now();
  const child = await startPlenum({ dataDir }, options);
  try {
    const ready: PlenumReady = child.ready;
    const chair = await connectOne(urlOf(child), ready.chairToken, 30_000);
    await chair.request('session:join', { sessionId: ready.sessionId, afterSeq: ready.head, limit: 1 }, 30_000);
    const firstJoinMs = performance.now() - spawned;
    chair.close();
    return {
      spawnToReadyMs: child.spawnToReadyMs,
      readyAtMs: ready.readyAtMs,
      importedAtMs: ready.timings.importedAtMs,
      demoMs: ready.timings.demoMs,
      firstJoinMs,
    };
  } finally {
    await child.stop();
  }
}

/**
 * Start-up: a log of `events` criticisms is written once (seed mode), then the server is started
 * on it `repeats` times: time from spawn to listening (ready line), with the server's own
 * breakdown. References: the bare server's start, and Plenum on a log holding only the demo.
 */
export async function measureStartup(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<StartupResult> {
  const big = makeTempDir('plenum-bench-startup-');
  const small = makeTempDir('plenum-bench-startup-demo-');
  try {
    const t0 = performance.now();
    const seedOptions = { ...options, cpuProfDir: null };
    const seeded = await startPlenum(
      { mode: 'seed', dataDir: big, seedEvents: config.startup.events, demoOnlyDir: small },
      seedOptions,
    );
    await seeded.stop();
    const head = (seeded.ready as unknown as PlenumSeeded).head;
    log(
      `start-up: seeded ${config.startup.events.toLocaleString('en-US')} events (head ${head}) in ${Math.round(performance.now() - t0)} ms`,
    );

    const bareStart = async (): Promise<StartRun> => {
      const child = await startBare(options);
      await child.stop();
      return { spawnToReadyMs: child.spawnToReadyMs, readyAtMs: child.ready.readyAtMs };
    };
    if (config.startup.warmStarts) {
      // One start of each first, not counted (the page cache).
      await startPlenumOn(small, options);
      await bareStart();
    }
    const result: StartupResult = { events: config.startup.events, head, plenum: [], plenumDemoOnly: [], bare: [] };
    for (let i = 0; i < config.startup.repeats; i++) {
      result.plenum.push(await startPlenumOn(big, options));
      result.plenumDemoOnly.push(await startPlenumOn(small, options));
      result.bare.push(await bareStart());
    }
    log(
      `start-up: Plenum ${round(median(result.plenum.map((r) => r.spawnToReadyMs)))} ms with ${config.startup.events.toLocaleString('en-US')} events, bare ${round(median(result.bare.map((r) => r.spawnToReadyMs)))} ms`,
    );
    return result;
  } finally {
    removeTempDir(big);
    removeTempDir(small);
  }
}

export function startupFigures(r: StartupResult): Figure[] {
  const m = (runs: StartRun[], key: keyof StartRun) => median(runs.map((x) => x[key] ?? Number.NaN));
  return [
    figure({
      id: 'startup.log',
      group: 'start-up',
      label: `spawn to ready, ${r.events.toLocaleString('en-US')} events`,
      unit: 'ms',
      value: m(r.plenum, 'spawnToReadyMs'),
      baseline: m(r.bare, 'spawnToReadyMs'),
      baselineOf: 'bare socket.io start',
      goal: { text: '≤ 2,000 ms', check: (v) => v <= 2000 },
      note: `in the server: modules loaded at ${Math.round(m(r.plenum, 'importedAtMs'))} ms, reading and folding the log ${Math.round(m(r.plenum, 'demoMs'))} ms; first join answered ${Math.round(m(r.plenum, 'firstJoinMs'))} ms after spawn`,
    }),
    figure({
      id: 'startup.demo',
      group: 'start-up',
      label: 'spawn to ready, demo log only',
      unit: 'ms',
      value: m(r.plenumDemoOnly, 'spawnToReadyMs'),
      baseline: m(r.bare, 'spawnToReadyMs'),
      baselineOf: 'bare socket.io start',
      note: `modules loaded at ${Math.round(m(r.plenumDemoOnly, 'importedAtMs'))} ms (the compiled build under plain Node, as \`npm start\` runs it)`,
    }),
  ];
}
