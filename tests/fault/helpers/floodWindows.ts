import { PROTOCOL_VERSION } from '@plenum/shared';
import { io } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import type { ClientSocket } from '../../helpers/connectClient.js';
import { freePort } from '../../helpers/serverProcess.js';
import { isFull, percentile } from './figures.js';
import { pacedClients, type LoadPhase, type PacedTally } from './pacedClients.js';
import { startFaultServer, type FaultServer } from './serverProcess.js';
import type { World } from './world.js';

/** A socket of the flood runs, disconnected when the test finishes. */
export function floodSocket(url: string, token: string, reconnection = true): ClientSocket {
  const socket = io(url, {
    forceNew: true,
    transports: ['websocket'],
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    reconnection,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
  }) as ClientSocket;
  onTestFinished(() => {
    socket.disconnect();
  });
  return socket;
}

/** A connected socket per token; rejects when a connection is refused. */
export async function connectedSockets(url: string, tokens: readonly string[]): Promise<ClientSocket[]> {
  const sockets = tokens.map((token) => floodSocket(url, token));
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        }),
    ),
  );
  return sockets;
}

/** A server process on the world's data with `protections` replaced, killed when the test finishes. */
export async function startFloodServer(
  world: World,
  protections: Record<string, unknown> | undefined,
): Promise<FaultServer> {
  const server = await startFaultServer({
    dataDir: world.dataDir,
    port: await freePort(),
    logLevel: 'warn',
    faults: protections ? { protections } : undefined,
  });
  onTestFinished(() => server.kill('SIGKILL'));
  return server;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the normal clients on `sockets` through `windows` pairs of a baseline window and a
 * flood window (alternating, so drift of the machine weighs on both alike), calling `floodTick`
 * every 10 ms of the flood windows and `stopFlood` once the last is over; then gives the
 * normal clients 3 s to finish (without protection the server may be hopelessly behind).
 */
export async function floodWindows(
  sockets: readonly ClientSocket[],
  sessionId: string,
  run: { warmupMs: number; windows: number; windowMs: number; floodTick: () => void; stopFlood: () => void },
): Promise<PacedTally> {
  let phase: LoadPhase = 'idle';
  let running = true;
  const normal = pacedClients(
    sockets,
    sessionId,
    () => phase,
    () => running,
  );
  const pump = setInterval(() => {
    if (phase === 'flood') run.floodTick();
  }, 10);
  await sleep(run.warmupMs);
  for (let w = 0; w < run.windows; w++) {
    phase = 'baseline';
    await sleep(run.windowMs);
    phase = 'flood';
    await sleep(run.windowMs);
  }
  phase = 'idle';
  clearInterval(pump);
  running = false;
  run.stopFlood();
  await Promise.race([normal.done, sleep(3000)]);
  return normal.tally;
}

/** The normal clients' ack latencies, before and during the flood. */
export function normalAckFigures(tally: Pick<PacedTally, 'baseline' | 'flood'>) {
  const p99Baseline = percentile(tally.baseline, 99);
  const p99Flood = percentile(tally.flood, 99);
  return {
    'normal acks, baseline': tally.baseline.length,
    'normal acks, during flood': tally.flood.length,
    'normal p99 baseline (ms)': p99Baseline,
    'normal p99 during flood (ms)': p99Flood,
    'normal p99 rise (ms)': p99Flood - p99Baseline,
  };
}

/**
 * The latency bar, or null when it holds. It is only meaningful on a quiet machine: enforced
 * in the full run (FULL=1, alone); the default run prints the figure and enforces the rest.
 */
export function latencyBarBroken(figures: ReturnType<typeof normalAckFigures>): string | null {
  const rise = figures['normal p99 rise (ms)'];
  return isFull && !(rise <= 50) ? `normal p99 rose by ${rise.toFixed(1)} ms` : null;
}
