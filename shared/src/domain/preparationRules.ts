/**
 * Preparing a session: which days and agenda items may still change. The server refuses with
 * these rules and the agenda builder disables its controls with them. The notice's own check is
 * `noticeProblems` (`preparation.ts`).
 */
import type { FloorBlocker } from '../protocol/index.js';
import type { SessionState } from './state.js';

/** Whether a day may change (theme, hours): it exists and was never opened. */
export function editDayBlocker(state: SessionState, dayId: string): FloorBlocker | null {
  const day = state.days[dayId];
  if (!day) return 'not-found';
  if (day.status !== 'scheduled') return 'day-already-opened';
  return null;
}

/** Why a day may not be removed, beyond {@link editDayBlocker}. */
export type RemoveDayBlocker =
  | FloorBlocker
  /** Items are still planned on the day: move or remove them first. */
  | 'day-has-items'
  /** A session keeps at least one day. */
  | 'only-day';

/** Whether a day may be removed: never opened, holding no item, and not the session's only day. */
export function removeDayBlocker(state: SessionState, dayId: string): RemoveDayBlocker | null {
  const blocker = editDayBlocker(state, dayId);
  if (blocker !== null) return blocker;
  if (Object.values(state.agenda).some((item) => item.dayId === dayId)) return 'day-has-items';
  if (Object.keys(state.days).length === 1) return 'only-day';
  return null;
}

/** Whether an item may be edited or removed: it exists and never started (pending). */
export function editItemBlocker(state: SessionState, itemId: string): FloorBlocker | null {
  const item = state.agenda[itemId];
  if (!item) return 'not-found';
  if (item.status !== 'pending') return 'item-not-pending';
  return null;
}

/** Whether an item may move to a day: the item is pending, and the day exists and is not adjourned. */
export function moveItemBlocker(state: SessionState, itemId: string, toDayId: string): FloorBlocker | null {
  const blocker = editItemBlocker(state, itemId);
  if (blocker !== null) return blocker;
  const day = state.days[toDayId];
  if (!day) return 'not-found';
  if (day.status === 'adjourned') return 'day-already-opened';
  return null;
}

/** The number of items planned on a day: the end position of its agenda. */
export function dayItemCount(state: SessionState, dayId: string): number {
  return Object.values(state.agenda).filter((item) => item.dayId === dayId).length;
}

/**
 * Where a moved item lands among the day's items: `position`, at most the last place (the
 * day's count without the item itself).
 */
export function movePosition(state: SessionState, itemId: string, toDayId: string, position: number): number {
  const others = Object.values(state.agenda).filter((item) => item.dayId === toDayId && item.id !== itemId).length;
  return Math.min(position, others);
}

/** The date a new day must come after: the last day's, or null for a session without days. */
export function lastDayDate(state: SessionState): string | null {
  return state.definition?.days.at(-1)?.date ?? null;
}
