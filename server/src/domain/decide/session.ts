import { newEvent, type CommandOf, type NewEvent, type SessionState } from '@plenum/shared';
import { DomainError } from '../errors.js';

/** Renames the session. */
export function decideRename(state: SessionState, payload: CommandOf<'session:rename'>['payload']): NewEvent[] {
  if (state.definition?.title === payload.title)
    throw new DomainError('CONFLICT', 'The session already has that title.');
  return [newEvent('session:renamed', payload)];
}

/** Adds an organisation unit; its parent, if named, must already be there. */
export function decideAddUnit(state: SessionState, payload: CommandOf<'unit:add'>['payload']): NewEvent[] {
  const { unit } = payload;
  if (state.units[unit.id]) throw new DomainError('CONFLICT', `Unit ${unit.id} already exists.`);
  if (unit.parentId !== null && !state.units[unit.parentId]) {
    throw new DomainError('NOT_FOUND', `The parent unit ${unit.parentId} does not exist.`);
  }
  return [newEvent('unit:added', { unit })];
}
