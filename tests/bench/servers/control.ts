import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';

/**
 * The control channel of a server child (IPC from the harness): memory after GC, CPU time,
 * and a clean stop (so `--cpu-prof` can write its profile). Also bounds the child's life: it
 * exits when the harness goes away or after `maxLifetimeMs`.
 */

interface ControlRequest {
  id: number;
  op: string;
  arg?: unknown;
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export type ControlHandlers = Record<string, (arg: unknown) => Promise<unknown>>;

/**
 * Cumulative counters of the server process. CPU time misses the time the event loop is
 * blocked waiting (a synchronous fsync); event-loop utilisation counts it.
 */
export interface ServerStats {
  cpuUs: number;
  eluActiveMs: number;
  eluIdleMs: number;
  /**
   * The longest the event loop was held at once since the server was ready, to 10 ms; the full
   * GCs the harness asks for with `memory` are not counted (they are the measurement's, not the server's).
   */
  loopMaxMs: number;
  /**
   * Plenum only: group commits (each one synchronous SQLite transaction), the appends they held,
   * the wall time inside them, and how many took over 1 ms (the commit's tail).
   */
  appends?: { count: number; requests: number; totalMs: number; maxMs: number; over1Ms: number };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Full GCs with turns of the event loop between them, then `process.memoryUsage()`. */
export async function memoryAfterGc(): Promise<MemorySample> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

export function serveControl(options: {
  stop: () => Promise<void>;
  handlers?: ControlHandlers;
  /** Extra counters for `stats`. */
  stats?: () => Partial<ServerStats>;
  maxLifetimeMs?: number;
}): void {
  if (!process.send) throw new Error('a bench server must be started with an IPC channel');
  const reply = (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    if (process.connected) process.send?.(message);
  };
  // Stalls of the event loop from now on (the server is ready): the longest is in `stats`.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  /** The longest stall before the last forced GCs, after which the histogram starts again. */
  let loopMaxBeforeMs = 0;
  const loopMaxMs = () => Math.max(loopMaxBeforeMs, loopDelay.max / 1e6);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    options.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const handlers: ControlHandlers = {
    memory: async () => {
      loopMaxBeforeMs = loopMaxMs();
      // The GCs' own hold is recorded during the turns memoryAfterGc waits after them.
      const sample = await memoryAfterGc();
      loopDelay.reset();
      return sample;
    },
    cpu: () => Promise.resolve(process.cpuUsage()),
    stats: () => {
      const cpu = process.cpuUsage();
      const elu = nodePerformance.eventLoopUtilization();
      return Promise.resolve({
        cpuUs: cpu.user + cpu.system,
        eluActiveMs: elu.active,
        eluIdleMs: elu.idle,
        loopMaxMs: loopMaxMs(),
        ...options.stats?.(),
      } satisfies ServerStats);
    },
    ...options.handlers,
  };
  process.on('message', (message: ControlRequest) => {
    if (message.op === 'stop') {
      stop();
      return;
    }
    const handler = handlers[message.op];
    if (!handler) {
      reply({ id: message.id, ok: false, error: `unknown op ${message.op}` });
      return;
    }
    handler(message.arg).then(
      (result) => reply({ id: message.id, ok: true, result }),
      (error: unknown) =>
        reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The harness went away (crash, kill): never outlive it.
  process.on('disconnect', stop);
  setTimeout(stop, options.maxLifetimeMs ?? 30 * 60_000).unref();
}

/** Prints the ready line the harness waits for: one JSON object on stdout. */
export function announceReady(info: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...info, readyAtMs: performance.now() })}\n`);
}
