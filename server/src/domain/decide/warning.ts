import {
  newEvent,
  proposedWarnings,
  unitStandings,
  warningHandedOnTo,
  type CommandOf,
  type NewEvent,
  type SessionState,
  type WarningState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { handedOn, requireUnit } from './guards.js';

function proposalOrThrow(state: SessionState, unitId: string) {
  requireUnit(state, unitId);
  const proposal = proposedWarnings(state).find((p) => p.unitId === unitId);
  if (!proposal) {
    const standing = unitStandings(state).find((s) => s.unit.id === unitId);
    throw new DomainError(
      'CONFLICT',
      standing?.isUnderThreshold
        ? 'A warning for this unit is already decided.'
        : 'The unit is not under the threshold.',
    );
  }
  return proposal;
}

/** Issues a proposed warning (the chair's note may edit its wording). */
export function decideIssueWarning(
  state: SessionState,
  payload: CommandOf<'warning:issue'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const proposal = proposalOrThrow(state, payload.unitId);
  return [
    newEvent('warning:issued', {
      warningId: ctx.newId(),
      unitId: payload.unitId,
      fulfilment: proposal.fulfilment,
      threshold: proposal.threshold,
      note: payload.note,
      hasStandardNote: payload.hasStandardNote,
    }),
  ];
}

/** Waives a proposed warning, with the reason. */
export function decideWaiveWarning(state: SessionState, payload: CommandOf<'warning:waive'>['payload']): NewEvent[] {
  const proposal = proposalOrThrow(state, payload.unitId);
  return [
    newEvent('warning:waived', { unitId: payload.unitId, fulfilment: proposal.fulfilment, reason: payload.reason }),
  ];
}

/**
 * Takes back this session's decision on a unit's proposed warning, the warning issued here or
 * the waiver; a carried warning's second review is not this decision.
 */
export function decideReconsiderWarning(
  state: SessionState,
  payload: CommandOf<'warning:reconsider'>['payload'],
): NewEvent[] {
  requireUnit(state, payload.unitId);
  const issued = Object.values(state.warnings).find(
    (w) => w.unitId === payload.unitId && w.sessionId === state.sessionId && w.carriedFromSessionId === null,
  );
  if (!issued && !state.waivers[payload.unitId]) {
    throw new DomainError('CONFLICT', 'No warning of this unit was issued or waived in this session.');
  }
  if (issued) requireNotHandedOn(state, issued);
  return [
    newEvent('warning:reconsidered', {
      unitId: payload.unitId,
      decision: issued ? 'issued' : 'waived',
      warningId: issued?.id ?? null,
      reason: payload.reason,
    }),
  ];
}

/** CONFLICT once the next period's review carried the warning over: its second review is decided there. */
function requireNotHandedOn(state: SessionState, warning: WarningState): void {
  const followUp = warningHandedOnTo(state, warning.id);
  if (followUp) throw handedOn('warning', state.units[warning.unitId]?.name ?? warning.unitId, followUp);
}

function carriedWarningOrThrow(state: SessionState, warningId: string): WarningState {
  const warning = state.warnings[warningId];
  if (!warning) throw new DomainError('NOT_FOUND', `There is no warning ${warningId}.`);
  requireNotHandedOn(state, warning);
  if (warning.carriedFromSessionId === null) {
    throw new DomainError('CONFLICT', 'A warning is lifted or escalated at the next period’s review.');
  }
  if (warning.status !== 'open') throw new DomainError('CONFLICT', `The warning is already ${warning.status}.`);
  return warning;
}

/** Second review: the unit improved; the warning is lifted. */
export function decideLiftWarning(state: SessionState, payload: CommandOf<'warning:lift'>['payload']): NewEvent[] {
  carriedWarningOrThrow(state, payload.warningId);
  return [newEvent('warning:lifted', payload)];
}

/** Takes back the second review's decision on a carried warning: it is open again. */
export function decideReopenWarning(state: SessionState, payload: CommandOf<'warning:reopen'>['payload']): NewEvent[] {
  const warning = state.warnings[payload.warningId];
  if (!warning) throw new DomainError('NOT_FOUND', `There is no warning ${payload.warningId}.`);
  if (warning.carriedFromSessionId === null) {
    throw new DomainError('CONFLICT', 'A warning issued in this session is taken back as a proposal’s decision.');
  }
  requireNotHandedOn(state, warning);
  if (warning.status === 'open') throw new DomainError('CONFLICT', 'The warning is neither lifted nor escalated.');
  return [newEvent('warning:reopened', payload)];
}

/** Second review: still lagging; removal of the managers is recommended. */
export function decideEscalateWarning(
  state: SessionState,
  payload: CommandOf<'warning:escalate'>['payload'],
): NewEvent[] {
  carriedWarningOrThrow(state, payload.warningId);
  return [newEvent('warning:escalated', payload)];
}
