import type { SessionDay } from '../protocol/index.js';
import { criticismsInOrder } from './criticismTable.js';
import type { AgendaItemState, CriticismState, SessionState } from './state.js';

/** The item on the floor now, if any. */
export function currentItem(state: SessionState): AgendaItemState | null {
  return state.currentItemId ? (state.agenda[state.currentItemId] ?? null) : null;
}

/** A day of the session's definition by its id, if it has one. */
export function dayById(state: SessionState, dayId: string): SessionDay | undefined {
  return state.definition?.days.find((day) => day.id === dayId);
}

/** What a day is called: its title, or its id when the definition has no such day (removed since, say). */
export function dayTitle(state: SessionState, dayId: string): string {
  return dayById(state, dayId)?.title ?? dayId;
}

/** Agenda items of one day, in order. */
export function itemsOfDay(state: SessionState, dayId: string): AgendaItemState[] {
  return state.agendaOrder.map((id) => state.agenda[id]!).filter((item) => item.dayId === dayId);
}

/** Criticisms raised on one item, newest first. */
export function criticismsOfItem(state: SessionState, itemId: string): CriticismState[] {
  return criticismsInOrder(state)
    .filter((criticism) => criticism.itemId === itemId)
    .reverse();
}

/** Whether a criticism still awaits the chair's ruling: not ruled on, and not hidden. */
export function awaitsRuling(criticism: CriticismState): boolean {
  return criticism.ruling === null && criticism.hidden === null;
}
