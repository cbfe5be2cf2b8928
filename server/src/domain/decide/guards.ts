import {
  dayTitle,
  directiveHandedOnTo,
  isItemOver,
  liveItem,
  openDayId,
  type AgendaItemState,
  type CriticismState,
  type DirectiveState,
  type FloorBlocker,
  type FollowUp,
  type SessionState,
  criticismOf,
} from '@plenum/shared';
import { criticismsLoading, CriticismsLoadingError } from '../criticismLoad.js';
import { agendaTopicIn } from '../agendaWords.js';
import { DomainError } from '../errors.js';

/** The agenda item, or NOT_FOUND. */
export function itemOrThrow(state: SessionState, itemId: string): AgendaItemState {
  const item = state.agenda[itemId];
  if (!item) throw new DomainError('NOT_FOUND', `There is no agenda item ${itemId} in this session.`);
  return item;
}

/** The criticism, or NOT_FOUND; while the state's criticisms are loading, a {@link CriticismsLoadingError} instead. */
export function criticismOrThrow(state: SessionState, criticismId: string): CriticismState {
  const criticism = criticismOf(state, criticismId);
  if (criticism) return criticism;
  if (criticismsLoading(state)) throw new CriticismsLoadingError(state.sessionId);
  throw new DomainError('NOT_FOUND', `There is no criticism ${criticismId}.`);
}

/**
 * The directive, or NOT_FOUND; CONFLICT once the next period's review carried it over, since
 * from then on that session's record follows it and a step here would never reach it.
 */
export function directiveOrThrow(state: SessionState, directiveId: string): DirectiveState {
  const directive = state.directives[directiveId];
  if (!directive) throw new DomainError('NOT_FOUND', `There is no directive ${directiveId}.`);
  const followUp = directiveHandedOnTo(state, directiveId);
  if (followUp) throw handedOn('directive', directive.title, followUp);
  return directive;
}

/** CONFLICT naming the later session that carried the directive or warning over and follows it now. */
export function handedOn(subject: 'directive' | 'warning', name: string, followUp: FollowUp): DomainError {
  const message = `It was carried over into ${followUp.title} (${followUp.period}) and is followed in that session now.`;
  return new DomainError('CONFLICT', message, undefined, {
    kind: 'handed-on',
    subject,
    name,
    sessionId: followUp.sessionId,
    title: followUp.title,
    period: followUp.period,
  });
}

/** NOT_FOUND unless the unit is part of the session; the issue names the command's `field` that gave it. */
export function requireUnit(state: SessionState, unitId: string, field = 'unitId'): void {
  if (state.units[unitId]) return;
  throw new DomainError('NOT_FOUND', `There is no organisation unit ${unitId} in this session.`, [
    { path: field, message: 'unknown unit', reason: { code: 'unknown-unit' } },
  ]);
}

/** NOT_FOUND unless the day is part of the session. */
export function requireDay(state: SessionState, dayId: string): void {
  if (!state.days[dayId]) throw new DomainError('NOT_FOUND', `There is no day ${dayId} in this session.`);
}

/** The item holding the floor now, or CONFLICT. */
export function liveItemOrThrow(state: SessionState): AgendaItemState {
  const item = liveItem(state);
  if (!item) throw new DomainError('CONFLICT', 'No agenda item is on the floor.');
  return item;
}

/** Why an item off the floor takes no floor action: over already (often by another chair screen), or never started. */
export function notLiveBlocker(item: AgendaItemState): FloorBlocker {
  return isItemOver(item.status) ? 'item-not-live' : 'item-not-started';
}

/** Throws the refusal a shared floor or session control rule gave, in words a chair understands. */
export function requireNoBlocker(state: SessionState, blocker: FloorBlocker | null, what: string): void {
  if (blocker === null) return;
  const live = liveItem(state);
  // The messages are English; a screen words the live item again from its id, in its language.
  const liveTopic = live ? agendaTopicIn(live, 'en') : null;
  const openDay = openDayId(state);
  const openDayTitle = openDay === null ? null : dayTitle(state, openDay);
  const messages: Record<FloorBlocker, string> = {
    'not-found': `There is no ${what} in this session.`,
    'day-already-opened': 'That day was already opened.',
    'another-day-open': `Adjourn "${openDayTitle}" first: one day sits at a time.`,
    'day-not-open': `The day is not open${what.startsWith('agenda item') ? ": open (or reopen) the item's day first" : ''}.`,
    'item-live': `Close or defer "${liveTopic ?? 'the current item'}" first.`,
    'item-not-pending': 'That item is not pending.',
    'item-not-closed': 'Only a closed item can be reopened; a deferred item continues on its later day.',
    'item-not-live': 'That item no longer holds the floor: it was closed or deferred, perhaps from another screen.',
    'day-not-adjourned': 'Only an adjourned day can be reopened.',
    'floor-already-open': `The floor is already open on "${liveTopic ?? 'that item'}", perhaps from another screen.`,
    'item-not-started': 'That item has not been started: start it first.',
    'no-live-item': 'No item holds the floor now: it was closed or deferred meanwhile, perhaps from another screen.',
  };
  throw new DomainError(blocker === 'not-found' ? 'NOT_FOUND' : 'CONFLICT', messages[blocker], undefined, {
    kind: 'floor-blocked',
    blocker,
    liveItem: liveTopic,
    liveItemId: live?.id ?? null,
    openDay: openDayTitle,
  });
}
