/**
 * `npm run bench`: Plenum's real server against a bare socket.io broadcast server, measured in
 * the same run by the same load generator (see README.md). `BENCH_SMOKE=1` runs one small room
 * for a few seconds, for CI. Prints a table and writes bench-results.json at the root.
 *
 * Environment: BENCH_SMOKE=1 · BENCH_OUT=<file> · BENCH_ONLY=rooms,acks,catchup,startup,client,bytes,render,pdf ·
 * BENCH_ROOMS=100,500 · BENCH_PROFILE=1 (servers run with --cpu-prof; summaries in the JSON) ·
 * BENCH_MAX_MS=<watchdog> · BENCH_VERBOSE=1 (servers' stderr) · BENCH_STARTUP_LOGS=log,endorsed (start-up logs). Beside the JSON, an HTML report
 * charts each figure against room size and against the JSON the run replaces (the previous run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import { expectedFigureIds } from './figures.js';
import { killAllChildren, repoRoot, takeLoopMaxima } from './lib/children.js';
import { asBenchRun, renderHtmlReport, type BenchRun } from './lib/htmlReport.js';
import { summariseProfile, type ProfileSummary } from './lib/profile.js';
import { figure, formatTable, type Figure, type FigureGroup } from './lib/report.js';
import { buildServers, type StartOptions } from './lib/servers.js';
import { ackFigures, measureAcks } from './scenarios/acks.js';
import { catchUpFigures, measureCatchUp } from './scenarios/catchup.js';
import { bytesFigures, measureBytes } from './scenarios/bytes.js';
import { clientFigures, measureClient } from './scenarios/client.js';
import { measureNodes, nodesFigures } from './scenarios/nodes.js';
import { measurePdf, pdfFigures } from './scenarios/pdf.js';
import { measureRender, renderFigures } from './scenarios/render.js';
import { measureRoomSize, roomFigures, type RoomSizeResult } from './scenarios/rooms.js';
import { measureStartup, startupFigures } from './scenarios/startup.js';
import { loopFigure } from './lib/loop.js';

const config = loadConfig(process.env);
const outFile = process.env.BENCH_OUT ?? join(repoRoot, 'bench-results.json');
const htmlFile = `${outFile.replace(/\.json$/i, '')}.html`;
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const started = performance.now();
const maxMs = Number(process.env.BENCH_MAX_MS ?? (config.mode === 'smoke' ? 120_000 : 45 * 60_000));

const log = (line: string) =>
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

const profileDir =
  process.env.BENCH_PROFILE === '1'
    ? join(repoRoot, 'tests/bench/profiles', new Date().toISOString().replace(/[:.]/g, '-'))
    : null;
if (profileDir) mkdirSync(profileDir, { recursive: true });
const startOptions: StartOptions = { cpuProfDir: profileDir, echoStderr: process.env.BENCH_VERBOSE === '1' };

// The watchdog: a run that hangs anyway stops its children and fails.
const watchdog = setTimeout(() => {
  log(`watchdog: the run exceeded ${maxMs} ms; stopping`);
  killAllChildren();
  process.exit(2);
}, maxMs);
watchdog.unref();

const wanted = (name: string) => !only || only.includes(name);
const figures: Figure[] = [];
const raw: Record<string, unknown> = {};
const errors: { scenario: string; message: string }[] = [];

async function scenario(name: string, body: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  log(`${name}…`);
  takeLoopMaxima();
  try {
    await body();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push({ scenario: name, message });
    log(`${name} FAILED: ${message}`);
  }
  const stall = loopFigure(name, takeLoopMaxima());
  if (stall) figures.push(stall);
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** The run whose JSON this one replaces, if `outFile` holds one. */
function previousRun(): BenchRun | null {
  try {
    return asBenchRun(JSON.parse(readFileSync(outFile, 'utf8')));
  } catch {
    return null;
  }
}

function profileSummaries(): { file: string; summary: ProfileSummary }[] {
  if (!profileDir || !existsSync(profileDir)) return [];
  const out: { file: string; summary: ProfileSummary }[] = [];
  for (const server of readdirSync(profileDir)) {
    for (const file of readdirSync(join(profileDir, server))) {
      // The main thread's profile (a loader thread, where there is one, writes another).
      if (!/\.0\.\d+\.cpuprofile$/.test(file)) continue;
      const path = join(profileDir, server, file);
      out.push({ file: path, summary: summariseProfile(path, 20) });
    }
  }
  return out;
}

async function main(): Promise<number> {
  const loadBefore = loadavg();
  log(
    `mode ${config.mode}, rooms ${config.roomSizes.join(', ')}; ${cpus().length} CPUs, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  // Every scenario starts a server child, and they run on the build.
  const buildStarted = performance.now();
  await buildServers();
  const buildMs = Math.round(performance.now() - buildStarted);
  log(`servers built in ${buildMs} ms`);

  await scenario('rooms', async () => {
    const results: RoomSizeResult[] = [];
    raw.rooms = results;
    try {
      for (const size of config.roomSizes) results.push(await measureRoomSize(config, size, log, startOptions));
    } finally {
      figures.push(...roomFigures(results));
    }
  });
  await scenario('acks', async () => {
    const result = await measureAcks(config, log, startOptions);
    raw.acks = result;
    figures.push(...ackFigures(result));
  });
  await scenario('catchup', async () => {
    const result = await measureCatchUp(config, log, startOptions);
    raw.catchup = result;
    figures.push(...catchUpFigures(result, config));
  });
  await scenario('startup', async () => {
    const result = await measureStartup(config, log, startOptions);
    raw.startup = result;
    figures.push(...startupFigures(result));
  });
  await scenario('client', async () => {
    const result = await measureClient(config, log, startOptions);
    raw.client = result;
    figures.push(...clientFigures(result));
  });
  // After `client`, which builds the bundle the screens are served from.
  await scenario('bytes', async () => {
    const result = await measureBytes(log, startOptions);
    raw.bytes = result;
    figures.push(...bytesFigures(result));
  });
  await scenario('render', async () => {
    const result = await measureRender(config, log);
    raw.render = result;
    figures.push(...renderFigures(result));
  });
  await scenario('pdf', async () => {
    const result = await measurePdf(config, log, startOptions);
    raw.pdf = result;
    figures.push(...pdfFigures(result));
  });

  // On the machine's PostgreSQL and Redis, with several server processes: only when named.
  if (only?.includes('nodes'))
    await scenario('nodes', async () => {
      const result = await measureNodes(config, log, startOptions);
      raw.nodes = result;
      figures.push(...nodesFigures(result));
    });

  // Every expected figure is in the table; one a scenario could not produce says why.
  const groupOf: Record<string, FigureGroup> = {
    seat: 'seating',
    fanout: 'fan-out',
    paced: 'paced latency',
    ack: 'ack latency',
    catchup: 'catch-up',
    memory: 'memory',
    startup: 'start-up',
    client: 'client',
    render: 'client',
    pdf: 'records',
  };
  for (const id of only ? [] : expectedFigureIds(config)) {
    if (figures.some((f) => f.id === id)) continue;
    const scenarioName = {
      seat: 'rooms',
      fanout: 'rooms',
      paced: 'rooms',
      memory: 'rooms',
      ack: 'acks',
      catchup: 'catchup',
      startup: 'startup',
      client: 'client',
      render: 'render',
      pdf: 'pdf',
    }[id.split('.')[0]!];
    figures.push(
      figure({
        id,
        group: groupOf[id.split('.')[0]!] ?? 'client',
        label: id,
        unit: '',
        value: null,
        baseline: null,
        baselineOf: '',
        note: `not measured: ${errors.find((e) => e.scenario === scenarioName)?.message.split('\n')[0] ?? 'see the log'}`,
      }),
    );
  }

  const totalMs = performance.now() - started;
  const profiles = profileSummaries();
  const result = {
    meta: {
      date: new Date().toISOString(),
      mode: config.mode,
      commit: gitCommit(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
      totalMs: Math.round(totalMs),
      buildMs,
      profileDir,
    },
    config,
    figures,
    errors,
    raw,
    profiles,
  };
  const previous = previousRun();
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(htmlFile, renderHtmlReport(result, previous));
  process.stdout.write(
    `\nPlenum benchmark (${config.mode}), ${new Date().toISOString()}, ${Math.round(totalMs / 1000)} s\n\n${formatTable(figures)}\n`,
  );
  if (errors.length > 0)
    process.stdout.write(
      `\nerrors:\n${errors.map((e) => `  ${e.scenario}: ${e.message.split('\n')[0]}`).join('\n')}\n`,
    );
  if (profiles.length > 0)
    process.stdout.write(
      `\nCPU profiles of the servers: ${profileDir} (summaries in the JSON; tsx tests/bench/profile.ts <file>)\n`,
    );
  process.stdout.write(
    `\nwritten: ${outFile}\n         ${htmlFile} (charts${previous ? `, against the run of ${previous.meta.date}` : ''})\n`,
  );
  const missed = figures.filter((f) => f.goal && !f.goal.met).map((f) => f.id);
  if (missed.length > 0) process.stdout.write(`goals missed: ${missed.join(', ')}\n`);
  if (errors.length > 0) return 1;
  if (process.env.BENCH_STRICT === '1' && missed.length > 0) return 3;
  return 0;
}

main().then(
  (code) => {
    killAllChildren();
    process.exit(code);
  },
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllChildren();
    process.exit(1);
  },
);
