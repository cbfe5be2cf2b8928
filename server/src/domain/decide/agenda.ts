import {
  canTransition,
  isLive,
  newEvent,
  type AgendaItemState,
  type AgendaItemStatus,
  type CommandOf,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';

function itemOrThrow(state: SessionState, itemId: string): AgendaItemState {
  const item = state.agenda[itemId];
  if (!item) throw new DomainError('NOT_FOUND', `There is no agenda item ${itemId} in this session.`);
  return item;
}

function requireTransition(item: AgendaItemState, to: AgendaItemStatus): void {
  if (!canTransition(item.status, to)) {
    throw new DomainError('CONFLICT', `"${item.topic}" is ${item.status}; it cannot become ${to}.`);
  }
}

/** Adds a slot at the end of its day. The day and the unit must exist. */
export function decideAddItem(
  state: SessionState,
  payload: CommandOf<'agenda:add-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  if (!state.definition?.days.some((d) => d.id === payload.dayId)) {
    throw new DomainError('NOT_FOUND', `There is no day ${payload.dayId} in this session.`);
  }
  if (payload.unitId !== null && !state.units[payload.unitId]) {
    throw new DomainError('NOT_FOUND', `There is no organisation unit ${payload.unitId} in this session.`);
  }
  const order = Object.values(state.agenda).filter((i) => i.dayId === payload.dayId).length;
  return [newEvent('agenda:item-added', { item: { ...payload, id: ctx.newId() }, order })];
}

/** Starts a pending item; only one item may hold the floor at a time. */
export function decideStartItem(
  state: SessionState,
  payload: CommandOf<'agenda:start-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(item, 'presenting');
  const live = state.currentItemId ? state.agenda[state.currentItemId] : undefined;
  if (live && isLive(live.status)) {
    throw new DomainError('CONFLICT', `Close or defer "${live.topic}" before starting another item.`);
  }
  return [newEvent('agenda:item-started', { itemId: item.id, startedAt: ctx.now })];
}

/** Opens the floor for criticism on the presenting item. */
export function decideOpenFloor(
  state: SessionState,
  payload: CommandOf<'agenda:open-floor'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(item, 'floor-open');
  return [newEvent('agenda:floor-opened', { itemId: item.id, openedAt: ctx.now })];
}

/** Closes a live item. */
export function decideCloseItem(
  state: SessionState,
  payload: CommandOf<'agenda:close-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(item, 'closed');
  return [newEvent('agenda:item-closed', { itemId: item.id, closedAt: ctx.now })];
}

/** Defers an item to a later day, where a new pending item carries it over. */
export function decideDeferItem(
  state: SessionState,
  payload: CommandOf<'agenda:defer-item'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const item = itemOrThrow(state, payload.itemId);
  requireTransition(item, 'deferred');
  const days = state.definition?.days ?? [];
  const from = days.findIndex((d) => d.id === item.dayId);
  const to = days.findIndex((d) => d.id === payload.toDayId);
  if (to === -1) throw new DomainError('NOT_FOUND', `There is no day ${payload.toDayId} in this session.`);
  if (to <= from) throw new DomainError('CONFLICT', 'An item can only be deferred to a later day.');
  return [newEvent('agenda:item-deferred', { itemId: item.id, toDayId: payload.toDayId, newItemId: ctx.newId() })];
}
