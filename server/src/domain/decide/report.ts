import { newEvent, type CommandOf, type NewEvent, type SessionState } from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';

/** Submits a unit's report. A presenter may submit only for the unit their invitation names. */
export function decideSubmitReport(
  state: SessionState,
  payload: CommandOf<'report:submit'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  if (!state.units[payload.unitId]) {
    throw new DomainError('NOT_FOUND', `There is no organisation unit ${payload.unitId} in this session.`);
  }
  if (ctx.actor.role === 'presenter' && ctx.actor.unitId !== payload.unitId) {
    throw new DomainError('FORBIDDEN', 'A presenter submits the report of their own unit only.');
  }
  return [newEvent('report:submitted', payload)];
}
