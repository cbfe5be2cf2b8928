import { defaultProtections } from '@plenum/server';
import type { Ack, SessionJoinResult } from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { freePort } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { FaultClient } from './helpers/faultClient.js';
import { count, printFigures } from './helpers/figures.js';
import {
  connectedSockets,
  floodWindows,
  latencyBarBroken,
  normalAckFigures,
  startFloodServer,
} from './helpers/floodWindows.js';
import type { PacedTally } from './helpers/pacedClients.js';
import { startFaultServer } from './helpers/serverProcess.js';
import { seedWorld, type World } from './helpers/world.js';

const normalClients = 30;
/** Catch-up pages of 500 events asked for per second, over the observer link's 5 sockets. */
const pageRate = 90;
const logEvents = 3000;
/** Baseline and flood windows alternate, so drift of the machine weighs on both alike. */
const windowMs = count(2000, 5000);
const windowPairs = count(3, 6);

interface ReadFloodResult {
  tally: PacedTally;
  pagesAsked: number;
  pagesServed: number;
  eventsServed: number;
  pagesRateLimited: number;
  /** From the reader's first connection to its last request. */
  readerSeconds: number;
}

async function runReadFlood(world: World, protections: Record<string, unknown> | undefined): Promise<ReadFloodResult> {
  const server = await startFloodServer(world, protections);
  const normals = world.byRole('official').slice(0, normalClients);
  expect(normals).toHaveLength(normalClients);
  const sockets = await connectedSockets(
    server.url,
    normals.map((m) => m.token),
  );

  const result = { pagesAsked: 0, pagesServed: 0, eventsServed: 0, pagesRateLimited: 0, readerSeconds: 0 };

  // The reader: one observer link, 5 sockets, each asking for full pages at other offsets (so
  // that no cache helps), within every message budget; reconnects when cut off.
  const observer = world.byRole('observer')[0]!.token;
  const readers = await connectedSockets(
    server.url,
    Array.from({ length: 5 }, () => observer),
  );
  const readerStarted = performance.now();
  let tick = 0;
  const floodTick = () => {
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
  };

  const tally = await floodWindows(sockets, world.sessionId, {
    warmupMs: 1000,
    windows: windowPairs,
    windowMs,
    floodTick,
    stopFlood: () => {
      result.readerSeconds = (performance.now() - readerStarted) / 1000;
      for (const reader of readers) reader.disconnect();
    },
  });
  server.kill('SIGKILL');
  await server.exited;
  return { tally, ...result };
}

function readFloodFigures(r: ReadFloodResult) {
  return {
    'normal clients': normalClients,
    'pages asked per second (500 events)': pageRate,
    'flood duration (s)': (windowPairs * windowMs) / 1000,
    ...normalAckFigures(r.tally),
    // A refusal of any kind is a failure for a normal client here.
    'normal commands failed or timed out': r.tally.failures + r.tally.rateLimited,
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
  const latency = latencyBarBroken(f);
  if (latency !== null) broken.push(latency);
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
