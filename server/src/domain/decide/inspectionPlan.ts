import {
  adoptedPlanLines,
  newEvent,
  planChoiceProblem,
  proposeInspectionPlan,
  type CommandOf,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { decideIssueDirective } from './directive.js';

/**
 * Adopts an inspection plan: the plan is ranked again from the record at the chair's capacity
 * (the client's copy may be stale; the record's reasons are the server's), each accepted line is
 * issued as an inspection order of the inspected unit, and the plan with every line's decision
 * enters the log after the orders it names. A plan that accepts no line is refused, typed
 * (`empty-inspection-plan`): it would record a plan that orders nothing.
 */
export function decideAdoptInspectionPlan(
  state: SessionState,
  payload: CommandOf<'inspection-plan:adopt'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const proposal = proposeInspectionPlan(state, { capacity: payload.capacity });
  const problem = planChoiceProblem(proposal, payload.lines);
  if (problem?.kind === 'not-proposed') {
    const name = state.units[problem.unitId]?.name ?? problem.unitId;
    throw new DomainError('CONFLICT', `${name} is not on the proposed plan (any more): look at the plan again.`);
  }
  if (problem?.kind === 'none-accepted') {
    throw new DomainError(
      'INVALID_PAYLOAD',
      'No line is accepted: accept at least one, or the plan would order no inspection.',
      undefined,
      { kind: 'empty-inspection-plan', field: 'lines' },
    );
  }
  if (problem?.kind === 'over-capacity') {
    throw new DomainError(
      'CONFLICT',
      `${problem.accepted} lines accepted for a capacity of ${problem.capacity}: drop some, or raise the capacity.`,
    );
  }
  payload.lines.forEach((line, i) => {
    if (line.decision === 'accepted' && line.officeUnitId !== null && line.inspectorId !== null) {
      const message = 'An order goes to an inspector or to an inspection office, not to both.';
      throw new DomainError('INVALID_PAYLOAD', message, [
        { path: `lines.${i}.inspectorId`, message, reason: { code: 'inspector-or-office' } },
      ]);
    }
  });
  const orders: NewEvent[] = [];
  const directiveIds = new Map<string, string>();
  for (const line of payload.lines) {
    if (line.decision !== 'accepted') continue;
    const [issued] = decideIssueDirective(
      state,
      {
        kind: 'inspection',
        assigneeUnitId: line.officeUnitId ?? line.unitId,
        subjectUnitId: line.unitId,
        inspectorId: line.inspectorId,
        title: line.title,
        text: line.note,
        dueDate: line.dueDate,
        fromCriticismId: null,
        itemId: null,
      },
      ctx,
    );
    if (issued?.type !== 'directive:issued') continue;
    directiveIds.set(line.unitId, issued.payload.directiveId);
    orders.push(issued);
  }
  return [
    ...orders,
    newEvent('inspection-plan:adopted', {
      planId: ctx.newId(),
      // The office's capacity as the chair set it, not what the open orders left of it.
      capacity: payload.capacity,
      lines: adoptedPlanLines(proposal, payload.lines, directiveIds),
      at: ctx.now,
    }),
  ];
}
