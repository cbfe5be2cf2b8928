import type { Child } from './children.js';
import type { LoadClient } from './clients.js';
import type { ServerStats } from '../servers/control.js';
import { delay, summarise, waitUntil, type LatencySummary } from './stats.js';

/**
 * The load generator: a room of connected, joined clients on one server under test, the
 * criticisms its senders post, and what its receivers get. The same code drives the bare
 * baseline and Plenum: both broadcasts carry the criticism text (`#<k> …`) in a `text` field.
 */

/** Filler of every benchmark criticism, after `#<k> ` (about 110 characters in all). */
export const criticismFiller =
  'The reported output does not match the inspection notes; the shortfall is hidden in the totals.';

export type ServerKind = 'bare' | 'plenum';

export interface Target {
  kind: ServerKind;
  url: string;
  sessionId: string;
  server: Child<unknown>;
}

export interface CommandAck {
  ok: boolean;
  data?: { seq: number };
  error?: { code: string; message: string };
}

/** What a refusal reads as in a report, e.g. `RATE_LIMITED: …`. */
export function refusalOf(ack: CommandAck): string {
  return `${ack.error?.code}: ${ack.error?.message}`;
}

/** The `command` request of the benchmark's `k`th criticism: the same item, figures and filler every time. */
export function criticismRequest(commandId: string, sessionId: string, k: number) {
  return {
    commandId,
    sessionId,
    command: {
      type: 'criticism:post',
      payload: {
        itemId: 'item-2',
        category: 'shortfall',
        severity: 'medium',
        indicatorId: null,
        text: `#${k} ${criticismFiller}`,
      },
    },
  };
}

/** The server's counters (CPU, event-loop utilisation, Plenum's append time), from its control channel. */
export function serverStats(target: Target): Promise<ServerStats> {
  return target.server.control<ServerStats>('stats');
}

/** What the server did between two samples, for a figure's note. */
export function describeUse(use: ServerUse): string {
  const commits = use.appends
    ? `; ${use.appends} commits of ${use.appendsPerCommit!.toFixed(1)} commands, ${use.appendMeanMs!.toFixed(2)} ms each on average, ${use.appendsOver1Ms} over 1 ms (max so far ${use.appendMaxMs!.toFixed(1)} ms)`
    : '';
  return `server CPU ${Math.round(use.cpuPercent)} %, event loop busy ${Math.round(use.eventLoopPercent)} %${commits}`;
}

/** What the server did between two samples. */
export interface ServerUse {
  /** CPU time / wall time. */
  cpuPercent: number;
  /** Share of the wall time the event loop was busy (including blocking waits such as fsync). */
  eventLoopPercent: number;
  /** Plenum: group commits, the commands each held, and mean / max wall time inside each (the synchronous commit). */
  appends: number | null;
  appendsPerCommit: number | null;
  appendMeanMs: number | null;
  appendMaxMs: number | null;
  /** Plenum: the group commits that took over 1 ms. */
  appendsOver1Ms: number | null;
}

export function serverUse(a: ServerStats, b: ServerStats, seconds: number): ServerUse {
  const count = a.appends && b.appends ? b.appends.count - a.appends.count : null;
  return {
    cpuPercent: ((b.cpuUs - a.cpuUs) / 1e6 / seconds) * 100,
    eventLoopPercent:
      ((b.eluActiveMs - a.eluActiveMs) / (b.eluActiveMs - a.eluActiveMs + b.eluIdleMs - a.eluIdleMs)) * 100,
    appends: count,
    appendsPerCommit: count ? (b.appends!.requests - a.appends!.requests) / count : null,
    appendMeanMs: count ? (b.appends!.totalMs - a.appends!.totalMs) / count : null,
    appendMaxMs: b.appends ? b.appends.maxMs : null,
    appendsOver1Ms: count ? b.appends!.over1Ms - a.appends!.over1Ms : null,
  };
}

function harnessCpu(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/**
 * One phase's bookkeeping: criticisms `base … base+capacity-1`, when each was emitted, how many
 * receivers got it, and (optionally) every delivery's latency.
 */
class Phase {
  readonly sentAt: Float64Array;
  readonly delivered: Uint32Array;
  sent = 0;
  /** Deliveries at or after `countFrom` (a time: the end of the warm-up). */
  deliveries = 0;
  countFrom = 0;
  completed = 0;
  lastDeliveryAt = 0;
  latencies: Float64Array | null;
  latencyCount = 0;
  private progress: (() => void) | null = null;

  constructor(
    readonly base: number,
    readonly capacity: number,
    readonly roomSize: number,
    recordLatency: boolean,
  ) {
    this.sentAt = new Float64Array(capacity);
    this.delivered = new Uint32Array(capacity);
    this.latencies = recordLatency ? new Float64Array(Math.min(capacity * roomSize, 20_000_000)) : null;
  }

  /** A receiver got criticism k at `now`. */
  receive(k: number, now: number): void {
    const i = k - this.base;
    if (i < 0 || i >= this.sent) return; // another phase's, or not ours
    this.delivered[i]!++;
    if (this.delivered[i] === this.roomSize) {
      this.completed++;
      const progress = this.progress;
      this.progress = null;
      progress?.();
    }
    if (now < this.countFrom) return; // warm-up
    this.deliveries++;
    this.lastDeliveryAt = now;
    if (this.latencies && this.latencyCount < this.latencies.length)
      this.latencies[this.latencyCount++] = now - this.sentAt[i]!;
  }

  /** Sent but not yet delivered to every receiver. */
  incomplete(): number {
    return this.sent - this.completed;
  }

  /** Resolves when one more criticism has reached every receiver, or after `ms`. */
  nextCompletion(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const previous = this.progress;
      this.progress = () => {
        clearTimeout(timer);
        previous?.();
        resolve();
      };
    });
  }
}

export interface SaturatedResult {
  /** Deliveries per second across all receivers, after warm-up, until the last one arrived. */
  deliveriesPerSecond: number;
  messagesPerSecond: number;
  deliveries: number;
  seconds: number;
  /** Every message of the measured part reached every receiver before the drain bound. */
  complete: boolean;
  serverCpuPercent: number;
  /** Server CPU microseconds per delivery: independent of how fast the load generator reads. */
  serverCpuUsPerDelivery: number;
  server: ServerUse;
  loadGeneratorCpuPercent: number;
  ackErrors: number;
  firstError: string | null;
  disconnected: number;
}

export interface PacedResult {
  latency: LatencySummary;
  messagesPerSecond: number;
  /** Deliveries that had not arrived at the drain bound (their latency is censored there). */
  missing: number;
  serverCpuPercent: number;
  server: ServerUse;
  loadGeneratorCpuPercent: number;
  ackErrors: number;
  firstError: string | null;
  disconnected: number;
}

/** A room of joined clients on one target, and the phases it can run. */
export class Room {
  private nextK = 1;
  private rotation = 0;
  private phase: Phase | null = null;
  /** Clients the server disconnected since the room was seated (e.g. as slow consumers). */
  disconnected = 0;

  constructor(
    readonly target: Target,
    readonly clients: LoadClient[],
    /** Closed-loop senders of the saturated phase (each posts as the next member in rotation). */
    readonly senderCount: number,
  ) {
    const onCriticism = (k: number) => this.phase?.receive(k, performance.now());
    for (const client of clients) {
      client.onCriticism = onCriticism;
      client.onClose = () => this.disconnected++;
    }
  }

  get size(): number {
    return this.clients.length;
  }

  /**
   * The next participant to post: commands rotate over the whole room, so no one exceeds the
   * server's per-participant commit budget (3/s, burst 10) unless the room as a whole posts
   * faster than 3/s per member; a refusal is counted and reported, never hidden.
   */
  private nextSender(): LoadClient {
    return this.clients[this.rotation++ % this.clients.length]!;
  }

  private post(
    client: LoadClient,
    phase: Phase,
    timeoutMs: number,
    onAck: (error: string | null, sentAt: number) => void,
  ): boolean {
    if (phase.sent >= phase.capacity) return false;
    const i = phase.sent++;
    const k = phase.base + i;
    const request = criticismRequest(`bench-${this.target.kind}-${k}`, this.target.sessionId, k);
    const sentAt = performance.now();
    phase.sentAt[i] = sentAt;
    client.emit('command', request, timeoutMs, (error, answer) => {
      const ack = answer as CommandAck;
      if (error) onAck(error.message, sentAt);
      else if (!ack.ok) onAck(refusalOf(ack), sentAt);
      else onAck(null, sentAt);
    });
    return true;
  }

  private begin(capacity: number, recordLatency: boolean): Phase {
    const phase = new Phase(this.nextK, capacity, this.size, recordLatency);
    this.nextK += capacity;
    this.phase = phase;
    return phase;
  }

  /**
   * Saturated fan-out: `senderCount` senders post as fast as their acks allow, with at most
   * `window` criticisms not yet delivered to every receiver (so the server's and the kernel's
   * buffers cannot grow without bound). Rate = deliveries after warm-up / time to the last one.
   */
  async saturated(options: {
    warmupMs: number;
    durationMs: number;
    drainMs: number;
    window: number;
    maxMessages: number;
  }): Promise<SaturatedResult> {
    const phase = this.begin(options.maxMessages, false);
    let ackErrors = 0;
    let firstError: string | null = null;
    const started = performance.now();
    const warmEnd = started + options.warmupMs;
    const end = warmEnd + options.durationMs;
    phase.countFrom = warmEnd;
    let sentAtWarmEnd = 0;
    // Sampled at the end of the warm-up, from a timer so no sender waits for it.
    const cpuAtWarmEnd = delay(options.warmupMs).then(async () => {
      sentAtWarmEnd = phase.sent;
      return [await serverStats(this.target), harnessCpu()] as const;
    });
    const sender = async () => {
      while (performance.now() < end && phase.sent < phase.capacity && ackErrors < 50) {
        if (phase.incomplete() >= options.window) {
          await phase.nextCompletion(20);
          continue;
        }
        await new Promise<void>((resolve) => {
          const posted = this.post(this.nextSender(), phase, 10_000, (error) => {
            if (error) {
              ackErrors++;
              firstError ??= error;
            }
            resolve();
          });
          if (!posted) resolve();
        });
      }
    };
    await Promise.all(Array.from({ length: this.senderCount }, sender));
    const complete = await waitUntil(() => phase.incomplete() === 0, options.drainMs);
    const [cpu0, harness0] = await cpuAtWarmEnd;
    const [cpu1, harness1] = [await serverStats(this.target), harnessCpu()];
    this.phase = null;
    if (phase.deliveries === 0)
      throw new Error(
        `saturated phase delivered nothing after warm-up (${phase.sent} sent, ${ackErrors} errors: ${firstError})`,
      );
    const seconds = Math.max(1e-3, (phase.lastDeliveryAt - warmEnd) / 1000);
    return {
      deliveriesPerSecond: phase.deliveries / seconds,
      messagesPerSecond: (phase.sent - sentAtWarmEnd) / seconds,
      deliveries: phase.deliveries,
      seconds,
      complete,
      serverCpuPercent: ((cpu1.cpuUs - cpu0.cpuUs) / 1e6 / seconds) * 100,
      serverCpuUsPerDelivery: (cpu1.cpuUs - cpu0.cpuUs) / phase.deliveries,
      server: serverUse(cpu0, cpu1, seconds),
      loadGeneratorCpuPercent: ((harness1 - harness0) / 1e6 / seconds) * 100,
      ackErrors,
      firstError,
      disconnected: this.disconnected,
    };
  }

  /**
   * Paced latency: criticisms at a fixed rate (open loop, round-robin over the senders), and the
   * time from each emit to each receiver's handler.
   */
  async paced(options: { messagesPerSecond: number; durationMs: number; drainMs: number }): Promise<PacedResult> {
    const total = Math.max(1, Math.round((options.messagesPerSecond * options.durationMs) / 1000));
    const phase = this.begin(total, true);
    let ackErrors = 0;
    let firstError: string | null = null;
    const cpu0 = await serverStats(this.target);
    const harness0 = harnessCpu();
    const t0 = performance.now();
    const interval = 1000 / options.messagesPerSecond;
    const hardEnd = t0 + options.durationMs * 3 + 5000;
    while (phase.sent < total && performance.now() < hardEnd) {
      const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
      while (phase.sent < due) {
        this.post(this.nextSender(), phase, 30_000, (error) => {
          if (error) {
            ackErrors++;
            firstError ??= error;
          }
        });
      }
      const nextAt = t0 + phase.sent * interval;
      await delay(Math.max(0, Math.min(50, nextAt - performance.now())));
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    await waitUntil(() => phase.incomplete() === 0, options.drainMs);
    const cpu1 = await serverStats(this.target);
    const harness1 = harnessCpu();
    const wall = (performance.now() - t0) / 1000;
    this.phase = null;
    // Deliveries still missing count at the drain bound, so a backlog cannot flatter the tail.
    const expected = phase.sent * this.size;
    const missing = expected - phase.latencyCount;
    const now = performance.now();
    const samples = new Float64Array(phase.latencyCount + Math.max(0, missing));
    samples.set(phase.latencies!.subarray(0, phase.latencyCount));
    let j = phase.latencyCount;
    for (let i = 0; i < phase.sent; i++) {
      for (let r = phase.delivered[i]!; r < this.size; r++) samples[j++] = now - phase.sentAt[i]!;
    }
    return {
      latency: summarise(samples),
      messagesPerSecond: phase.sent / sendSeconds,
      missing,
      serverCpuPercent: ((cpu1.cpuUs - cpu0.cpuUs) / 1e6 / wall) * 100,
      server: serverUse(cpu0, cpu1, wall),
      loadGeneratorCpuPercent: ((harness1 - harness0) / 1e6 / wall) * 100,
      ackErrors,
      firstError,
      disconnected: this.disconnected,
    };
  }
}
