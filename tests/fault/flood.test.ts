import type { Ack, CommandResult } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';
import { newCommandId } from './helpers/faultClient.js';
import { count, percentile, printFigures } from './helpers/figures.js';
import {
  connectedSockets,
  floodSocket,
  floodWindows,
  latencyBarBroken,
  normalAckFigures,
  startFloodServer,
} from './helpers/floodWindows.js';
import { loadCriticism, type PacedTally } from './helpers/pacedClients.js';
import { seedWorld, type World } from './helpers/world.js';

const normalClients = 100;
const floodRate = 1000;
/** Baseline and flood windows alternate, so drift of the machine weighs on both alike. */
const windowMs = count(2500, 5000);
const windowPairs = 4;

interface FloodResult {
  tally: PacedTally;
  flooderSent: number;
  flooderRateLimited: number;
  flooderAcked: number;
  flooderDisconnectedByServer: number;
  flooderHandshakesRefused: number;
}

async function runFlood(world: World, protections: Record<string, unknown> | undefined): Promise<FloodResult> {
  const server = await startFloodServer(world, protections);
  const officials = world.byRole('official').concat(world.byRole('inspector'));
  const [flooderMember, ...rest] = officials;
  const normals = rest.slice(0, normalClients);
  expect(normals).toHaveLength(normalClients);

  const sockets = await connectedSockets(
    server.url,
    normals.map((m) => m.token),
  );
  // The normal clients only send (their acks are what is measured); the big screen receives
  // every broadcast. With 100 receivers the test process itself, sharing two cores with the
  // server, would measure its own parsing of 10,000 messages a second.
  const [screen] = await connectedSockets(server.url, [world.byRole('observer')[0]!.token]);
  await screen!.timeout(10_000).emitWithAck('session:join', { sessionId: world.sessionId, afterSeq: 0 });

  const result = {
    flooderSent: 0,
    flooderRateLimited: 0,
    flooderAcked: 0,
    flooderDisconnectedByServer: 0,
    flooderHandshakesRefused: 0,
  };

  // The flooder: 1,000 commands a second whenever the flood is on; reconnects when cut off.
  const flooder = floodSocket(server.url, flooderMember!.token, false);
  flooder.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') result.flooderDisconnectedByServer++;
  });
  flooder.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    if (error.data?.code === 'RATE_LIMITED') result.flooderHandshakesRefused++;
  });
  let tick = 0;
  const floodTick = () => {
    if (!flooder.connected) {
      if (tick++ % 20 === 0) flooder.connect();
      return;
    }
    for (let i = 0; i < floodRate / 100; i++) {
      result.flooderSent++;
      flooder.timeout(10_000).emit(
        'command',
        {
          commandId: newCommandId(),
          sessionId: world.sessionId,
          command: loadCriticism(`Flood ${result.flooderSent}`),
        },
        (error: unknown, ack?: Ack<CommandResult>) => {
          if (error || !ack) return;
          if (ack.ok) result.flooderAcked++;
          else if (ack.error.code === 'RATE_LIMITED') result.flooderRateLimited++;
        },
      );
    }
  };

  const tally = await floodWindows(sockets, world.sessionId, {
    warmupMs: 1500,
    windows: windowPairs,
    windowMs,
    floodTick,
    stopFlood: () => flooder.disconnect(),
  });
  server.kill('SIGKILL');
  await server.exited;
  return { tally, ...result };
}

function floodFigures(r: FloodResult) {
  return {
    'normal clients': normalClients,
    'flood rate (commands/s)': floodRate,
    'flood duration (s)': (windowPairs * windowMs) / 1000,
    ...normalAckFigures(r.tally),
    'normal p50 baseline (ms)': percentile(r.tally.baseline, 50),
    'normal p50 during flood (ms)': percentile(r.tally.flood, 50),
    'normal commands failed or timed out': r.tally.failures,
    'normal commands RATE_LIMITED': r.tally.rateLimited,
    'flooder commands sent': r.flooderSent,
    'flooder commands acked ok': r.flooderAcked,
    'flooder RATE_LIMITED answers': r.flooderRateLimited,
    'flooder disconnected by the server': r.flooderDisconnectedByServer,
    'flooder handshakes refused (cool-down)': r.flooderHandshakesRefused,
  };
}

function checkFloodBars(f: ReturnType<typeof floodFigures>): void {
  const broken: string[] = [];
  if (f['flooder RATE_LIMITED answers'] === 0) broken.push('the flooder was never RATE_LIMITED');
  if (f['flooder disconnected by the server'] === 0) broken.push('the flooder was never disconnected');
  const latency = latencyBarBroken(f);
  if (latency !== null) broken.push(latency);
  if (f['normal commands failed or timed out'] > 0 || f['normal commands RATE_LIMITED'] > 0)
    broken.push('normal clients were refused or timed out');
  if (f['normal acks, during flood'] < normalClients) broken.push('too few normal acks during the flood');
  if (broken.length > 0) throw new Error(`flood bars broken: ${broken.join('; ')}`);
}

async function floodWorld(): Promise<World> {
  return seedWorld(
    await tempDir('plenum-flood-'),
    [
      { role: 'official', count: 60 },
      { role: 'inspector', count: 50 },
    ],
    { floorOpenOn: 'item-2' },
  );
}

describe('abuse limits', () => {
  test('P12: one socket sending 1,000 commands/s is RATE_LIMITED and disconnected; 100 normal clients at 1 command/s keep being answered (ack p99 rise ≤ 50 ms enforced with FULL=1)', async () => {
    const result = await runFlood(await floodWorld(), undefined);
    const figures = floodFigures(result);
    printFigures('flood', figures);
    checkFloodBars(figures);
  }, 120_000);

  test('negative control: without the rate limits the flooder is never limited and the bars are not met', async () => {
    const result = await runFlood(await floodWorld(), { messages: false, commits: false, strikes: false });
    const figures = floodFigures(result);
    printFigures('flood — negative control (limits off)', figures);
    expect(figures['flooder RATE_LIMITED answers']).toBe(0);
    expect(() => checkFloodBars(figures)).toThrow(/never RATE_LIMITED/);
  }, 120_000);
});
