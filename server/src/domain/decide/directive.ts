import {
  actsForUnit,
  hasArrived,
  lineOf,
  newEvent,
  type CommandOf,
  type NewEvent,
  type Participant,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { criticismOrThrow, directiveOrThrow, requireUnit } from './guards.js';

/** FORBIDDEN unless the actor may act for the unit. */
function requireActsFor(actor: Participant, unitId: string, state: SessionState): void {
  if (actsForUnit(actor, unitId)) return;
  const name = state.units[unitId]?.name ?? unitId;
  throw new DomainError('FORBIDDEN', `Only ${name} (or the chair) may do this.`);
}

/** Issues a directive; from a criticism, it is linked to it. Explanations travel up to the organiser. */
export function decideIssue(
  state: SessionState,
  payload: CommandOf<'directive:issue'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireUnit(state, payload.assigneeUnitId);
  if (payload.fromCriticismId !== null) criticismOrThrow(state, payload.fromCriticismId);
  const organiser = state.definition?.organiserUnitId ?? null;
  const line = lineOf(state, payload.assigneeUnitId);
  const orderedByUnitId = organiser !== null && line.includes(organiser) ? organiser : (line.at(-1) ?? null);
  if (payload.kind === 'explain-failure' && orderedByUnitId === payload.assigneeUnitId) {
    throw new DomainError('CONFLICT', 'The ordering level cannot owe itself an explanation.');
  }
  return [
    newEvent('directive:issued', {
      ...payload,
      directiveId: ctx.newId(),
      orderedByUnitId,
      itemId: state.currentItemId,
    }),
  ];
}

/** The assignee takes note. */
export function decideAcknowledge(
  state: SessionState,
  payload: CommandOf<'directive:acknowledge'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  requireActsFor(ctx.actor, directive.assigneeUnitId, state);
  if (directive.status !== 'open') throw new DomainError('CONFLICT', `The directive is ${directive.status}.`);
  return [newEvent('directive:acknowledged', payload)];
}

/** The assignee files its answer: first, or again after a rejection. */
export function decideAnswer(
  state: SessionState,
  payload: CommandOf<'directive:answer'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  requireActsFor(ctx.actor, directive.assigneeUnitId, state);
  if (!['open', 'acknowledged', 'rejected'].includes(directive.status)) {
    throw new DomainError('CONFLICT', `The directive is ${directive.status}; it takes no answer now.`);
  }
  return [newEvent('directive:answered', payload)];
}

/** The level holding an explanation passes it to the level above, with its remarks. */
export function decideForward(
  state: SessionState,
  payload: CommandOf<'directive:forward'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  if (directive.kind !== 'explain-failure') {
    throw new DomainError('CONFLICT', 'Only an explanation of failure travels up the line.');
  }
  if (directive.status !== 'answered') throw new DomainError('CONFLICT', 'The explanation has not been filed yet.');
  if (hasArrived(state, directive))
    throw new DomainError('CONFLICT', 'The explanation has reached the ordering level.');
  requireActsFor(ctx.actor, directive.holderUnitId, state);
  const parent = state.units[directive.holderUnitId]?.parentId ?? null;
  if (parent === null) throw new DomainError('CONFLICT', 'There is no level above this one.');
  return [
    newEvent('directive:forwarded', {
      directiveId: directive.id,
      fromUnitId: directive.holderUnitId,
      toUnitId: parent,
      remarks: payload.remarks,
    }),
  ];
}

/** The ordering level accepts or rejects an answer that has reached it. */
export function decideReview(state: SessionState, payload: CommandOf<'directive:review'>['payload']): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  if (directive.status !== 'answered') throw new DomainError('CONFLICT', 'There is no answer to review.');
  if (!hasArrived(state, directive)) {
    throw new DomainError('CONFLICT', 'The explanation is still on its way up the line.');
  }
  return [newEvent('directive:reviewed', payload)];
}

/** Closes a directive. */
export function decideClose(state: SessionState, payload: CommandOf<'directive:close'>['payload']): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  if (directive.status === 'closed') throw new DomainError('CONFLICT', 'The directive is already closed.');
  return [newEvent('directive:closed', payload)];
}
