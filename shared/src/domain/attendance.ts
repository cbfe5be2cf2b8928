import type { Participant } from '../protocol/index.js';
import type { AgendaItemState, SessionState } from './state.js';

/**
 * A participant as an `attendance:batch-connected` entry names them: their place in the order
 * invited (`SessionState.participantOrder`), a few bytes where an id takes twenty, since a room
 * being seated sends each entry to everyone seated before it. Logs written before hold the id.
 */
export type ParticipantRef = number | string;

/** The participant an entry names; undefined for a place no one holds. */
export function participantOfRef(order: readonly string[], ref: ParticipantRef): string | undefined {
  return typeof ref === 'number' ? order[ref] : ref;
}

/** Per order, each participant's place: filled as the order grows (it only ever grows). */
const placesByOrder = new WeakMap<readonly string[], Map<string, number>>();

/** How an entry names a participant of `order`: their place, or their id if they hold none. */
export function participantRef(order: readonly string[], participantId: string): ParticipantRef {
  let places = placesByOrder.get(order);
  if (!places) {
    places = new Map();
    placesByOrder.set(order, places);
  }
  for (let place = places.size; place < order.length; place++) places.set(order[place]!, place);
  return places.get(participantId) ?? participantId;
}

/**
 * Whether a participant counts in a day's attendance: everyone invited but the room's screens
 * (observers); an administrator is the organisation's, never a session's.
 */
export function countsInAttendance(participant: Participant): boolean {
  return participant.role !== 'observer' && participant.role !== 'administrator';
}

/**
 * Whether a participant was present on a day: the chair's roll call where it was taken for them,
 * else whether they connected that day. The minutes on screen and in the records both count by it.
 */
export function wasPresent(state: SessionState, dayId: string, participantId: string): boolean {
  const record = state.attendance[dayId]?.[participantId];
  return record !== undefined && (record.present ?? record.connectedAt !== null);
}

/** A day's attendance as the minutes record it. */
export interface DayAttendance {
  /** Those who count (`countsInAttendance`), in the order they were invited. */
  invited: Participant[];
  /** Of `invited`, those present (`wasPresent`), and the others. */
  present: Participant[];
  absent: Participant[];
  /** How many of `invited` connected that day, whatever the roll call says. */
  connected: number;
}

/** Who was present on a day and who was not, and how many connected. */
export function dayAttendance(state: SessionState, dayId: string): DayAttendance {
  const invited = Object.values(state.participants).filter(countsInAttendance);
  const present = invited.filter((p) => wasPresent(state, dayId, p.id));
  return {
    invited,
    present,
    absent: invited.filter((p) => !wasPresent(state, dayId, p.id)),
    connected: invited.filter((p) => (state.attendance[dayId]?.[p.id]?.connectedAt ?? null) !== null).length,
  };
}

/**
 * The presenters the minutes name for an item: its unit's presenters who were present on the
 * item's day, once the item has started; none for a general topic.
 */
export function itemPresenters(state: SessionState, item: AgendaItemState): Participant[] {
  if (item.unitId === null || item.startedAt === null) return [];
  return Object.values(state.participants).filter(
    (p) => p.role === 'presenter' && p.unitId === item.unitId && wasPresent(state, item.dayId, p.id),
  );
}
