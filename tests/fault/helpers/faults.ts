import { writeSync } from 'node:fs';
import { ack, commandSteps, commit, type CommandCall, type CommandStep } from '@plenum/server';

/**
 * Points of the command pipeline where a fault test may stop the server: after the commit and
 * before the ack (`after-commit`), after the ack and before the broadcast (`after-ack`).
 */
export type FaultPoint = 'after-commit' | 'after-ack';

/** What a command that reaches a fault point tells the hook. */
export interface FaultContext {
  commandId: string;
  /** The `seq` its ack carries (its last event's). */
  seq: number;
}

/** Hooks into the command pipeline, installed by {@link faultSteps}; a production server has none. */
export interface Faults {
  /** Called when a command that appended events reaches `point`; the pipeline waits for it. */
  reach(point: FaultPoint, context: FaultContext): Promise<void>;
  /**
   * Negative control for P3: acknowledge before the commit. Unsafe by design; only a fault
   * test switches it on, to show that its bars fail without the rule.
   */
  readonly ackBeforeCommit?: boolean;
}

/** Where the halting hook stops: the `nth` command (from 1) that reaches `plan.point`. */
export interface HaltPlan {
  point: FaultPoint;
  nth: number;
}

/** The line a halted process prints, for the test that kills it. */
export const faultLinePrefix = 'PLENUM_FAULT';

/**
 * Resolves once the socket's transport is writable again, its frames (the ack among them) handed
 * to the operating system, or after `maxMs`: a frame can wait behind a join answer being
 * deflated, and the P3 negative control must crash with its ack on the wire, not still in the
 * process.
 */
async function ackWritten(call: CommandCall, maxMs = 2000): Promise<void> {
  const { transport } = call.socket.conn;
  const until = Date.now() + maxMs;
  while (!transport.writable && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The command pipeline with `faults` installed: a step after the commit and one after the ack
 * that call the hook for each command that appended. With `ackBeforeCommit`, the answer moves
 * before the commit instead: it carries the seq the command will probably get (the head + 1),
 * and the hook is called for every command once it is answered.
 */
export function faultSteps(faults: Faults): CommandStep[] {
  const steps = [...commandSteps];
  const after = (step: CommandStep, ...added: CommandStep[]) => steps.splice(steps.indexOf(step) + 1, 0, ...added);
  if (faults.ackBeforeCommit) {
    const guessSeq = async (call: CommandCall): Promise<void> => {
      call.data = { seq: (await call.gateway.store.head(call.input.sessionId)) + 1 };
    };
    const reachAfterAck = async (call: CommandCall) => {
      await ackWritten(call);
      await faults.reach('after-ack', { commandId: call.input.commandId, seq: call.data!.seq });
    };
    steps.splice(steps.indexOf(commit), 1, guessSeq);
    after(ack, reachAfterAck, commit);
    return steps;
  }
  const reach = (point: FaultPoint) => async (call: CommandCall) => {
    const outcome = call.outcome!;
    if (outcome.events.length > 0)
      await faults.reach(point, { commandId: call.input.commandId, seq: outcome.result.seq });
  };
  after(commit, reach('after-commit'));
  after(ack, reach('after-ack'));
  return steps;
}

/**
 * A hook that halts the `nth` command reaching `plan.point`: it prints
 * `PLENUM_FAULT <point> <commandId> <seq>` (synchronously, so the line is out before anything
 * else happens) and never lets that command go further; the test process SIGKILLs the server on
 * reading the line. Should nobody do so within `selfKillAfterMs`, the process kills itself.
 */
export function haltingFaults(
  plan: HaltPlan | null,
  options: { ackBeforeCommit?: boolean; selfKillAfterMs?: number; write?: (line: string) => void } = {},
): Faults {
  const write = options.write ?? ((line: string) => writeSync(1, line));
  let reached = 0;
  return {
    ackBeforeCommit: options.ackBeforeCommit ?? false,
    reach(point, context) {
      if (plan === null || point !== plan.point || ++reached !== plan.nth) return Promise.resolve();
      write(`${faultLinePrefix} ${point} ${context.commandId} ${context.seq}\n`);
      const selfKill = setTimeout(() => process.kill(process.pid, 'SIGKILL'), options.selfKillAfterMs ?? 10_000);
      selfKill.unref();
      return new Promise<void>(() => undefined);
    },
  };
}

/**
 * A seeding hook that kills the process (SIGKILL, nothing flushed or closed) at the end of
 * seeding step `step`, after printing `PLENUM_FAULT seed <step>`: a crash in the middle of
 * the first start's demo seeding.
 */
export function haltSeedingAt(
  step: number,
  write: (line: string) => void = (line) => writeSync(1, line),
): (reached: number) => void {
  return (reached) => {
    if (reached !== step) return;
    write(`${faultLinePrefix} seed ${step}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
