import type { Role, SessionState } from '@plenum/shared';
import type { RecordLanguage } from './i18n.js';

/** What a record can be: each endpoint serves one. */
export type RecordKind =
  'minutes' | 'results' | 'verifications' | 'criticisms' | 'directives' | 'warnings' | 'calendar' | 'archive';

/** How much of the attendance a role sees: the chair's attendance view names everyone. */
export type AttendanceAccess = 'names' | 'counts' | 'none';

/** What one role may take away: the same as its screens show. */
export interface RecordsAccess {
  records: readonly RecordKind[];
  attendance: AttendanceAccess;
  /** Directives, warnings, the comparison and the ranking (the dashboard's and decisions' content). */
  decisions: boolean;
}

const screens: readonly RecordKind[] = [
  'minutes',
  'results',
  'verifications',
  'criticisms',
  'directives',
  'warnings',
  'calendar',
];
/** The screens' records and the archive (the whole log). */
const everything: readonly RecordKind[] = [...screens, 'archive'];
const participant: RecordsAccess = { records: screens, attendance: 'counts', decisions: true };

/**
 * Per role, what its records hold. The chair has every view; presenters, officials and
 * inspectors have the minutes and the dashboard but not the attendance view, and no hidden
 * criticism's text; the big screen (observer) shows the agenda, the figures with their flags and
 * the criticisms, nothing of attendance, directives, warnings or comparisons. The archive is the
 * whole log, hidden texts included: the chair's and the administrator's only. Who reads a hidden
 * criticism's text and reason is `readsHiddenCriticisms`, the rule the minutes on screen follow.
 */
export const recordsAccess: Record<Role, RecordsAccess> = {
  chair: { records: everything, attendance: 'names', decisions: true },
  administrator: { records: everything, attendance: 'names', decisions: true },
  presenter: participant,
  official: participant,
  inspector: participant,
  observer: {
    // Its minutes list each verification already, with who made it and when.
    records: ['minutes', 'results', 'verifications', 'criticisms', 'calendar'],
    attendance: 'none',
    decisions: false,
  },
};

/** Who reads a record, in which language, of which day. */
export interface RecordsScope {
  role: Role;
  /** The reader's unit (a presenter's), which the calendar names first. */
  unitId: string | null;
  lang: RecordLanguage;
  /** Day-bound content of this day only; null: the whole session. */
  dayId: string | null;
}

/** The access of the scope's role. */
export function accessOf(scope: RecordsScope): RecordsAccess {
  return recordsAccess[scope.role];
}

/** The day an item belongs to is in scope: every day, or the one asked for. */
export function dayInScope(scope: RecordsScope, dayId: string): boolean {
  return scope.dayId === null || scope.dayId === dayId;
}

/** Item ids in scope, in agenda order. */
export function itemsInScope(state: SessionState, scope: RecordsScope): string[] {
  return state.agendaOrder.filter((id) => dayInScope(scope, state.agenda[id]!.dayId));
}

/** Units whose report the scope shows: with `?day`, those with an item that day; the big screen, those presented. */
export function unitsInScope(state: SessionState, scope: RecordsScope): string[] {
  const items = itemsInScope(state, scope).map((id) => state.agenda[id]!);
  return state.unitOrder.filter((unitId) => {
    const own = items.filter((item) => item.unitId === unitId);
    if (!state.reports[unitId] && own.length === 0) return false;
    if (scope.dayId !== null && own.length === 0) return false;
    if (scope.role === 'observer') return own.some((item) => item.startedAt !== null);
    return true;
  });
}
