/**
 * Session control: the chair moving the session along, beyond the floor (`floorRules.ts`):
 * the notice, the days, the close, and which commands do it.
 */
import type { CommandType, FloorBlocker } from '../protocol/index.js';
import { liveItem } from './floorRules.js';
import type { DayState, SessionState } from './state.js';
import { proposedWarnings } from './warnings.js';

/**
 * The chair's commands that move the session along: the notice, the close, the days, and the
 * floor's items and timer. They are never optimistic: the chair waits for the server's answer.
 */
export const sessionControlCommands = [
  'session:publish-notice',
  'session:close',
  'day:reschedule',
  'session:reschedule-days',
  'day:open',
  'day:adjourn',
  'day:reopen',
  'agenda:start-item',
  'agenda:open-floor',
  'agenda:close-item',
  'agenda:reopen-item',
  'agenda:defer-item',
  'agenda:pause-timer',
  'agenda:resume-timer',
  'agenda:extend-time',
] as const satisfies readonly CommandType[];
export type SessionControlCommandType = (typeof sessionControlCommands)[number];

/** True for a command of {@link sessionControlCommands}. */
export function isSessionControlCommand(type: CommandType): type is SessionControlCommandType {
  return (sessionControlCommands as readonly CommandType[]).includes(type);
}

/**
 * Whether the chair may bring a day to the table: it stands in `from` (else `notFrom`), and no
 * other day is open, since one day sits at a time.
 */
function sittingBlocker(
  state: SessionState,
  dayId: string,
  from: DayState['status'],
  notFrom: FloorBlocker,
): FloorBlocker | null {
  const day = state.days[dayId];
  if (!day) return 'not-found';
  if (day.status !== from) return notFrom;
  if (openDayId(state) !== null) return 'another-day-open';
  return null;
}

/** Whether the chair may open a day: scheduled, and no other day open. */
export function openDayBlocker(state: SessionState, dayId: string): FloorBlocker | null {
  return sittingBlocker(state, dayId, 'scheduled', 'day-already-opened');
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

/** Whether the chair may reopen a day: adjourned, and no other day open (one day sits at a time). */
export function reopenDayBlocker(state: SessionState, dayId: string): FloorBlocker | null {
  return sittingBlocker(state, dayId, 'adjourned', 'day-not-adjourned');
}

/** The day that is open now, if any: its id. */
export function openDayId(state: SessionState): string | null {
  return Object.entries(state.days).find(([, day]) => day.status === 'open')?.[0] ?? null;
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
