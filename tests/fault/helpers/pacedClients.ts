import type { Ack, CommandInput, CommandResult } from '@plenum/shared';
import type { ClientSocket } from '../../helpers/connectClient.js';
import { newCommandId } from './faultClient.js';

/** The part of a load run a command was sent in: before the flood, during it, or neither. */
export type LoadPhase = 'baseline' | 'flood' | 'idle';

/** What paced clients saw: their ack latencies per measured phase, and what went wrong. */
export interface PacedTally {
  baseline: number[];
  flood: number[];
  /** Commands refused for another reason than RATE_LIMITED, or not answered within 10 s. */
  failures: number;
  rateLimited: number;
}

const answerTimeoutMs = 10_000;

/** A criticism on the demo's second item: the normal participant's command in the load runs. */
export const loadCriticism = (text: string) =>
  ({
    type: 'criticism:post',
    payload: { itemId: 'item-2', category: 'supply', severity: 'low', indicatorId: null, text },
  }) as const satisfies CommandInput;

/**
 * Normal participants beside a flood: one command a second each, spread over the second, until
 * `isRunning()` says no. A latency counts in the phase its command was sent and answered in; a
 * command not answered in time counts as the full timeout.
 */
export function pacedClients(
  sockets: readonly ClientSocket[],
  sessionId: string,
  phase: () => LoadPhase,
  isRunning: () => boolean,
): { tally: PacedTally; done: Promise<void[]> } {
  const tally: PacedTally = { baseline: [], flood: [], failures: 0, rateLimited: 0 };
  const loops = sockets.map(async (socket, i) => {
    await new Promise((r) => setTimeout(r, (i * 1000) / sockets.length));
    let n = 0;
    while (isRunning()) {
      const started = performance.now();
      const measuredIn = phase();
      try {
        const ack = (await socket.timeout(answerTimeoutMs).emitWithAck('command', {
          commandId: newCommandId(),
          sessionId,
          command: loadCriticism(`Normal point ${i}-${++n}`),
        })) as Ack<CommandResult>;
        const latency = performance.now() - started;
        if (!ack.ok) {
          if (ack.error.code === 'RATE_LIMITED') tally.rateLimited++;
          else tally.failures++;
        } else if (measuredIn !== 'idle' && measuredIn === phase()) tally[measuredIn].push(latency);
      } catch {
        tally.failures++;
        if (measuredIn !== 'idle') tally[measuredIn].push(answerTimeoutMs);
      }
      const wait = 1000 - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  });
  return { tally, done: Promise.all(loops) };
}
