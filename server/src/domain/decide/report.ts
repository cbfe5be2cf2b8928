import { newEvent, type CommandOf, type NewEvent, type SessionState } from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { requireUnit } from './guards.js';

/**
 * Submits a unit's report. A presenter may submit only for the unit their invitation names. Only
 * the actor's role and unit count, so a file of reports imported at once is decided here too.
 */
export function decideSubmitReport(
  state: SessionState,
  payload: CommandOf<'report:submit'>['payload'],
  ctx: { actor: Pick<DecideContext['actor'], 'role' | 'unitId'> },
): NewEvent[] {
  requireUnit(state, payload.unitId);
  if (ctx.actor.role === 'presenter' && ctx.actor.unitId !== payload.unitId) {
    throw new DomainError('FORBIDDEN', 'A presenter submits the report of their own unit only.');
  }
  return [newEvent('report:submitted', payload)];
}

/** Records a verified value against a submitted report's indicator. */
export function decideVerify(state: SessionState, payload: CommandOf<'report:verify'>['payload']): NewEvent[] {
  requireUnit(state, payload.unitId);
  const report = state.reports[payload.unitId];
  if (!report) {
    throw new DomainError('CONFLICT', 'The unit has not submitted its report yet.', undefined, {
      kind: 'report-not-submitted',
      unit: state.units[payload.unitId]!.name,
    });
  }
  if (!report.indicators.some((i) => i.id === payload.indicatorId)) {
    throw new DomainError('NOT_FOUND', `The unit's report has no indicator ${payload.indicatorId}.`);
  }
  return [newEvent('report:verified', payload)];
}
