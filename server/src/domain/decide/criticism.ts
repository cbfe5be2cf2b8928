import {
  endorseBlocker,
  isItemLive,
  newEvent,
  type CommandOf,
  type EndorseBlocker,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { criticismOrThrow, notLiveBlocker, requireNoBlocker } from './guards.js';

/** Posts a criticism on the item on the floor, against its unit. */
export function decidePostCriticism(
  state: SessionState,
  payload: CommandOf<'criticism:post'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = state.agenda[payload.itemId];
  if (!item) throw new DomainError('NOT_FOUND', `There is no agenda item ${payload.itemId} in this session.`);
  // Typed, so the official's screen says why: the item was closed or deferred while they wrote.
  if (!isItemLive(item.status)) requireNoBlocker(state, notLiveBlocker(item), 'agenda item');
  if (payload.indicatorId !== null) {
    const report = item.unitId ? state.reports[item.unitId] : undefined;
    if (!report?.indicators.some((i) => i.id === payload.indicatorId)) {
      throw new DomainError('NOT_FOUND', `The unit's report has no indicator ${payload.indicatorId}.`);
    }
  }
  return [newEvent('criticism:posted', { ...payload, criticismId: ctx.newId(), unitId: item.unitId })];
}

const endorseRefusals: Record<EndorseBlocker, string> = {
  own: 'You cannot endorse your own criticism.',
  'already-endorsed': 'You have already endorsed this criticism (perhaps from another screen).',
};

/** Endorses a criticism: once per participant, never one's own (the shared endorse rule). */
export function decideEndorseCriticism(
  state: SessionState,
  payload: CommandOf<'criticism:endorse'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const criticism = criticismOrThrow(state, payload.criticismId);
  const blocker = endorseBlocker(criticism, ctx.actor.id);
  if (blocker !== null) {
    throw new DomainError('CONFLICT', endorseRefusals[blocker], undefined, { kind: 'endorse-blocked', blocker });
  }
  return [newEvent('criticism:endorsed', { criticismId: criticism.id, participantId: ctx.actor.id })];
}

/** The criticised unit's presenter (or the chair) answers a criticism. */
export function decideRespond(
  state: SessionState,
  payload: CommandOf<'criticism:respond'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const criticism = criticismOrThrow(state, payload.criticismId);
  if (ctx.actor.role === 'presenter' && ctx.actor.unitId !== criticism.unitId) {
    throw new DomainError('FORBIDDEN', 'A presenter answers criticism of their own unit only.');
  }
  return [newEvent('criticism:responded', payload)];
}

/**
 * The chair rules on a criticism; a ruling may be changed, never to the same value. A referred
 * ruling names to whom (`referredTo`); the others name no one.
 */
export function decideRule(state: SessionState, payload: CommandOf<'criticism:rule'>['payload']): NewEvent[] {
  const criticism = criticismOrThrow(state, payload.criticismId);
  const referredTo = payload.referredTo ?? null;
  if (payload.ruling === 'referred' && referredTo === null) {
    throw new DomainError('INVALID_PAYLOAD', 'A referred criticism goes to someone: name them in referredTo.', [
      {
        path: 'referredTo',
        message: 'required when the ruling is referred',
        reason: { code: 'referral-needs-recipient' },
      },
    ]);
  }
  if (payload.ruling !== 'referred' && referredTo !== null) {
    throw new DomainError('INVALID_PAYLOAD', `Only a referred criticism names a recipient: leave referredTo out.`, [
      {
        path: 'referredTo',
        message: `must be null when the ruling is ${payload.ruling}`,
        reason: { code: 'recipient-only-when-referred', ruling: payload.ruling },
      },
    ]);
  }
  const current = criticism.ruling;
  if (current?.ruling === payload.ruling && current.note === payload.note && current.referredTo === referredTo) {
    throw new DomainError('CONFLICT', `The criticism is already ${payload.ruling}.`);
  }
  return [newEvent('criticism:ruled', { ...payload, referredTo })];
}

/** The chair hides a criticism from the live views; the reason goes into the minutes. */
export function decideHide(state: SessionState, payload: CommandOf<'criticism:hide'>['payload']): NewEvent[] {
  const criticism = criticismOrThrow(state, payload.criticismId);
  if (criticism.hidden) throw new DomainError('CONFLICT', 'The criticism is already hidden.');
  return [newEvent('criticism:hidden', payload)];
}

/** The chair shows a hidden criticism again; the hiding stays in the log and the minutes. */
export function decideUnhide(state: SessionState, payload: CommandOf<'criticism:unhide'>['payload']): NewEvent[] {
  const criticism = criticismOrThrow(state, payload.criticismId);
  if (!criticism.hidden) {
    throw new DomainError('CONFLICT', 'The criticism is not hidden.', undefined, { kind: 'criticism-not-hidden' });
  }
  return [newEvent('criticism:unhidden', payload)];
}
