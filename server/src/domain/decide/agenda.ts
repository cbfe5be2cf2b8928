import {
  canTransition,
  dayItemCount,
  editItemBlocker,
  endsAt,
  isItemLive,
  itemKind,
  liveItem,
  moveItemBlocker,
  movePosition,
  reopenItemBlocker,
  startItemBlocker,
  newEvent,
  type AgendaItemState,
  type AgendaItemStatus,
  type CommandOf,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { agendaTopicIn } from '../agendaWords.js';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { itemOrThrow, liveItemOrThrow, notLiveBlocker, requireDay, requireNoBlocker, requireUnit } from './guards.js';

/** Refuses, with the reason, a floor action moving the item to `to` (floor-open, closed or deferred). */
function requireTransition(state: SessionState, item: AgendaItemState, to: AgendaItemStatus): void {
  if (canTransition(item.status, to)) return;
  // A live item may move to any of those but the floor it already has open (perhaps from another screen).
  requireNoBlocker(state, isItemLive(item.status) ? 'floor-already-open' : notLiveBlocker(item), 'agenda item');
}

/**
 * Adds a slot at the end of its day. The day and the unit must exist; without a kind, an item
 * with a unit is its report and one without is a topic. A report or second review without a unit
 * may stand in a draft: the notice's check names it.
 */
export function decideAddItem(
  state: SessionState,
  payload: CommandOf<'agenda:add-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireDay(state, payload.dayId);
  if (payload.unitId !== null) requireUnit(state, payload.unitId);
  const item = { ...payload, id: ctx.newId(), warningId: null, kind: itemKind({ ...payload, warningId: null }) };
  return [newEvent('agenda:item-added', { item, order: dayItemCount(state, payload.dayId) })];
}

/**
 * Changes a pending item's unit, kind, topic or timebox. A topic given becomes the item's text,
 * even when it says what the system wrote: the chair wrote it now.
 */
export function decideUpdateItem(state: SessionState, payload: CommandOf<'agenda:update-item'>['payload']): NewEvent[] {
  requireNoBlocker(state, editItemBlocker(state, payload.itemId), 'agenda item');
  if (payload.unitId !== null) requireUnit(state, payload.unitId);
  const item = state.agenda[payload.itemId]!;
  if (
    item.unitId === payload.unitId &&
    itemKind(item) === payload.kind &&
    (payload.topic === undefined || (item.topic === payload.topic && !item.generatedTopic)) &&
    item.plannedMinutes === payload.plannedMinutes
  ) {
    throw new DomainError('CONFLICT', `"${agendaTopicIn(item, 'en')}" already says so.`);
  }
  return [newEvent('agenda:item-updated', payload)];
}

/** Takes a pending item off the agenda. */
export function decideRemoveItem(state: SessionState, payload: CommandOf<'agenda:remove-item'>['payload']): NewEvent[] {
  requireNoBlocker(state, editItemBlocker(state, payload.itemId), 'agenda item');
  return [newEvent('agenda:item-removed', payload)];
}

/**
 * Moves a pending item to a place among the items of a day not adjourned, its own or another;
 * a position past the end puts it last.
 */
export function decideMoveItem(state: SessionState, payload: CommandOf<'agenda:move-item'>['payload']): NewEvent[] {
  requireNoBlocker(state, moveItemBlocker(state, payload.itemId, payload.toDayId), 'agenda item');
  const item = state.agenda[payload.itemId]!;
  const position = movePosition(state, item.id, payload.toDayId, payload.position);
  const current = state.agendaOrder.filter((id) => state.agenda[id]!.dayId === item.dayId).indexOf(item.id);
  if (item.dayId === payload.toDayId && current === position) {
    throw new DomainError('CONFLICT', `"${agendaTopicIn(item, 'en')}" is already there.`);
  }
  return [newEvent('agenda:item-moved', { ...payload, position })];
}

/** Starts a pending item; only one item may hold the floor at a time. */
export function decideStartItem(
  state: SessionState,
  payload: CommandOf<'agenda:start-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireNoBlocker(state, startItemBlocker(state, payload.itemId), 'agenda item');
  const item = state.agenda[payload.itemId]!;
  return [newEvent('agenda:item-started', { itemId: item.id, startedAt: ctx.now })];
}

/** Opens the floor for criticism on the presenting item. */
export function decideOpenFloor(
  state: SessionState,
  payload: CommandOf<'agenda:open-floor'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(state, item, 'floor-open');
  return [newEvent('agenda:floor-opened', { itemId: item.id, openedAt: ctx.now })];
}

/** Closes a live item. */
export function decideCloseItem(
  state: SessionState,
  payload: CommandOf<'agenda:close-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(state, item, 'closed');
  return [newEvent('agenda:item-closed', { itemId: item.id, closedAt: ctx.now })];
}

/** Puts a closed item of the open day back on the floor, where it stood when it was closed. */
export function decideReopenItem(
  state: SessionState,
  payload: CommandOf<'agenda:reopen-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireNoBlocker(state, reopenItemBlocker(state, payload.itemId), 'agenda item');
  return [newEvent('agenda:item-reopened', { itemId: payload.itemId, reason: payload.reason, at: ctx.now })];
}

/** Defers an item to a later day, where a new pending item carries it over. */
export function decideDeferItem(
  state: SessionState,
  payload: CommandOf<'agenda:defer-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(state, item, 'deferred');
  const days = state.definition?.days ?? [];
  const from = days.findIndex((d) => d.id === item.dayId);
  const to = days.findIndex((d) => d.id === payload.toDayId);
  if (to === -1) throw new DomainError('NOT_FOUND', `There is no day ${payload.toDayId} in this session.`);
  if (to <= from) throw new DomainError('CONFLICT', 'An item can only be deferred to a later day.');
  if (state.days[payload.toDayId]?.status === 'adjourned') {
    throw new DomainError('CONFLICT', 'That day is already adjourned.');
  }
  return [newEvent('agenda:item-deferred', { itemId: item.id, toDayId: payload.toDayId, newItemId: ctx.newId() })];
}

function runningItem(state: SessionState, itemId: string): AgendaItemState {
  const item = itemOrThrow(state, itemId);
  if (!isItemLive(item.status)) requireNoBlocker(state, notLiveBlocker(item), 'agenda item');
  return item;
}

/**
 * Stops the item's clock. A paused clock stays as it is, accepted: two chair screens pressing
 * pause both get what they asked for, and a refusal would read as a failure.
 */
export function decidePauseTimer(
  state: SessionState,
  payload: CommandOf<'agenda:pause-timer'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = runningItem(state, payload.itemId);
  if (item.timer.runningSince === null) return [];
  return [newEvent('agenda:timer-paused', { itemId: item.id, at: ctx.now })];
}

/** Restarts the item's clock; a running clock stays as it is, accepted, as a paused one does for pause. */
export function decideResumeTimer(
  state: SessionState,
  payload: CommandOf<'agenda:resume-timer'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = runningItem(state, payload.itemId);
  if (item.timer.runningSince !== null) return [];
  return [newEvent('agenda:timer-resumed', { itemId: item.id, at: ctx.now })];
}

/**
 * Gives the item more time, once per allotment seen: an extension computed from an allotment
 * that was already extended (two tabs pressing +5 at once) is refused, not added twice.
 */
export function decideExtendTime(state: SessionState, payload: CommandOf<'agenda:extend-time'>['payload']): NewEvent[] {
  const item = runningItem(state, payload.itemId);
  const allottedMinutes = item.plannedMinutes + item.timer.extraMinutes;
  if (payload.expectedMinutes !== undefined && payload.expectedMinutes !== allottedMinutes) {
    const until = endsAt(item.timer, item.plannedMinutes);
    throw new DomainError(
      'CONFLICT',
      `The time of "${agendaTopicIn(item, 'en')}" was already extended to ${allottedMinutes} min${until ? ` (until ${until})` : ''} ` +
        `by another tab or chair; this extension was meant for ${payload.expectedMinutes} min. ` +
        'Extend again if more time is still needed.',
      undefined,
      { kind: 'time-already-extended', field: 'expectedMinutes', allottedMinutes, endsAt: until },
    );
  }
  return [newEvent('agenda:time-extended', { itemId: item.id, minutes: payload.minutes })];
}

/** The item on the floor, for a speech; none (closed or deferred meanwhile) is refused with that reason. */
function speechItem(state: SessionState): AgendaItemState {
  requireNoBlocker(state, liveItem(state) ? null : 'no-live-item', 'agenda item');
  return liveItemOrThrow(state);
}

/** A participant asks to speak on the item on the floor. */
export function decideRaiseHand(state: SessionState, ctx: DecideContext): NewEvent[] {
  speechItem(state);
  // Raised already (from a second tab): accepted as it stands, its place in the queue kept.
  if (state.floor.queue.some((q) => q.participantId === ctx.actor.id)) return [];
  if (state.floor.speaker?.participantId === ctx.actor.id) {
    throw new DomainError('CONFLICT', 'You have the floor: no hand to raise while you speak.', undefined, {
      kind: 'already-speaking',
    });
  }
  return [newEvent('floor:hand-raised', { participantId: ctx.actor.id, at: ctx.now })];
}

/** A participant withdraws the request to speak. */
export function decideLowerHand(state: SessionState, ctx: DecideContext): NewEvent[] {
  // Not raised (the chair gave the floor meanwhile, or a second tab lowered it): accepted as it stands.
  if (!state.floor.queue.some((q) => q.participantId === ctx.actor.id)) return [];
  return [newEvent('floor:hand-lowered', { participantId: ctx.actor.id })];
}

/**
 * The chair gives a participant the floor; the current speech, if any, ends. Giving it to its
 * speaker (from a second chair screen) is accepted as it stands: the speech goes on, its clock
 * not restarted.
 */
export function decideGiveFloor(
  state: SessionState,
  payload: CommandOf<'floor:give'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = speechItem(state);
  if (!state.participants[payload.participantId]) {
    throw new DomainError('NOT_FOUND', `There is no participant ${payload.participantId}.`);
  }
  if (state.floor.speaker?.participantId === payload.participantId) return [];
  return [newEvent('floor:given', { participantId: payload.participantId, itemId: item.id, at: ctx.now })];
}

/**
 * The chair ends the current speech. With none going, or another speaker than the one named
 * (the floor moved on from a second chair screen), it is accepted as it stands.
 */
export function decideEndSpeech(
  state: SessionState,
  payload: CommandOf<'floor:end-speech'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const speaker = state.floor.speaker;
  if (!speaker || (payload.participantId !== undefined && payload.participantId !== speaker.participantId)) return [];
  return [newEvent('floor:speech-ended', { participantId: speaker.participantId, at: ctx.now })];
}
