import type { DirectiveState, InspectionPlanLine, SessionState } from '@plenum/shared';

/** What became of an adopted line: its order where one was issued, and the findings filed on it. */
export interface LineOutcome {
  line: InspectionPlanLine;
  order: DirectiveState | null;
  /** The latest findings the inspector filed; null before any. */
  findings: string | null;
}

/** The outcome of each line of an adopted plan, in the plan's order. */
export function planOutcome(state: SessionState, lines: readonly InspectionPlanLine[]): LineOutcome[] {
  return lines.map((line) => {
    const order = line.directiveId === null ? null : (state.directives[line.directiveId] ?? null);
    const answers = order?.steps.filter((step) => step.action === 'answered') ?? [];
    return { line, order, findings: answers.at(-1)?.text ?? null };
  });
}
