import { canTransition, isLive, reopenedStatus } from './agendaItem.js';
import type { FloorBlocker } from '../protocol/index.js';
import type { SessionState } from './state.js';
import { proposedWarnings } from './warnings.js';

export type { FloorBlocker } from '../protocol/index.js';

/** Whether the chair may open a day: scheduled, and no other day open. */
export function openDayBlocker(state: SessionState, dayId: string): FloorBlocker | null {
  const day = state.days[dayId];
  if (!day) return 'not-found';
  if (day.status !== 'scheduled') return 'day-already-opened';
  if (openDayId(state) !== null) return 'another-day-open';
  return null;
}

/** Whether the chair may adjourn a day: open, and none of its items holding the floor. */
export function adjournDayBlocker(state: SessionState, dayId: string): FloorBlocker | null {
  const day = state.days[dayId];
  if (!day) return 'not-found';
  if (day.status !== 'open') return 'day-not-open';
  const live = liveItem(state);
  if (live && live.dayId === dayId) return 'item-live';
  return null;
}

/** Whether the chair may start an item: pending, its day open, no other item on the floor. */
export function startItemBlocker(state: SessionState, itemId: string): FloorBlocker | null {
  const item = state.agenda[itemId];
  if (!item) return 'not-found';
  if (!canTransition(item.status, 'presenting')) return 'item-not-pending';
  if (state.days[item.dayId]?.status !== 'open') return 'day-not-open';
  if (liveItem(state)) return 'item-live';
  return null;
}

/** Whether the chair may reopen an item: closed, its day open, no other item on the floor. */
export function reopenItemBlocker(state: SessionState, itemId: string): FloorBlocker | null {
  const item = state.agenda[itemId];
  if (!item) return 'not-found';
  if (reopenedStatus(item) === null) return 'item-not-closed';
  if (state.days[item.dayId]?.status !== 'open') return 'day-not-open';
  if (liveItem(state)) return 'item-live';
  return null;
}

/** Whether the chair may reopen a day: adjourned, and no other day open (one day sits at a time). */
export function reopenDayBlocker(state: SessionState, dayId: string): FloorBlocker | null {
  const day = state.days[dayId];
  if (!day) return 'not-found';
  if (day.status !== 'adjourned') return 'day-not-adjourned';
  if (openDayId(state) !== null) return 'another-day-open';
  return null;
}

/** The day that is open now, if any: its id. */
export function openDayId(state: SessionState): string | null {
  return Object.entries(state.days).find(([, day]) => day.status === 'open')?.[0] ?? null;
}

/** The item holding the floor, if any. */
export function liveItem(state: SessionState) {
  const item = state.currentItemId ? state.agenda[state.currentItemId] : undefined;
  return item && isLive(item.status) ? item : null;
}

/** Why the chair may not close the session now, or null when it may. */
export type CloseSessionBlocker =
  /** Only a session in session can be closed. */
  | 'not-in-session'
  /** An item holds the floor. */
  | 'item-live'
  /** Some proposed warnings are neither issued nor waived. */
  | 'warnings-undecided';

/** Whether the chair may close the session: in session, no item live, every proposed warning decided. */
export function closeSessionBlocker(state: SessionState): CloseSessionBlocker | null {
  if (state.status !== 'in-session') return 'not-in-session';
  if (liveItem(state)) return 'item-live';
  if (proposedWarnings(state).length > 0) return 'warnings-undecided';
  return null;
}
