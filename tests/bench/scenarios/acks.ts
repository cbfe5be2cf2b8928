import type { BenchConfig } from '../config.js';
import { spawnChild, type Child } from '../lib/children.js';
import { closeAll, connectMany, type LoadClient } from '../lib/clients.js';
import { describeUse, serverStats, serverUse, type ServerUse, type Target } from '../lib/load.js';
import { figure, type Figure } from '../lib/report.js';
import { bareTarget, plenumTarget, startBare, startItem, startPlenum, type StartOptions } from '../lib/servers.js';
import { delay, round, waitUntil } from '../lib/stats.js';
import type { ProbeResult, ProbeRun, ProbeTarget } from '../loadgen/ackProbe.js';

export interface AckRun {
  probe: ProbeResult;
  /** Deliveries per second to the receivers in the harness, and whether they got everything. */
  receiverDeliveriesPerSecond: number;
  receiversKeptUp: boolean;
  server: ServerUse;
}

export interface AckScenarioResult {
  participants: number;
  senders: number;
  commandsPerSecond: number;
  /** Only the senders in the room: the command pipeline without the big fan-out. */
  sendersOnly: { bare: AckRun; plenum: AckRun };
  full: { bare: AckRun; plenum: AckRun };
}

/** Counts the criticisms the harness's receivers get. */
function countCriticisms(receivers: readonly LoadClient[]): { count: () => number; detach: () => void } {
  let n = 0;
  const onCriticism = () => n++;
  for (const receiver of receivers) receiver.onCriticism = onCriticism;
  return {
    count: () => n,
    detach: () => {
      for (const receiver of receivers) receiver.onCriticism = null;
    },
  };
}

interface Setup {
  target: Target;
  /** Index of the target in the probe. */
  index: number;
  probe: Child<{ seated: number[] }>;
  receivers: LoadClient[];
  nextK: number;
}

/**
 * The server grants each participant 3 commits per second with a burst of 10; 50 senders at
 * 200/s post 4 per second each, so a run may last about 10 s from a full bucket. Each run
 * starts after `refillMs`, which refills them.
 */
async function runOnce(setup: Setup, rate: number, durationMs: number, refillMs: number): Promise<AckRun> {
  await delay(refillMs);
  const counter = countCriticisms(setup.receivers);
  try {
    const stats0 = await serverStats(setup.target);
    const t0 = performance.now();
    const spec: ProbeRun = { target: setup.index, commandsPerSecond: rate, durationMs, base: setup.nextK };
    const probe = await setup.probe.control<ProbeResult>('run', spec, durationMs * 3 + 30_000);
    setup.nextK += probe.sent;
    const expected = probe.sent * setup.receivers.length;
    const keptUp = await waitUntil(() => counter.count() >= expected, 10_000);
    const seconds = (performance.now() - t0) / 1000;
    const stats1 = await serverStats(setup.target);
    return {
      probe,
      receiverDeliveriesPerSecond: counter.count() / seconds,
      receiversKeptUp: keptUp,
      server: serverUse(stats0, stats1, seconds),
    };
  } finally {
    counter.detach();
  }
}

/**
 * Acknowledgement latency at a steady rate from `senders` clients (in a probe process) in a
 * room of `participants`: first with only the senders in the room, then with the rest seated
 * (in the harness). Bare and Plenum alternate, each after a warm-up.
 */
export async function measureAcks(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<AckScenarioResult> {
  const { participants, senders, commandsPerSecond, warmupMs, durationMs, refillMs } = config.acks;
  const children: Child<unknown>[] = [];
  const open: LoadClient[][] = [];
  try {
    const [bareChild, plenumChild] = await Promise.all([
      startBare(options).then((c) => (children.push(c), c)),
      startPlenum({ officials: participants }, options).then((c) => (children.push(c), c)),
    ]);
    await startItem(plenumChild);
    const targets = [
      { target: bareTarget(bareChild), tokens: Array.from({ length: participants }, () => 'bare'), afterSeq: 0 },
      { target: plenumTarget(plenumChild), tokens: plenumChild.ready.officialTokens, afterSeq: plenumChild.ready.head },
    ];
    const probeTargets: ProbeTarget[] = targets.map(({ target, tokens, afterSeq }) => ({
      url: target.url,
      sessionId: target.sessionId,
      tokens: tokens.slice(0, senders),
      afterSeq,
      tag: `ack-${target.kind}-${Date.now()}`,
    }));
    // One probe process seats the senders of both servers (its addresses never overlap ours).
    const probe = await spawnChild<{ seated: number[] }>('tests/bench/loadgen/ackProbe.ts', {
      env: { BENCH_PROBE: JSON.stringify(probeTargets), BENCH_ADDRESS_BASE: '1000000' },
      readyTimeoutMs: 180_000,
    });
    children.push(probe);
    const setups: Setup[] = targets.map(({ target }, index) => ({ target, index, probe, receivers: [], nextK: 1 }));
    const [bare, plenum] = setups as [Setup, Setup];

    for (const setup of setups) await runOnce(setup, commandsPerSecond, warmupMs, refillMs);
    const sendersOnly = {
      bare: await runOnce(bare, commandsPerSecond, durationMs, refillMs),
      plenum: await runOnce(plenum, commandsPerSecond, durationMs, refillMs),
    };
    log(
      `acks, ${senders} senders only: p99 bare ${round(sendersOnly.bare.probe.ack.p99)} ms, Plenum ${round(sendersOnly.plenum.probe.ack.p99)} ms`,
    );

    for (const [i, setup] of setups.entries()) {
      const { tokens, afterSeq } = targets[i]!;
      setup.receivers = await connectMany(setup.target.url, tokens.slice(senders, participants), {
        join: { sessionId: setup.target.sessionId, afterSeq, limit: 1 },
        timeoutMs: 60_000,
        deadline: performance.now() + config.seatBudgetMs,
      });
      open.push(setup.receivers);
      if (setup.receivers.length < participants - senders) {
        throw new Error(
          `${setup.target.kind}: seated only ${setup.receivers.length + senders} of ${participants} participants within the seat budget`,
        );
      }
    }
    for (const setup of setups) await runOnce(setup, commandsPerSecond, warmupMs, refillMs);
    const full = {
      bare: await runOnce(bare, commandsPerSecond, durationMs, refillMs),
      plenum: await runOnce(plenum, commandsPerSecond, durationMs, refillMs),
    };
    log(
      `acks, ${participants} participants: p99 bare ${round(full.bare.probe.ack.p99)} ms, Plenum ${round(full.plenum.probe.ack.p99)} ms`,
    );
    return { participants, senders, commandsPerSecond, sendersOnly, full };
  } finally {
    // Servers first (see rooms.ts), then the sockets.
    await Promise.all(children.map((c) => c.stop()));
    for (const clients of open) closeAll(clients);
  }
}

export function ackFigures(r: AckScenarioResult): Figure[] {
  const figures: Figure[] = [];
  const describe = (run: AckRun, receivers: boolean) =>
    `${run.probe.sent} commands at ${round(run.probe.sentPerSecond)}/s, ${run.probe.errors} errors${receivers ? `; other receivers got ${Math.round(run.receiverDeliveriesPerSecond)} deliveries/s${run.receiversKeptUp ? '' : ' and fell behind'}` : ''}; ${describeUse(run.server)}`;
  for (const [variant, label, runs] of [
    ['full', `${r.participants} participants`, r.full],
    ['senders', `${r.senders} senders only`, r.sendersOnly],
  ] as const) {
    for (const q of ['p50', 'p99'] as const) {
      figures.push(
        figure({
          id: `ack.${variant}.${q}`,
          group: 'ack latency',
          label: `${q}, ${r.commandsPerSecond}/s, ${label}`,
          unit: 'ms',
          value: runs.plenum.probe.ack.count > 0 ? runs.plenum.probe.ack[q] : null,
          baseline: runs.bare.probe.ack[q],
          baselineOf: 'bare socket.io',
          goal: variant === 'full' && q === 'p99' ? { text: '≤ 25 ms', check: (v) => v <= 25 } : undefined,
          note:
            q === 'p99'
              ? `Plenum: ${describe(runs.plenum, variant === 'full')}${runs.plenum.probe.firstError ? ` (${runs.plenum.probe.firstError})` : ''}. Bare: ${describe(runs.bare, variant === 'full')}`
              : undefined,
        }),
      );
    }
  }
  return figures;
}
