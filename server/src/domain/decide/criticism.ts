import { newEvent, type CommandOf, type NewEvent, type SessionState } from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';

/** Posts a criticism on the item whose floor is open, against its unit. */
export function decidePostCriticism(
  state: SessionState,
  payload: CommandOf<'criticism:post'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = state.agenda[payload.itemId];
  if (!item) throw new DomainError('NOT_FOUND', `There is no agenda item ${payload.itemId} in this session.`);
  if (item.status !== 'presenting' && item.status !== 'floor-open') {
    throw new DomainError('CONFLICT', `"${item.topic}" is not on the floor; criticism is taken on the current item.`);
  }
  if (payload.indicatorId !== null) {
    const report = item.unitId ? state.reports[item.unitId] : undefined;
    if (!report?.indicators.some((i) => i.id === payload.indicatorId)) {
      throw new DomainError('NOT_FOUND', `The unit's report has no indicator ${payload.indicatorId}.`);
    }
  }
  return [newEvent('criticism:posted', { ...payload, criticismId: ctx.newId(), unitId: item.unitId })];
}

/** Endorses a criticism: once per participant, never one's own. */
export function decideEndorseCriticism(
  state: SessionState,
  payload: CommandOf<'criticism:endorse'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const criticism = state.criticisms[payload.criticismId];
  if (!criticism) throw new DomainError('NOT_FOUND', `There is no criticism ${payload.criticismId}.`);
  if (criticism.authorId === ctx.actor.id) throw new DomainError('CONFLICT', 'You cannot endorse your own criticism.');
  if (criticism.endorsedBy.includes(ctx.actor.id)) {
    throw new DomainError('CONFLICT', 'You have already endorsed this criticism.');
  }
  return [newEvent('criticism:endorsed', { criticismId: criticism.id, participantId: ctx.actor.id })];
}
