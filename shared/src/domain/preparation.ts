import type { AgendaItemDefinition, AgendaItemKind, NoticeProblem } from '../protocol/index.js';
import { dayById } from './selectors.js';
import type { SessionState } from './state.js';

/** What an item is for; items logged before kinds existed are read from their warning and unit. */
export function itemKind(item: Pick<AgendaItemDefinition, 'kind' | 'warningId' | 'unitId'>): AgendaItemKind {
  if (item.kind) return item.kind;
  if (item.warningId) return 'second-review';
  return item.unitId ? 'report' : 'topic';
}

/** Kinds whose item must name the presenting unit. */
export function kindNeedsUnit(kind: AgendaItemKind): boolean {
  return kind === 'report' || kind === 'second-review';
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** A day's timeboxes against its hours: the sum, the time available, and by how much it runs over. */
export interface DayTimebox {
  totalMinutes: number;
  /** From the start time to the planned end; null when either is not set. */
  availableMinutes: number | null;
  /** Minutes past the planned end; 0 when it fits or is not known. */
  overrunMinutes: number;
}

/** The planned minutes of the day's items (deferred ones left out) against its start and planned end. */
export function dayTimebox(state: SessionState, dayId: string): DayTimebox {
  const day = dayById(state, dayId);
  const totalMinutes = Object.values(state.agenda)
    .filter((item) => item.dayId === dayId && item.status !== 'deferred')
    .reduce((sum, item) => sum + item.plannedMinutes, 0);
  const availableMinutes =
    day?.startTime && day.plannedEnd ? minutesOfDay(day.plannedEnd) - minutesOfDay(day.startTime) : null;
  return {
    totalMinutes,
    availableMinutes,
    overrunMinutes: availableMinutes === null ? 0 : Math.max(0, totalMinutes - availableMinutes),
  };
}

/** True when a presenter of the unit holds a live invitation. */
function hasPresenter(state: SessionState, unitId: string): boolean {
  return Object.values(state.participants).some(
    (p) => p.role === 'presenter' && p.unitId === unitId && !state.access[p.id]?.revokedAt,
  );
}

/**
 * Everything that stops the notice dated `noticeDate` (`YYYY-MM-DD`) from going out: a day
 * dated before it (in the past when the notice is published), a day without items, a unit
 * report without a unit, a presenting unit without a presenter. The server refuses
 * `session:publish-notice` with this list, and the preparation screen shows it beforehand.
 */
export function noticeProblems(state: SessionState, noticeDate: string): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  for (const day of state.definition?.days ?? []) {
    if (day.date < noticeDate) problems.push({ problem: 'day-in-past', dayId: day.id, date: day.date, noticeDate });
    if (!Object.values(state.agenda).some((item) => item.dayId === day.id)) {
      problems.push({ problem: 'day-without-items', dayId: day.id });
    }
  }
  const presentingUnits = new Set<string>();
  for (const itemId of state.agendaOrder) {
    const item = state.agenda[itemId]!;
    if (!kindNeedsUnit(itemKind(item))) continue;
    if (item.unitId === null) problems.push({ problem: 'item-without-unit', itemId });
    else presentingUnits.add(item.unitId);
  }
  for (const unitId of presentingUnits) {
    if (!hasPresenter(state, unitId)) problems.push({ problem: 'unit-without-presenter', unitId });
  }
  return problems;
}

/**
 * Something worth a look before the notice goes out that does not stop it. Not a refusal: the
 * server publishes regardless, so this is no wire type.
 */
export type NoticeCaution =
  /** The day's items take longer than its hours: it would run `overrunMinutes` past its planned end. */
  { caution: 'day-overrun'; dayId: string; overrunMinutes: number };

/**
 * What the chair should look at before publishing but may publish with: a day whose items run
 * past its planned end. It does not stop the notice, as a long day may be meant (a planned end
 * is an estimate, and time is extended on the floor anyway); the notice says it so the overrun
 * is a choice, not an oversight.
 */
export function noticeCautions(state: SessionState): NoticeCaution[] {
  return (state.definition?.days ?? []).flatMap((day) => {
    const { overrunMinutes } = dayTimebox(state, day.id);
    return overrunMinutes > 0 ? [{ caution: 'day-overrun' as const, dayId: day.id, overrunMinutes }] : [];
  });
}
