/**
 * The floor: the agenda item that holds it and who speaks on it. The days and the session as
 * a whole are the chair's session control (`sessionControl.ts`).
 */
import { canTransition, isItemLive, reopenedStatus } from './agendaItem.js';
import type { FloorBlocker } from '../protocol/index.js';
import type { SessionState } from './state.js';

export type { FloorBlocker } from '../protocol/index.js';

/** The item holding the floor, if any. */
export function liveItem(state: SessionState) {
  const item = state.currentItemId ? state.agenda[state.currentItemId] : undefined;
  return item && isItemLive(item.status) ? item : null;
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
