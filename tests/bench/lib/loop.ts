import type { LoopWatchKind } from './children.js';
import { figure, type Figure } from './report.js';
import { round } from './stats.js';

/** The bound on any one hold of a server's event loop. */
export const stallGoalMs = 50;

/**
 * The longest event-loop stall of Plenum's servers in one scenario (each server's
 * `monitorEventLoopDelay` max, from ready to stop), against the goal; the bare socket.io
 * server's in the same scenario, where it ran, in the note. Null when no Plenum server stopped.
 */
export function loopFigure(scenario: string, maxima: readonly { kind: LoopWatchKind; ms: number }[]): Figure | null {
  const of = (kind: LoopWatchKind) => maxima.filter((m) => m.kind === kind).map((m) => m.ms);
  const plenum = of('plenum');
  if (plenum.length === 0) return null;
  const bare = of('bare');
  return figure({
    id: `loop.${scenario}`,
    group: 'event loop',
    label: `longest event-loop stall of a Plenum server, ${scenario}`,
    unit: 'ms',
    value: Math.max(...plenum),
    baseline: stallGoalMs,
    baselineOf: `goal (${stallGoalMs} ms)`,
    goal: { text: `≤ ${stallGoalMs} ms`, check: (v) => v <= stallGoalMs },
    note:
      `${plenum.length} Plenum server(s), from ready to stop, seeding, start-up and the memory samples' forced GCs not counted` +
      (bare.length > 0 ? `; bare socket.io in the same scenario: ${round(Math.max(...bare))} ms` : ''),
  });
}
