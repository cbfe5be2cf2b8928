import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../lib/children.js';
import type { BenchConfig } from '../config.js';
import { connectOne } from '../lib/clients.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import type { LoadTimings, PlenumReady, PlenumSeeded } from '../servers/plenumServer.js';
import type { ServerStats } from '../servers/control.js';
import { median, round } from '../lib/stats.js';

type StartupLog = BenchConfig['startup']['logs'][number];

export interface StartRun {
  /** From spawn to the ready line, measured by the harness. */
  spawnToReadyMs: number;
  /** The log's head (0 for the bare server). */
  head: number;
  /** The server's own account: process start to listening, and its steps. */
  readyAtMs: number;
  importedAtMs?: number;
  storeOpenMs?: number;
  demoMs?: number;
  load?: LoadTimings;
  /** From spawn to the first `session:join` answered (the log is usable). */
  firstJoinMs?: number;
  /** When the notification and webhook catch-ups begun at start were done, in the server's time. */
  caughtUpAtMs?: number;
  /** The longest hold of the event loop from listening to the end of those catch-ups. */
  loopMaxMs?: number;
}

export interface StartupLogResult {
  id: string;
  events: number;
  endorsements: number;
  criticisms: number;
  head: number;
  seedMs: number;
  plenum: StartRun[];
}

export interface StartupResult {
  logs: StartupLogResult[];
  /** The same server with only the demo in its log. */
  plenumDemoOnly: StartRun[];
  bare: StartRun[];
}

async function startPlenumOn(dataDir: string, options: StartOptions): Promise<StartRun> {
  const spawned = performance.now();
  const child = await startPlenum({ dataDir }, options);
  try {
    const ready: PlenumReady = child.ready;
    const chair = await connectOne(urlOf(child), ready.chairToken, 60_000);
    await chair.request('session:join', { sessionId: ready.sessionId, afterSeq: ready.head, limit: 1 }, 60_000);
    const firstJoinMs = performance.now() - spawned;
    chair.close();
    const caughtUpAtMs = await child.control<number>('caughtUp', undefined, 600_000);
    const { loopMaxMs } = await child.control<ServerStats>('stats');
    return {
      spawnToReadyMs: child.spawnToReadyMs,
      head: ready.head,
      readyAtMs: ready.readyAtMs,
      importedAtMs: ready.timings.importedAtMs,
      storeOpenMs: ready.timings.storeOpenMs,
      demoMs: ready.timings.demoMs,
      load: ready.timings.load,
      firstJoinMs,
      caughtUpAtMs,
      loopMaxMs,
    };
  } finally {
    await child.stop();
  }
}

/**
 * With BENCH_STARTUP_SEEDS=<dir>, a log seeded once is kept in `<dir>/<id>` and later runs start on
 * a copy of it (a start moves its cursors, so the kept one stays as seeded): seeding a million
 * events takes minutes. Answers whether `dataDir` now holds the kept log.
 */
function fromKept(id: string, dataDir: string): boolean {
  const kept = process.env.BENCH_STARTUP_SEEDS && join(process.env.BENCH_STARTUP_SEEDS, id);
  if (!kept || !existsSync(join(kept, 'plenum.sqlite'))) return false;
  cpSync(kept, dataDir, { recursive: true });
  return true;
}

function keep(id: string, dataDir: string): void {
  if (process.env.BENCH_STARTUP_SEEDS) cpSync(dataDir, join(process.env.BENCH_STARTUP_SEEDS, id), { recursive: true });
}

/** The logs to start on: all of the config's, or those named in BENCH_STARTUP_LOGS (ids, comma-separated). */
function wantedLogs(config: BenchConfig): StartupLog[] {
  const named = process.env.BENCH_STARTUP_LOGS?.split(',').map((id) => id.trim());
  return named ? config.startup.logs.filter((l) => named.includes(l.id)) : config.startup.logs;
}

/**
 * Start-up: each log of `config.startup.logs` is written once (seed mode), then the server is
 * started on each `repeats` times: time from spawn to listening (ready line), with the server's
 * own breakdown, then a first join and the end of the catch-ups begun at start. References: the
 * bare server's start, and Plenum on a log holding only the demo.
 */
export async function measureStartup(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<StartupResult> {
  const small = makeTempDir('plenum-bench-startup-demo-');
  const seeded: (StartupLogResult & { dataDir: string })[] = [];
  try {
    const seedOptions = { ...options, cpuProfDir: null };
    let demoSeeded = fromKept('demo', small);
    for (const shape of wantedLogs(config)) {
      const dataDir = makeTempDir(`plenum-bench-startup-${shape.id}-`);
      const criticisms = Math.max(1, Math.round(shape.events / (1 + shape.endorsements)));
      if (fromKept(shape.id, dataDir)) {
        seeded.push({ ...shape, dataDir, criticisms, head: Number.NaN, seedMs: 0, plenum: [] });
        log(`start-up: ${shape.id} copied from BENCH_STARTUP_SEEDS`);
        continue;
      }
      const t0 = performance.now();
      const seeder = await startPlenum(
        {
          mode: 'seed',
          dataDir,
          seedEvents: criticisms,
          seedEndorsements: shape.endorsements,
          seedHistory: true,
          demoOnlyDir: demoSeeded ? null : small,
        },
        seedOptions,
      );
      await seeder.stop();
      const seedMs = performance.now() - t0;
      const head = (seeder.ready as unknown as PlenumSeeded).head;
      seeded.push({ ...shape, dataDir, criticisms, head, seedMs, plenum: [] });
      log(
        `start-up: seeded ${shape.id}, ${criticisms.toLocaleString('en-US')} criticisms × ${1 + shape.endorsements} (head ${head}) in ${Math.round(seedMs)} ms`,
      );
      keep(shape.id, dataDir);
      if (!demoSeeded) keep('demo', small);
      demoSeeded = true;
    }
    if (!demoSeeded) {
      const seeder = await startPlenum({ mode: 'seed', dataDir: small }, seedOptions);
      await seeder.stop();
      keep('demo', small);
    }

    const bareStart = async (): Promise<StartRun> => {
      const child = await startBare(options);
      await child.stop();
      return { spawnToReadyMs: child.spawnToReadyMs, head: 0, readyAtMs: child.ready.readyAtMs };
    };
    if (config.startup.warmStarts) {
      // One start of each first, not counted (the page cache).
      await startPlenumOn(small, options);
      await bareStart();
    }
    const result: StartupResult = { logs: seeded, plenumDemoOnly: [], bare: [] };
    for (let i = 0; i < config.startup.repeats; i++) {
      for (const one of seeded) {
        const run = await startPlenumOn(one.dataDir, options);
        one.head = run.head;
        one.plenum.push(run);
      }
      result.plenumDemoOnly.push(await startPlenumOn(small, options));
      result.bare.push(await bareStart());
    }
    for (const one of seeded) {
      log(
        `start-up: Plenum ${round(median(one.plenum.map((r) => r.spawnToReadyMs)))} ms on ${one.id} (head ${one.head}), bare ${round(median(result.bare.map((r) => r.spawnToReadyMs)))} ms`,
      );
    }
    return { ...result, logs: seeded.map(({ dataDir: _d, ...one }) => one) };
  } finally {
    for (const one of seeded) removeTempDir(one.dataDir);
    removeTempDir(small);
  }
}

const m = (runs: readonly StartRun[], value: (run: StartRun) => number | undefined) =>
  median(runs.map((run) => value(run) ?? Number.NaN));

export function startupFigures(r: StartupResult): Figure[] {
  const bare = m(r.bare, (x) => x.spawnToReadyMs);
  return [
    ...r.logs.map((one) => {
      const ms = (value: (run: StartRun) => number | undefined) => Math.round(m(one.plenum, value));
      const snapshot = one.plenum[0]?.load;
      return figure({
        id: `startup.${one.id}`,
        group: 'start-up',
        label: `spawn to ready, ${one.head.toLocaleString('en-US')} events (${one.criticisms.toLocaleString('en-US')} criticisms, each endorsed ${one.endorsements} times)`,
        unit: 'ms',
        value: m(one.plenum, (x) => x.spawnToReadyMs),
        baseline: bare,
        baselineOf: 'bare socket.io start',
        goal: { text: '≤ 2,000 ms', check: (v) => v <= 2000 },
        note:
          `in the server: modules loaded at ${ms((x) => x.importedAtMs)} ms, store opened in ${ms((x) => x.storeOpenMs)} ms, ` +
          `the session folded in ${ms((x) => x.demoMs)} ms (snapshot of ${round((snapshot?.snapshotChars ?? 0) / 1e6)} M chars at seq ${snapshot?.snapshotSeq ?? 0} read in ${ms((x) => x.load?.snapshotReadMs)} ms, ` +
          `parsed in ${ms((x) => x.load?.parseMs)} ms, ${ms((x) => x.load?.tailEvents)} events read after it); ` +
          `first join answered ${ms((x) => x.firstJoinMs)} ms after spawn; catch-ups done at ${ms((x) => x.caughtUpAtMs)} ms; ` +
          `longest event-loop hold after listening ${ms((x) => x.loopMaxMs)} ms`,
      });
    }),
    figure({
      id: 'startup.demo',
      group: 'start-up',
      label: 'spawn to ready, demo log only',
      unit: 'ms',
      value: m(r.plenumDemoOnly, (x) => x.spawnToReadyMs),
      baseline: bare,
      baselineOf: 'bare socket.io start',
      note: `modules loaded at ${Math.round(m(r.plenumDemoOnly, (x) => x.importedAtMs))} ms (the compiled build under plain Node, as \`npm start\` runs it)`,
    }),
  ];
}
