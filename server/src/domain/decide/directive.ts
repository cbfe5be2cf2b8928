import {
  actsForUnit,
  actsOnDirective,
  directivePersonName,
  earliestDueDate,
  hasArrived,
  hasLeftLevel,
  assigneeProblem,
  lineOf,
  reassignBlocker,
  newEvent,
  type CommandOf,
  type DirectiveBlocker,
  type DirectiveState,
  type NewEvent,
  type Participant,
  type RuleReason,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { criticismOrThrow, directiveOrThrow, itemOrThrow, requireUnit } from './guards.js';

/** FORBIDDEN unless the actor may act for the unit. */
function requireActsFor(actor: Participant, unitId: string, state: SessionState): void {
  if (actsForUnit(actor, unitId)) return;
  const name = state.units[unitId]?.name ?? unitId;
  throw new DomainError('FORBIDDEN', `Only ${name} (or the chair) may do this.`);
}

/** FORBIDDEN unless the actor may act on the directive as its assignee: its inspector, or its unit. */
function requireAssignee(actor: Participant, directive: DirectiveState, state: SessionState): void {
  if (!directive.inspectorId) return requireActsFor(actor, directive.assigneeUnitId, state);
  if (actsOnDirective(actor, directive)) return;
  const name = directivePersonName(state, directive, directive.inspectorId);
  throw new DomainError('FORBIDDEN', `Only the inspector it is assigned to, ${name} (or the chair), may do this.`);
}

/** The directive, when the actor may act on it as its assignee; NOT_FOUND or FORBIDDEN otherwise. */
function assignedDirective(state: SessionState, directiveId: string, actor: Participant): DirectiveState {
  const directive = directiveOrThrow(state, directiveId);
  requireAssignee(actor, directive, state);
  return directive;
}

/**
 * CONFLICT with the typed reason the directive takes no such step now, so the assignee's screen
 * says where it stands (often a colleague or another screen moved it on meanwhile).
 */
function directiveBlocked(state: SessionState, directive: DirectiveState, blocker: DirectiveBlocker): DomainError {
  const holder =
    blocker === 'explanation-gone-up' ? (state.units[directive.holderUnitId]?.name ?? directive.holderUnitId) : null;
  const messages: Record<DirectiveBlocker, string> = {
    'already-acknowledged': 'The directive was already acknowledged.',
    'answer-under-review': 'The answer is filed and awaits review; it is answered again only if rejected.',
    'answer-accepted': 'The answer was accepted; the directive takes no other.',
    'directive-closed': 'The directive is closed.',
    'not-an-explanation': 'Only an explanation of failure travels up the line.',
    'explanation-not-filed': 'The explanation has not been filed yet.',
    'explanation-arrived': 'The explanation has reached the ordering level.',
    'no-level-above': 'There is no level above this one.',
    'explanation-gone-up': `The explanation has gone up to ${holder}: it is followed in that level's session.`,
    'already-assigned': 'The inspection order is assigned to that inspector already.',
  };
  return new DomainError('CONFLICT', messages[blocker], undefined, {
    kind: 'directive-blocked',
    blocker,
    directive: directive.title,
    holder,
  });
}

/** Why a directive past its answer (or closed) takes no acknowledgement, answer or forwarding. */
function settledBlocker(directive: DirectiveState): DirectiveBlocker | null {
  if (directive.status === 'closed') return 'directive-closed';
  if (directive.status === 'accepted') return 'answer-accepted';
  return null;
}

/** CONFLICT once a cascaded explanation has left this level: the higher session's record takes it from there. */
function requireStillHere(state: SessionState, directive: DirectiveState): void {
  if (hasLeftLevel(state, directive)) throw directiveBlocked(state, directive, 'explanation-gone-up');
}

/** INVALID_PAYLOAD naming `field`, and why in `reason` for the reader's language. */
function invalidField(field: string, message: string, reason: RuleReason): DomainError {
  return new DomainError('INVALID_PAYLOAD', message, [{ path: field, message, reason }]);
}

/**
 * The item a directive belongs to: its criticism's, or the item it was issued from; never the
 * item that happens to be on the floor.
 */
function itemOfDirective(state: SessionState, payload: CommandOf<'directive:issue'>['payload']): string | null {
  const criticism = payload.fromCriticismId === null ? null : criticismOrThrow(state, payload.fromCriticismId);
  const itemId = payload.itemId ?? null;
  if (itemId !== null) itemOrThrow(state, itemId);
  if (criticism && itemId !== null && itemId !== criticism.itemId) {
    throw invalidField('itemId', 'A directive made from a criticism belongs to the criticism’s item.', {
      code: 'not-the-criticism-item',
    });
  }
  return criticism?.itemId ?? itemId;
}

/** The inspected unit and the inspector of an inspection order; null for other kinds. */
function inspectionOf(
  state: SessionState,
  payload: CommandOf<'directive:issue'>['payload'],
): { subjectUnitId: string; inspectorId: string | null } | null {
  const subjectUnitId = payload.subjectUnitId ?? null;
  const inspectorId = payload.inspectorId ?? null;
  if (payload.kind !== 'inspection') {
    const reason = { code: 'only-for-inspection' } as const;
    if (subjectUnitId !== null)
      throw invalidField('subjectUnitId', 'Only an inspection order names an inspected unit.', reason);
    if (inspectorId !== null)
      throw invalidField('inspectorId', 'Only an inspection order is assigned to an inspector.', reason);
    return null;
  }
  if (subjectUnitId !== null) requireUnit(state, subjectUnitId, 'subjectUnitId');
  if (inspectorId !== null && state.participants[inspectorId]?.role !== 'inspector') {
    throw invalidField('inspectorId', `${inspectorId} is not an inspector of this session: choose an inspector.`, {
      code: 'not-an-inspector',
    });
  }
  return { subjectUnitId: subjectUnitId ?? payload.assigneeUnitId, inspectorId };
}

/**
 * Issues a directive: from a criticism, it is linked to it; an inspection order goes to an
 * inspector or an inspection office about a unit. Explanations travel up to the organiser.
 */
export function decideIssueDirective(
  state: SessionState,
  payload: CommandOf<'directive:issue'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireUnit(state, payload.assigneeUnitId, 'assigneeUnitId');
  const itemId = itemOfDirective(state, payload);
  const inspection = inspectionOf(state, payload);
  const earliest = earliestDueDate(ctx.now);
  if (payload.dueDate < earliest) {
    throw invalidField('dueDate', `The due date ${payload.dueDate} is past: choose ${earliest} or later.`, {
      code: 'due-date-past',
      earliest,
    });
  }
  const organiser = state.definition?.organiserUnitId ?? null;
  const line = lineOf(state, payload.assigneeUnitId);
  const orderedByUnitId = organiser !== null && line.includes(organiser) ? organiser : (line.at(-1) ?? null);
  if (payload.kind === 'explain-failure' && orderedByUnitId === payload.assigneeUnitId) {
    throw new DomainError('CONFLICT', 'The ordering level cannot owe itself an explanation.');
  }
  return [
    newEvent('directive:issued', {
      ...payload,
      ...inspection,
      directiveId: ctx.newId(),
      orderedByUnitId,
      itemId,
    }),
  ];
}

/** The assignee takes note. */
export function decideAcknowledge(
  state: SessionState,
  payload: CommandOf<'directive:acknowledge'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const directive = assignedDirective(state, payload.directiveId, ctx.actor);
  if (directive.status !== 'open') {
    throw directiveBlocked(state, directive, settledBlocker(directive) ?? 'already-acknowledged');
  }
  return [newEvent('directive:acknowledged', payload)];
}

/** The assignee files its answer: first, or again after a rejection. */
export function decideAnswer(
  state: SessionState,
  payload: CommandOf<'directive:answer'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const directive = assignedDirective(state, payload.directiveId, ctx.actor);
  if (!['open', 'acknowledged', 'rejected'].includes(directive.status)) {
    throw directiveBlocked(state, directive, settledBlocker(directive) ?? 'answer-under-review');
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
  if (directive.kind !== 'explain-failure') throw directiveBlocked(state, directive, 'not-an-explanation');
  if (directive.status !== 'answered') {
    throw directiveBlocked(state, directive, settledBlocker(directive) ?? 'explanation-not-filed');
  }
  requireStillHere(state, directive);
  if (hasArrived(state, directive)) throw directiveBlocked(state, directive, 'explanation-arrived');
  requireActsFor(ctx.actor, directive.holderUnitId, state);
  const parent = state.units[directive.holderUnitId]?.parentId ?? null;
  if (parent === null) throw directiveBlocked(state, directive, 'no-level-above');
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
  requireStillHere(state, directive);
  if (!hasArrived(state, directive)) {
    throw new DomainError('CONFLICT', 'The explanation is still on its way up the line.');
  }
  return [newEvent('directive:reviewed', payload)];
}

/** Closes a directive. */
export function decideCloseDirective(
  state: SessionState,
  payload: CommandOf<'directive:close'>['payload'],
): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  if (directive.status === 'closed') throw new DomainError('CONFLICT', 'The directive is already closed.');
  return [newEvent('directive:closed', payload)];
}

/**
 * The chair gives an inspection order to another inspector of this session: one carried over
 * from a review whose inspector this one does not invite is otherwise left with nobody to act.
 */
export function decideReassign(state: SessionState, payload: CommandOf<'directive:reassign'>['payload']): NewEvent[] {
  const directive = directiveOrThrow(state, payload.directiveId);
  const blocker = reassignBlocker(directive);
  if (blocker === 'not-an-inspection') {
    throw invalidField('directiveId', 'Only an inspection order is assigned to an inspector.', {
      code: 'only-for-inspection',
    });
  }
  if (blocker !== null) throw directiveBlocked(state, directive, blocker);
  const problem = assigneeProblem(state, directive, payload.assigneeId);
  if (problem === 'already-assigned') throw directiveBlocked(state, directive, problem);
  if (problem === 'unknown-participant') {
    throw invalidField('assigneeId', `${payload.assigneeId} is not a participant of this session.`, { code: problem });
  }
  if (problem === 'not-an-inspector') {
    throw invalidField(
      'assigneeId',
      `${payload.assigneeId} is not an inspector of this session: choose an inspector.`,
      {
        code: problem,
      },
    );
  }
  return [
    newEvent('directive:reassigned', {
      directiveId: directive.id,
      fromAssigneeId: directive.inspectorId ?? null,
      assigneeId: payload.assigneeId,
    }),
  ];
}
