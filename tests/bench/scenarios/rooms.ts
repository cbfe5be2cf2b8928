import type { BenchConfig } from '../config.js';
import type { Child } from '../lib/children.js';
import type { BareReady } from '../lib/servers.js';
import { closeAll, connectMany, type LoadClient } from '../lib/clients.js';
import { describeUse, Room, type PacedResult, type SaturatedResult, type Target } from '../lib/load.js';
import { figure, type Figure } from '../lib/report.js';
import {
  bareTarget,
  memory,
  plenumTarget,
  startBare,
  startItem,
  startPlenum,
  startSeededPlenum,
  type StartOptions,
} from '../lib/servers.js';
import { delay, round } from '../lib/stats.js';

export interface SeatResult {
  seated: number;
  ms: number;
  serverCpuMs: number;
}

export interface RoomSizeResult {
  size: number;
  seat: { bare: SeatResult; plenum: SeatResult };
  /**
   * RSS after GC: (seated − empty) / participants, the issue's figure; the slope over the seating
   * steps (the marginal cost, without one-time set-up); the curves as [participants, bytes].
   */
  memory: {
    bareKiB: number;
    plenumKiB: number;
    bareSlopeKiB: number;
    plenumSlopeKiB: number;
    /** The JS heap's share of the slope. */
    bareHeapSlopeKiB: number;
    plenumHeapSlopeKiB: number;
    bareCurve: MemoryPoint[];
    plenumCurve: MemoryPoint[];
  };
  fanout: { bare: SaturatedResult[]; plenum: SaturatedResult[] } | null;
  /** Per load: the counted (median-p99) round of each server, and every round. */
  paced: {
    load: number;
    messagesPerSecond: number;
    bare: PacedResult;
    plenum: PacedResult;
    rounds: { bare: PacedResult[]; plenum: PacedResult[] };
  }[];
  skipped: string | null;
}

async function cpuMs(child: Child<unknown>): Promise<number> {
  const usage = await child.control<{ user: number; system: number }>('cpu');
  return (usage.user + usage.system) / 1000;
}

/** Participants who join and leave before the empty-server figure, so lazy set-up is not counted per participant. */
const primers = 10;

/**
 * Seats `tokens` in `steps` equal steps (bounded by the seat budget in all), with the server's
 * RSS after GC after each step: the time and server CPU of the joins alone, and the memory curve.
 */
async function seatInSteps(
  target: Target,
  tokens: readonly string[],
  afterSeq: number,
  budgetMs: number,
  steps: number,
): Promise<{ clients: LoadClient[]; result: SeatResult; curve: MemoryPoint[] }> {
  const deadline = performance.now() + budgetMs;
  const clients: LoadClient[] = [];
  const sample = async (seated: number): Promise<MemoryPoint> => {
    const m = await memory(target.server);
    return [seated, m.rss, m.heapUsed];
  };
  const curve: MemoryPoint[] = [await sample(0)];
  let ms = 0;
  let serverCpuMs = 0;
  for (let step = 1; step <= steps && clients.length === Math.round(((step - 1) * tokens.length) / steps); step++) {
    const slice = tokens.slice(clients.length, Math.round((step * tokens.length) / steps));
    const cpu0 = await cpuMs(target.server);
    const t0 = performance.now();
    clients.push(
      ...(await connectMany(target.url, slice, {
        join: { sessionId: target.sessionId, afterSeq, limit: 1 },
        timeoutMs: Math.max(30_000, budgetMs),
        deadline,
      })),
    );
    ms += performance.now() - t0;
    serverCpuMs += (await cpuMs(target.server)) - cpu0;
    curve.push(await sample(clients.length));
  }
  return { clients, result: { seated: clients.length, ms, serverCpuMs }, curve };
}

/** [participants seated, RSS, V8 heap used] after GC, in bytes. */
export type MemoryPoint = [number, number, number];

/** Least-squares slope of RSS (or heap, `column` 2) over participants, in KiB per participant. */
function slopeKiB(points: readonly MemoryPoint[], column: 1 | 2 = 1): number {
  if (points.length < 2) return Number.NaN;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[column], 0) / n;
  const sxy = points.reduce((a, p) => a + (p[0] - mx) * (p[column] - my), 0);
  const sxx = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx / 1024;
}

/** Connects `tokens`, joins them, and disconnects them: the server's lazy first-use set-up. */
async function prime(target: Target, tokens: readonly string[], afterSeq: number): Promise<void> {
  closeAll(await connectMany(target.url, tokens, { join: { sessionId: target.sessionId, afterSeq, limit: 1 } }));
  await delay(300);
}

const best = (results: SaturatedResult[]) => Math.max(...results.map((r) => r.deliveriesPerSecond));

/** The round whose p99 is the median of the rounds' (the lower middle one of an even number): a tail is noisy. */
function medianRound(runs: readonly PacedResult[]): PacedResult {
  const sorted = [...runs].sort((a, b) => a.latency.p99 - b.latency.p99);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

const roundsP99 = (runs: readonly PacedResult[]) => runs.map((r) => round(r.latency.p99)).join(', ');

/** The issue's goals of a room, against the bare server in the same room. */
export const roomGoals = { seating: 1.5, fanout: 0.9, pacedP99: 1.5, memoryKiB: 32 };

/** Refusals and lost sockets of some runs, for a figure's note. */
function problems(runs: readonly (SaturatedResult | PacedResult)[]): string {
  const errors = runs.reduce((n, r) => n + r.ackErrors, 0);
  const first = runs.find((r) => r.firstError)?.firstError;
  const lost = Math.max(0, ...runs.map((r) => r.disconnected));
  return `${errors > 0 ? `; ${errors} commands refused or unanswered (${first})` : ''}${lost > 0 ? `; ${lost} sockets closed by the server` : ''}`;
}

/**
 * For one room size: a fresh bare server and a fresh Plenum server (S invitations), S clients
 * seated on each, memory after GC before and after, then saturated fan-out (rounds alternate
 * bare / Plenum after a warm-up of each) and paced latency at fractions of the bare rate.
 */
export async function measureRoomSize(
  config: BenchConfig,
  size: number,
  log: (line: string) => void,
  options: StartOptions,
): Promise<RoomSizeResult> {
  const senders = Math.min(config.senders, size);
  const t0 = performance.now();
  const bareStarting = startBare(options);
  const starting = config.seededRooms
    ? startSeededPlenum({ officials: size + primers }, options)
    : startPlenum({ officials: size + primers }, options).then((child) => ({
        child,
        seeded: { head: child.ready.head },
        cleanup: () => undefined,
      }));
  const seeded = await starting.catch(async (error: unknown) => {
    await (await bareStarting.catch(() => null))?.stop();
    throw error;
  });
  const plenumChild = seeded.child;
  log(
    `room ${size}: Plenum ready, log of ${seeded.seeded.head} events (${Math.round(performance.now() - t0)} ms with ${size} invitations)`,
  );
  let bareChild: Child<BareReady> | null = null;
  const open: LoadClient[][] = [];
  try {
    bareChild = await bareStarting;
    await startItem(plenumChild);
    const bare = bareTarget(bareChild);
    const plenum = plenumTarget(plenumChild);
    const plenumTokens = plenumChild.ready.officialTokens;
    await prime(
      bare,
      Array.from({ length: primers }, () => 'bare'),
      0,
    );
    await prime(plenum, plenumTokens.slice(size, size + primers), plenumChild.ready.head);

    const bareSeat = await seatInSteps(
      bare,
      Array.from({ length: size }, () => 'bare'),
      0,
      config.seatBudgetMs,
      config.memorySteps,
    );
    open.push(bareSeat.clients);
    const plenumSeat = await seatInSteps(
      plenum,
      plenumTokens.slice(0, size),
      plenumChild.ready.head,
      config.seatBudgetMs,
      config.memorySteps,
    );
    open.push(plenumSeat.clients);
    log(
      `room ${size}: seated bare ${bareSeat.result.seated} in ${Math.round(bareSeat.result.ms)} ms, Plenum ${plenumSeat.result.seated} in ${Math.round(plenumSeat.result.ms)} ms`,
    );
    const perParticipant = (curve: MemoryPoint[]) => {
      const [seated, rss] = curve.at(-1)!;
      return seated > 0 ? (rss - curve[0]![1]) / seated / 1024 : Number.NaN;
    };
    const result: RoomSizeResult = {
      size,
      seat: { bare: bareSeat.result, plenum: plenumSeat.result },
      memory: {
        bareKiB: perParticipant(bareSeat.curve),
        plenumKiB: perParticipant(plenumSeat.curve),
        bareSlopeKiB: slopeKiB(bareSeat.curve.slice(1)),
        plenumSlopeKiB: slopeKiB(plenumSeat.curve.slice(1)),
        bareHeapSlopeKiB: slopeKiB(bareSeat.curve.slice(1), 2),
        plenumHeapSlopeKiB: slopeKiB(plenumSeat.curve.slice(1), 2),
        bareCurve: bareSeat.curve,
        plenumCurve: plenumSeat.curve,
      },
      fanout: null,
      paced: [],
      skipped: null,
    };
    if (plenumSeat.result.seated < size) {
      result.skipped = `Plenum seated ${plenumSeat.result.seated} of ${size} participants within the ${config.seatBudgetMs / 1000} s seat budget`;
      log(`room ${size}: ${result.skipped}; fan-out and latency not measured`);
      return result;
    }

    const rooms = {
      bare: new Room(bare, bareSeat.clients, senders),
      plenum: new Room(plenum, plenumSeat.clients, senders),
    };
    const saturated = (room: Room, warmup = false) =>
      room.saturated({
        warmupMs: config.fanout.warmupMs,
        durationMs: warmup ? config.fanout.warmupMs : config.fanout.durationMs,
        drainMs: config.fanout.drainMs,
        window: config.window,
        maxMessages: 200_000,
      });
    // Warm-up of each (JIT, buffers), not counted.
    await saturated(rooms.bare, true);
    await saturated(rooms.plenum, true);
    const fanout = { bare: [] as SaturatedResult[], plenum: [] as SaturatedResult[] };
    for (let round_ = 0; round_ < config.fanout.rounds; round_++) {
      fanout.bare.push(await saturated(rooms.bare));
      fanout.plenum.push(await saturated(rooms.plenum));
    }
    result.fanout = fanout;
    log(`room ${size}: fan-out bare ${Math.round(best(fanout.bare))}/s, Plenum ${Math.round(best(fanout.plenum))}/s`);

    for (const load of config.paced.loads) {
      const messagesPerSecond = (load * best(fanout.bare)) / size;
      const run = (room: Room) =>
        room.paced({ messagesPerSecond, durationMs: config.paced.durationMs, drainMs: config.paced.drainMs });
      const rounds = { bare: [] as PacedResult[], plenum: [] as PacedResult[] };
      for (let i = 0; i < config.paced.rounds; i++) {
        rounds.bare.push(await run(rooms.bare));
        rounds.plenum.push(await run(rooms.plenum));
      }
      const entry = {
        load,
        messagesPerSecond,
        bare: medianRound(rounds.bare),
        plenum: medianRound(rounds.plenum),
        rounds,
      };
      result.paced.push(entry);
      log(
        `room ${size}: paced ${load * 100} % (${round(messagesPerSecond)} msg/s) p99 bare ${round(entry.bare.latency.p99)} ms, Plenum ${round(entry.plenum.latency.p99)} ms`,
      );
    }
    return result;
  } finally {
    // Servers first: closing 1,000 sockets one by one would make Plenum broadcast presence to
    // the rest of the room for each (seconds of work before it reads its stop request).
    await Promise.all([bareChild?.stop(), plenumChild.stop()]);
    for (const clients of open) closeAll(clients);
    seeded.cleanup();
  }
}

export function roomFigures(results: readonly RoomSizeResult[]): Figure[] {
  const figures: Figure[] = [];
  for (const r of results) {
    figures.push(
      figure({
        id: `seat.${r.size}`,
        group: 'seating',
        label: `seat ${r.size} (connect + join)`,
        unit: 'ms',
        value: r.seat.plenum.seated === r.size ? r.seat.plenum.ms : null,
        baseline: r.seat.bare.ms,
        baselineOf: 'bare socket.io',
        goal: {
          text: `≤ ${roomGoals.seating}× bare`,
          check: (_v, ratio) => ratio !== null && ratio <= roomGoals.seating,
        },
        note:
          r.seat.plenum.seated < r.size
            ? `only ${r.seat.plenum.seated} of ${r.size} seated in ${Math.round(r.seat.plenum.ms / 1000)} s`
            : undefined,
      }),
    );
  }
  for (const r of results) {
    const bareBest = r.fanout ? best(r.fanout.bare) : null;
    const plenumBest = r.fanout ? best(r.fanout.plenum) : null;
    const cpu = r.fanout?.plenum.find((x) => x.deliveriesPerSecond === plenumBest);
    const bareCpu = r.fanout?.bare.find((x) => x.deliveriesPerSecond === bareBest);
    figures.push(
      figure({
        id: `fanout.${r.size}`,
        group: 'fan-out',
        label: `saturated fan-out, ${r.size}`,
        unit: 'deliveries/s',
        value: plenumBest,
        baseline: bareBest,
        baselineOf: 'bare socket.io',
        higherIsBetter: true,
        goal: {
          text: `≥ ${roomGoals.fanout.toFixed(2)}× bare`,
          check: (_v, ratio) => ratio !== null && ratio >= roomGoals.fanout,
        },
        note:
          r.skipped ??
          (cpu && bareCpu
            ? `${round(cpu.messagesPerSecond)} vs ${round(bareCpu.messagesPerSecond)} criticisms/s; server CPU per delivery: Plenum ${round(cpu.serverCpuUsPerDelivery)} µs, bare ${round(bareCpu.serverCpuUsPerDelivery)} µs; Plenum ${describeUse(cpu.server)}; bare ${describeUse(bareCpu.server)}; load generator CPU ${Math.round(cpu.loadGeneratorCpuPercent)} % / ${Math.round(bareCpu.loadGeneratorCpuPercent)} %${problems(r.fanout!.plenum)}`
            : undefined),
      }),
    );
  }
  for (const r of results) {
    const loads = r.paced.length > 0 ? r.paced : [];
    for (const load of [0.25, 0.5]) {
      const p = loads.find((x) => x.load === load);
      for (const q of ['p50', 'p99'] as const) {
        figures.push(
          figure({
            id: `paced.${r.size}.${load * 100}.${q}`,
            group: 'paced latency',
            label: `${q} at ${load * 100} % load, ${r.size}${p ? ` (${round(p.messagesPerSecond)} msg/s)` : ''}`,
            unit: 'ms',
            value: p ? p.plenum.latency[q] : null,
            baseline: p ? p.bare.latency[q] : null,
            baselineOf: 'bare socket.io',
            goal:
              load === 0.25 && q === 'p99'
                ? {
                    text: `≤ ${roomGoals.pacedP99}× bare (median round)`,
                    check: (_v, ratio) => ratio !== null && ratio <= roomGoals.pacedP99,
                  }
                : undefined,
            note:
              (r.skipped && load === 0.25 && q === 'p50' ? r.skipped : undefined) ??
              (p && q === 'p99'
                ? `${p.plenum.missing > 0 ? `${p.plenum.missing} deliveries had not arrived by the drain bound (counted at the bound)` : 'all delivered'}; p99 of each round: Plenum ${roundsP99(p.rounds.plenum)}, bare ${roundsP99(p.rounds.bare)} ms; Plenum ${describeUse(p.plenum.server)}; bare ${describeUse(p.bare.server)}${problems(p.rounds.plenum)}`
                : undefined),
          }),
        );
      }
    }
  }
  for (const r of results) {
    figures.push(
      figure({
        id: `memory.${r.size}`,
        group: 'memory',
        label: `server RSS per participant, ${r.size}`,
        unit: 'KiB',
        value: r.memory.plenumKiB,
        baseline: r.memory.bareKiB,
        baselineOf: 'bare socket.io',
        goal: { text: `≤ ${roomGoals.memoryKiB} KiB`, check: (v) => v <= roomGoals.memoryKiB },
        note: `${r.seat.plenum.seated < r.size ? `over the ${r.seat.plenum.seated} seated; ` : ''}marginal (slope over ${r.memory.plenumCurve.length - 1} seating steps): Plenum ${round(r.memory.plenumSlopeKiB)} KiB (JS heap ${round(r.memory.plenumHeapSlopeKiB)}), bare ${round(r.memory.bareSlopeKiB)} KiB (JS heap ${round(r.memory.bareHeapSlopeKiB)})`,
      }),
    );
  }
  return figures;
}
