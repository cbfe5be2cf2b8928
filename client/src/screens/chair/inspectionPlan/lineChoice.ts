import type { InspectionLineChoice, ProposedInspection } from '@plenum/shared';

/** Who carries out an order: an inspector (`inspector:<id>`) or an inspection office (`office:<unit id>`). */
export type PlanAssignee = `inspector:${string}` | `office:${string}`;

/** The chair's choice on a proposed line while the plan is open: accepted or not, and the order as edited. */
export interface LineChoice {
  isAccepted: boolean;
  title: string;
  /** Who the order goes to; null: the inspected unit itself (no inspector and no unit to choose). */
  assignee: PlanAssignee | null;
  dueDate: string;
  note: string;
}

/** The command's fields for who carries out the order. */
function assigneeFields(assignee: PlanAssignee | null): { inspectorId: string | null; officeUnitId: string | null } {
  if (assignee?.startsWith('inspector:'))
    return { inspectorId: assignee.slice('inspector:'.length), officeUnitId: null };
  if (assignee?.startsWith('office:')) return { inspectorId: null, officeUnitId: assignee.slice('office:'.length) };
  return { inspectorId: null, officeUnitId: null };
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
          ...assigneeFields(choice.assignee),
          dueDate: choice.dueDate,
          note: choice.note.trim() || null,
        },
      ];
    }
    return line.isWithinCapacity ? [{ unitId: line.unitId, decision: 'dropped' }] : [];
  });
}
