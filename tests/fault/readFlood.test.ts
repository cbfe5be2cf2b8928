import { defaultProtections } from '@plenum/server';
import { PROTOCOL_VERSION, type Ack, type SessionJoinResult } from '@plenum/shared';
import { io } from 'socket.io-client';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { ClientSocket } from '../helpers/connectClient.js';
import { freePort } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { FaultClient } from './helpers/faultClient.js';
import { count, isFull, percentile, printFigures } from './helpers/figures.js';
import { pacedClients } from './helpers/pacedClients.js';
import { startFaultServer } from './helpers/serverProcess.js';
import { seedWorld, type World } from './helpers/world.js';

const normalClients = 30;
/** Catch-up pages of 500 events asked for per second, over the observer link's 5 sockets. */
const pageRate = 90;
const logEvents = 3000;
/** Baseline and flood windows alternate, so drift of the machine weighs on both alike. */
const windowMs = count(2000, 5000);
const floodWindows = count(3, 6);

interface ReadFloodResult {
  baseline: number[];
  flood: number[];
  normalFailures: number;
  pagesAsked: number;
  pagesServed: number;
  eventsServed: number;
  pagesRateLimited: number;
  floodSeconds: number;
  /** From the reader's first connection to its last request. */
  readerSeconds: number;
}

function socketFor(url: string, token: string): ClientSocket {
  const socket = io(url, {
    forceNew: true,
    transports: ['websocket'],
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
  }) as ClientSocket;
  onTestFinished(() => {
    socket.disconnect();
  });
  return socket;
}

const connected = (socket: ClientSocket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

async function runReadFlood(world: World, protections: Record<string, unknown> | undefined): Promise<ReadFloodResult> {
  const server = await startFaultServer({
    dataDir: world.dataDir,
    port: await freePort(),
    logLevel: 'warn',
    faults: protections ? { protections } : undefined,
  });
  onTestFinished(() => server.kill('SIGKILL'));
  const normals = world.byRole('official').slice(0, normalClients);
  expect(normals).toHaveLength(normalClients);
  const sockets = normals.map((m) => socketFor(server.url, m.token));
  await Promise.all(sockets.map(connected));

  const result: ReadFloodResult = {
    baseline: [],
    flood: [],
    normalFailures: 0,
    pagesAsked: 0,
    pagesServed: 0,
    eventsServed: 0,
    pagesRateLimited: 0,
    floodSeconds: (floodWindows * windowMs) / 1000,
    readerSeconds: 0,
  };
  let phase: 'baseline' | 'flood' | 'idle' = 'idle';
  let running = true;

  // Normal clients beside the flood, whose acks are measured.
  const normal = pacedClients(
    sockets,
    world.sessionId,
    () => phase,
    () => running,
  );

  // The reader: one observer link, 5 sockets, each asking for full pages at other offsets (so
  // that no cache helps), within every message budget; reconnects when cut off.
  const observer = world.byRole('observer')[0]!.token;
  const readers = Array.from({ length: 5 }, () => socketFor(server.url, observer));
  await Promise.all(readers.map(connected));
  const readerStarted = performance.now();
  let tick = 0;
  const pump = setInterval(() => {
    if (phase !== 'flood') return;
    tick++;
    // 10 ms ticks: pageRate / 100 pages a tick on average, round-robin over the sockets.
    const due = Math.floor((tick * pageRate) / 100) - Math.floor(((tick - 1) * pageRate) / 100);
    for (let k = 0; k < due; k++) {
      const reader = readers[(tick + k) % readers.length]!;
      if (!reader.connected) continue;
      result.pagesAsked++;
      const afterSeq = (result.pagesAsked * 37) % (logEvents - 500);
      reader
        .timeout(10_000)
        .emit(
          'session:join',
          { sessionId: world.sessionId, afterSeq, limit: 500 },
          (error: unknown, ack?: Ack<SessionJoinResult>) => {
            if (error || !ack) return;
            if (ack.ok) {
              result.pagesServed++;
              result.eventsServed += ack.data.events.length;
            } else if (ack.error.code === 'RATE_LIMITED') result.pagesRateLimited++;
          },
        );
    }
  }, 10);

  await new Promise((r) => setTimeout(r, 1000));
  for (let w = 0; w < floodWindows; w++) {
    phase = 'baseline';
    await new Promise((r) => setTimeout(r, windowMs));
    phase = 'flood';
    await new Promise((r) => setTimeout(r, windowMs));
  }
  phase = 'idle';
  clearInterval(pump);
  result.readerSeconds = (performance.now() - readerStarted) / 1000;
  running = false;
  for (const reader of readers) reader.disconnect();
  await Promise.race([normal.done, new Promise((r) => setTimeout(r, 3000))]);
  // A refusal of any kind is a failure for a normal client here.
  Object.assign(result, {
    baseline: normal.tally.baseline,
    flood: normal.tally.flood,
    normalFailures: normal.tally.failures + normal.tally.rateLimited,
  });
  server.kill('SIGKILL');
  await server.exited;
  return result;
}

function readFloodFigures(r: ReadFloodResult) {
  const p99Baseline = percentile(r.baseline, 99);
  const p99Flood = percentile(r.flood, 99);
  return {
    'normal clients': normalClients,
    'pages asked per second (500 events)': pageRate,
    'flood duration (s)': r.floodSeconds,
    'normal acks, baseline': r.baseline.length,
    'normal acks, during flood': r.flood.length,
    'normal p99 baseline (ms)': p99Baseline,
    'normal p99 during flood (ms)': p99Flood,
    'normal p99 rise (ms)': p99Flood - p99Baseline,
    'normal commands failed or timed out': r.normalFailures,
    'pages asked': r.pagesAsked,
    'pages served': r.pagesServed,
    'pages RATE_LIMITED': r.pagesRateLimited,
    'events served to the reader': r.eventsServed,
    'its read budget over the run (events)': readBudget(r.readerSeconds),
  };
}

/**
 * The most events one participant's read budget lets through in `seconds`: the burst, the
 * refill, and the pages in flight when it ran out (each may serve a full page).
 */
function readBudget(seconds: number): number {
  const reads = defaultProtections.reads;
  if (reads === false) throw new Error('the default protections have no read budget');
  const { capacity, refillPerSecond } = reads.perParticipant;
  return Math.round(capacity + refillPerSecond * seconds + reads.inFlight * 500);
}

function checkReadFloodBars(f: ReturnType<typeof readFloodFigures>): void {
  const broken: string[] = [];
  // A latency bar is only meaningful on a quiet machine: it is enforced in the full run
  // (FULL=1, alone); the default run prints the figure and enforces the budget bars.
  if (isFull && !(f['normal p99 rise (ms)'] <= 50)) {
    broken.push(`normal p99 rose by ${f['normal p99 rise (ms)'].toFixed(1)} ms`);
  }
  if (f['events served to the reader'] > f['its read budget over the run (events)']) {
    broken.push('the reader was served more events than its read budget');
  }
  if (f['normal commands failed or timed out'] > 0) broken.push('normal clients were refused or timed out');
  if (f['pages RATE_LIMITED'] === 0) broken.push('the reader was never RATE_LIMITED');
  if (broken.length > 0) throw new Error(`read flood bars broken: ${broken.join('; ')}`);
}

async function readWorld(): Promise<World> {
  return seedWorld(await tempDir('plenum-read-flood-'), [{ role: 'official', count: normalClients }], {
    floorOpenOn: 'item-2',
    criticisms: logEvents,
  });
}

describe('read amplification', () => {
  test('rehearsal 11: one observer link asking for 90 pages of 500 events a second is served no more than its read budget and RATE_LIMITED beyond; normal clients’ ack p99 rise ≤ 50 ms enforced with FULL=1', async () => {
    const figures = readFloodFigures(await runReadFlood(await readWorld(), undefined));
    printFigures('read flood', figures);
    checkReadFloodBars(figures);
  }, 120_000);

  test('negative control: without the read budget, the same reader is served every page and the bars are not met', async () => {
    const figures = readFloodFigures(await runReadFlood(await readWorld(), { reads: false }));
    printFigures('read flood — negative control (read budget off)', figures);
    expect(figures['pages RATE_LIMITED']).toBe(0);
    expect(() => checkReadFloodBars(figures)).toThrow(/never RATE_LIMITED/);
  }, 120_000);

  test('rehearsal 11: a client 10,000 events behind (reconnecting after a long absence) catches up promptly within its read budget', async () => {
    const behind = 10_000;
    const world = await seedWorld(await tempDir('plenum-long-absence-'), [], { criticisms: behind });
    const server = await startFaultServer({ dataDir: world.dataDir, port: await freePort(), logLevel: 'warn' });
    onTestFinished(() => server.kill('SIGKILL'));
    const started = performance.now();
    const client = new FaultClient({
      url: server.url,
      token: world.byRole('official')[0]!.token,
      sessionId: world.sessionId,
      name: 'back from a long absence',
    });
    await client.ready();
    const tookMs = performance.now() - started;
    printFigures('long absence', {
      'events caught up': client.lastSeq,
      'pages (session:join)': client.stats.joins,
      'pages RATE_LIMITED': client.stats.rateLimited,
      'time to catch up (ms)': Math.round(tookMs),
    });
    expect(client.lastSeq).toBeGreaterThanOrEqual(behind);
    expect(client.stats.rateLimited).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
  }, 60_000);
});
