/**
 * The senders of the acknowledgement-latency measurement, in a process of their own: the room's
 * other receivers live in the harness, and their parsing must not delay the handling of acks
 * here. Connects and joins its senders, prints a ready line, then on the IPC op `run` posts
 * criticisms at a steady rate, round-robin over the senders (each at rate / senders, evenly
 * staggered), and answers with the emit-to-ack latencies.
 */
import { closeAll, connectMany, type LoadClient } from '../lib/clients.js';
import { criticismRequest, refusalOf, type CommandAck } from '../lib/load.js';
import { delay, summarise, waitUntil, type LatencySummary } from '../lib/stats.js';
import { announceReady, serveControl } from '../servers/control.js';

/** One server under test and the senders to seat on it. */
export interface ProbeTarget {
  url: string;
  sessionId: string;
  tokens: string[];
  afterSeq: number;
  /** Prefix of command ids, so each run's are new. */
  tag: string;
}

export interface ProbeRun {
  /** Index of the target in `BENCH_PROBE`. */
  target: number;
  commandsPerSecond: number;
  durationMs: number;
  /** First criticism number of this run (texts are `#<k> …`). */
  base: number;
}

export interface ProbeResult {
  ack: LatencySummary;
  sent: number;
  errors: number;
  firstError: string | null;
  /** The rate actually achieved by the sending loop. */
  sentPerSecond: number;
}

async function run(clients: LoadClient[], options: ProbeTarget, spec: ProbeRun): Promise<ProbeResult> {
  const total = Math.max(1, Math.round((spec.commandsPerSecond * spec.durationMs) / 1000));
  const latencies: number[] = [];
  let sent = 0;
  let answered = 0;
  let errors = 0;
  let firstError: string | null = null;
  const interval = 1000 / spec.commandsPerSecond;
  const t0 = performance.now();
  const hardEnd = t0 + spec.durationMs * 3 + 5000;
  while (sent < total && performance.now() < hardEnd) {
    const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
    while (sent < due) {
      const k = spec.base + sent;
      const client = clients[sent % clients.length]!;
      sent++;
      const at = performance.now();
      client.emit('command', criticismRequest(`${options.tag}-${k}`, options.sessionId, k), 10_000, (error, answer) => {
        const ack = answer as CommandAck;
        answered++;
        if (error) {
          // A missing ack counts at the timeout, so a stalled server cannot flatter the tail.
          latencies.push(10_000);
          errors++;
          firstError ??= error.message;
        } else if (!ack.ok) {
          errors++;
          firstError ??= refusalOf(ack);
        } else latencies.push(performance.now() - at);
      });
    }
    await delay(Math.max(0, Math.min(50, t0 + sent * interval - performance.now())));
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  await waitUntil(() => answered === sent, 11_000);
  return {
    ack: summarise(Float64Array.from(latencies)),
    sent,
    errors: errors + (sent - answered),
    firstError,
    sentPerSecond: sent / sendSeconds,
  };
}

async function main(): Promise<void> {
  const targets = JSON.parse(process.env.BENCH_PROBE ?? '[]') as ProbeTarget[];
  const seated: LoadClient[][] = [];
  for (const target of targets) {
    seated.push(
      await connectMany(target.url, target.tokens, {
        join: { sessionId: target.sessionId, afterSeq: target.afterSeq, limit: 1 },
        timeoutMs: 60_000,
      }),
    );
  }
  serveControl({
    stop: () => {
      for (const sockets of seated) closeAll(sockets);
      return Promise.resolve();
    },
    handlers: {
      run: (arg) => {
        const spec = arg as ProbeRun;
        return run(seated[spec.target]!, targets[spec.target]!, spec);
      },
    },
  });
  announceReady({ kind: 'probe', seated: seated.map((s) => s.length) });
}

main().catch((error: unknown) => {
  process.stderr.write(`ackProbe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
