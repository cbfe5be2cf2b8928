import type { InspectionLineChoice, ProposedInspection } from '@plenum/shared';

/** The chair's choice on a proposed line while the plan is open: accepted or not, and the order as edited. */
export interface LineChoice {
  isAccepted: boolean;
  title: string;
  /** The inspector it goes to; null: the inspected unit itself (no inspector in the session). */
  inspectorId: string | null;
  dueDate: string;
  note: string;
}

/** The decisions the command carries: every accepted line, and each line within capacity dropped. */
export function choicesOf(
  lines: readonly ProposedInspection[],
  choiceOf: (line: ProposedInspection) => LineChoice,
): InspectionLineChoice[] {
  return lines.flatMap((line): InspectionLineChoice[] => {
    const choice = choiceOf(line);
    if (choice.isAccepted) {
      return [
        {
          unitId: line.unitId,
          decision: 'accepted',
          title: choice.title.trim(),
          inspectorId: choice.inspectorId,
          dueDate: choice.dueDate,
          note: choice.note.trim() || null,
        },
      ];
    }
    return line.isWithinCapacity ? [{ unitId: line.unitId, decision: 'dropped' }] : [];
  });
}
