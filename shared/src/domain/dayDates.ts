/**
 * The dates of a session's days: moving every day not yet opened at once, and the days a
 * session may be convened with. The server refuses with these rules; the screens check with
 * them before sending.
 */
import type { Refusal, SessionDay } from '../protocol/index.js';
import type { SessionState } from './state.js';

const dayMs = 86_400_000;

/** The date `days` after `date` (both `YYYY-MM-DD`; `days` may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** How many days `to` is after `from` (negative when before). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/**
 * The day a new `date` of `days[index]` would pass, which `day:reschedule` refuses: the next day
 * when moved on or after it, the previous day when moved on or before it; null when none.
 */
export function dayInTheWay<T extends Pick<SessionDay, 'date'>>(
  days: readonly T[],
  index: number,
  date: string,
): T | null {
  const next = days[index + 1];
  const previous = days[index - 1];
  if (next && date >= next.date) return next;
  if (previous && date <= previous.date) return previous;
  return null;
}

/** A day not yet opened and the date it moves to. */
export interface DayMove {
  dayId: string;
  from: string;
  to: string;
}

/** What moving every day not yet opened does: each move in the days' order, and why it may not, if so. */
export interface DaysReschedule {
  moves: DayMove[];
  /** `day-out-of-order` (the limits of the first moved day's date) or `day-before-notice`; null when it may. */
  refusal: Extract<Refusal, { kind: 'day-out-of-order' | 'day-before-notice' }> | null;
}

/** Whether a day has not been opened yet: only such days move. */
function isNotYetOpened(state: SessionState, dayId: string): boolean {
  return (state.days[dayId]?.status ?? 'scheduled') === 'scheduled';
}

/** The first day not yet opened: the one a move of all days gives a new date; null when none is left. */
export function firstDayToMove(state: SessionState): SessionDay | null {
  return state.definition?.days.find((day) => isNotYetOpened(state, day.id)) ?? null;
}

/**
 * Moves every day not yet opened so that the first of them falls on `date`, each later one by as
 * many days, so the gaps between them stay. The days already opened stay where they are and the
 * moved ones must keep their order around them; once the notice is out, no day may fall before it.
 * @example
 * const { moves, refusal } = daysReschedule(state, '2026-07-08');
 */
export function daysReschedule(state: SessionState, date: string): DaysReschedule {
  const days = state.definition?.days ?? [];
  const first = firstDayToMove(state);
  if (!first) return { moves: [], refusal: null };
  const shift = daysBetween(first.date, date);
  const moves = days
    .filter((day) => isNotYetOpened(state, day.id))
    .map((day) => ({ dayId: day.id, from: day.date, to: addDays(day.date, shift) }));

  // Each day already opened bounds the first moved day's date, through the gap from it to every
  // moved day on the other side of it.
  let after: string | null = null;
  let before: string | null = null;
  for (const [heldIndex, held] of days.entries()) {
    if (isNotYetOpened(state, held.id)) continue;
    for (const [movedIndex, moved] of days.entries()) {
      if (!isNotYetOpened(state, moved.id)) continue;
      const limit = addDays(held.date, -daysBetween(first.date, moved.date));
      if (movedIndex > heldIndex && (after === null || limit > after)) after = limit;
      if (movedIndex < heldIndex && (before === null || limit < before)) before = limit;
    }
  }
  if ((after !== null && date <= after) || (before !== null && date >= before)) {
    return { moves, refusal: { kind: 'day-out-of-order', field: 'date', after, before } };
  }
  const earliest = moves[0]!.to;
  if (state.noticeDate !== null && earliest < state.noticeDate) {
    return { moves, refusal: { kind: 'day-before-notice', field: 'date', noticeDate: state.noticeDate } };
  }
  return { moves, refusal: null };
}

/** Why a day of a session being convened may not stand, by its place in the list. */
export type ConveneDayProblem =
  /** Dated before today: the review would start in the past. */
  | { index: number; problem: 'day-in-past'; today: string }
  /** Not after the day ahead of it: the days are listed in date order. */
  | { index: number; problem: 'day-out-of-order'; after: string };

/**
 * The days of a session being convened that may not stand: one dated before `today` (null: past
 * days may stand, as for a review of an earlier quarter), one not after the day ahead of it. A
 * day without a date yet is left to the schema.
 */
export function conveneDayProblems(days: readonly { date: string }[], today: string | null): ConveneDayProblem[] {
  const problems: ConveneDayProblem[] = [];
  let after: string | null = null;
  for (const [index, { date }] of days.entries()) {
    if (date === '') continue;
    if (today !== null && date < today) problems.push({ index, problem: 'day-in-past', today });
    else if (after !== null && date <= after) problems.push({ index, problem: 'day-out-of-order', after });
    if (after === null || date > after) after = date;
  }
  return problems;
}
