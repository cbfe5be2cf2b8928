/** What a run measures and for how long: the full run, or the smoke run CI uses. */
export interface BenchConfig {
  mode: 'full' | 'smoke';
  roomSizes: number[];
  /** Clients of each room that post (all of them receive). */
  senders: number;
  /** Criticisms in flight not yet delivered to every receiver, in the saturated phase. */
  window: number;
  fanout: { warmupMs: number; durationMs: number; rounds: number; drainMs: number };
  /** Each load runs `rounds` times per server, alternating; the round with the median p99 counts. */
  paced: { loads: number[]; durationMs: number; drainMs: number; rounds: number };
  /**
   * Start each room's Plenum server on a folder seeded by another process, so the invitations'
   * garbage is not in its memory figure (full runs); smoke runs save that process start.
   */
  seededRooms: boolean;
  /** Seating happens in this many steps, with the server's RSS after GC after each. */
  memorySteps: number;
  /** Bound on seating one room (connect + join every participant). */
  seatBudgetMs: number;
  /** `refillMs`: pause before each run so the senders' commit budgets (3/s, burst 10 each) are full. */
  acks: {
    participants: number;
    senders: number;
    commandsPerSecond: number;
    warmupMs: number;
    durationMs: number;
    refillMs: number;
  };
  catchup: { counts: number[]; repeats: number };
  /**
   * The logs the server starts on, each seeded once: about `events` events, criticisms each
   * endorsed `endorsements` times (0: every event a new criticism, the worst case; 19: a long
   * review's shape). `id` names the figure. `warmStarts`: starts of each server before the
   * measured ones, not counted.
   */
  startup: { logs: { id: string; events: number; endorsements: number }[]; repeats: number; warmStarts: boolean };
  /**
   * `build`: 'fresh' builds client/dist and times it; 'ifStale' uses it as the browser tests do,
   * built only when older than its sources. `warmup`: one page load first, not counted.
   */
  client: { build: 'fresh' | 'ifStale'; runs: number; warmup: boolean };
  /** The chair console's render cost: the session's size, events not counted, events timed, fresh pages. */
  render: { units: number; criticisms: number; warmupEvents: number; events: number; runs: number };
  /**
   * The PDF minutes of a session of about `events` events, made while the server is pinged: its
   * criticisms each endorsed `endorsements` times (a long review's log is mostly endorsements).
   */
  pdf: { events: number; endorsements: number };
}

export const fullConfig: BenchConfig = {
  mode: 'full',
  roomSizes: [100, 500, 1000, 2000, 5000],
  senders: 4,
  window: 8,
  fanout: { warmupMs: 1000, durationMs: 3000, rounds: 2, drainMs: 10_000 },
  paced: { loads: [0.25, 0.5], durationMs: 3000, drainMs: 10_000, rounds: 3 },
  seededRooms: true,
  memorySteps: 4,
  seatBudgetMs: 90_000,
  acks: { participants: 500, senders: 50, commandsPerSecond: 200, warmupMs: 1000, durationMs: 6000, refillMs: 2000 },
  catchup: { counts: [1000, 10_000], repeats: 3 },
  startup: {
    logs: [
      { id: 'log', events: 100_000, endorsements: 0 },
      { id: 'log.1m', events: 1_000_000, endorsements: 0 },
      { id: 'endorsed', events: 100_000, endorsements: 19 },
      { id: 'endorsed.1m', events: 1_000_000, endorsements: 19 },
    ],
    repeats: 3,
    warmStarts: true,
  },
  client: { build: 'fresh', runs: 5, warmup: true },
  render: { units: 60, criticisms: 5000, warmupEvents: 20, events: 200, runs: 3 },
  pdf: { events: 100_000, endorsements: 19 },
};

export const smokeConfig: BenchConfig = {
  mode: 'smoke',
  roomSizes: [20],
  senders: 2,
  window: 4,
  fanout: { warmupMs: 300, durationMs: 800, rounds: 1, drainMs: 3000 },
  paced: { loads: [0.25, 0.5], durationMs: 600, drainMs: 2000, rounds: 1 },
  seededRooms: false,
  memorySteps: 2,
  seatBudgetMs: 20_000,
  acks: { participants: 20, senders: 10, commandsPerSecond: 20, warmupMs: 200, durationMs: 1000, refillMs: 0 },
  catchup: { counts: [100, 1000], repeats: 1 },
  startup: { logs: [{ id: 'log', events: 2000, endorsements: 0 }], repeats: 1, warmStarts: false },
  client: { build: 'ifStale', runs: 1, warmup: false },
  render: { units: 60, criticisms: 200, warmupEvents: 4, events: 12, runs: 1 },
  pdf: { events: 2000, endorsements: 19 },
};

export function loadConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const base = env.BENCH_SMOKE === '1' ? smokeConfig : fullConfig;
  const sizes = env.BENCH_ROOMS?.split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const pdfEvents = Number(env.BENCH_PDF_EVENTS);
  return {
    ...base,
    ...(sizes && sizes.length > 0 ? { roomSizes: sizes } : {}),
    ...(Number.isInteger(pdfEvents) && pdfEvents > 0 ? { pdf: { ...base.pdf, events: pdfEvents } } : {}),
  };
}
