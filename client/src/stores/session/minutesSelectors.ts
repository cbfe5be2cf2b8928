import {
  dayAttendance,
  directivesOfItem,
  directiveUnitId,
  flagsAtClose,
  itemPresenters,
  itemSpeeches,
  itemsOfDay,
  type AgendaItemState,
  type CriticismState,
  type DayState,
  type DirectiveState,
  type Flag,
  type OrganisationUnit,
  type Participant,
  type ReconsideredDecision,
  type ReportState,
  type SessionDay,
  type SessionState,
  type WarningState,
} from '@plenum/shared';
import type { Speech } from './floorSelectors';
import { criticismsOfItem } from './criticismIndex';
import { reportSelectors } from './reportSelectors';

/** One agenda item as the minutes record it. */
export interface MinutesItem {
  item: AgendaItemState;
  unit: OrganisationUnit | null;
  /** Who presented for the unit: its presenters present on the item's day, once the item started. */
  presenters: Participant[];
  report: ReportState | null;
  /** The report's flags, from its figures as they stood when the item closed (`flagsAtClose`). */
  flags: Flag[];
  /** Every criticism raised on the item, oldest first, hidden ones included (the minutes say so). */
  criticisms: CriticismState[];
  speeches: Speech[];
  /** Directives made from its criticisms or issued from the item itself. */
  directives: DirectiveState[];
  /** Where a deferred item went. */
  deferredTo: SessionDay | null;
}

/** The directives about one unit. */
export interface UnitDirectives {
  unitId: string;
  unit: OrganisationUnit | null;
  directives: DirectiveState[];
}

/** One day as the minutes record it. */
export interface MinutesDay {
  day: SessionDay;
  state: DayState;
  items: MinutesItem[];
  /** As the records count it (`dayAttendance`): present by the roll call where taken, else by a connection. */
  attendance: { present: number; connected: number; invited: number };
}

/** The minutes of a day or of the whole session. */
export interface Minutes {
  days: MinutesDay[];
  /** Session-wide decisions; only in the minutes of the whole session. */
  decisions: {
    warningsIssued: WarningState[];
    waivers: { unitId: string; reason: string; fulfilment: number | null; at: string }[];
    /** Decisions on proposed warnings taken back, as the records list them. */
    reconsidered: ReconsideredDecision[];
    secondReviews: WarningState[];
    /** Directives not tied to an agenda item, by unit. */
    otherDirectives: UnitDirectives[];
    /** Directives carried over from earlier sessions, followed up in this one. */
    carriedDirectives: DirectiveState[];
    /** Figures revised after the notice enough to be flagged, by unit in the hierarchy's order. */
    revisedAfterNotice: { unitId: string; report: ReportState; flag: Flag }[];
  } | null;
}

/** Which minutes: one day's, or the whole session's. */
export type MinutesScope = { kind: 'session' } | { kind: 'day'; dayId: string };

/** Directives of this session tied to no agenda item, by the unit each is about, in the units' order. */
function directivesByUnit(state: SessionState, onItems: Set<string>): UnitDirectives[] {
  const byUnit = new Map<string, DirectiveState[]>();
  for (const id of state.directiveOrder) {
    const directive = state.directives[id];
    if (!directive || directive.carriedFromSessionId !== null || onItems.has(id)) continue;
    const unitId = directiveUnitId(directive);
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), directive]);
  }
  const rank = (unitId: string) => {
    const index = state.unitOrder.indexOf(unitId);
    return index === -1 ? state.unitOrder.length : index;
  };
  return [...byUnit.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([unitId, directives]) => ({ unitId, unit: state.units[unitId] ?? null, directives }));
}

function minutesItem(state: SessionState, item: AgendaItemState): MinutesItem {
  const criticisms = criticismsOfItem(state, item.id).reverse();
  const deferredItem = item.deferredToItemId ? state.agenda[item.deferredToItemId] : undefined;
  return {
    item,
    unit: item.unitId ? (state.units[item.unitId] ?? null) : null,
    presenters: itemPresenters(state, item),
    report: item.unitId ? (state.reports[item.unitId] ?? null) : null,
    // Fired by the figures the item's minutes show: as they stood at its close.
    flags: item.unitId ? flagsAtClose(state, item.unitId, item.closedAt) : [],
    criticisms,
    speeches: itemSpeeches(state, item.id),
    directives: directivesOfItem(state, item),
    deferredTo: deferredItem ? ((state.definition?.days ?? []).find((d) => d.id === deferredItem.dayId) ?? null) : null,
  };
}

/** Pure builders of the live minutes. */
export const minutesSelectors = {
  /** The minutes of `scope` as the log stands now. */
  minutes: (state: SessionState, scope: MinutesScope): Minutes => {
    const allDays = state.definition?.days ?? [];
    const days = scope.kind === 'day' ? allDays.filter((d) => d.id === scope.dayId) : allDays;
    const minutesDays = days.map((day): MinutesDay => {
      const { present, connected, invited } = dayAttendance(state, day.id);
      return {
        day,
        state: state.days[day.id] ?? { status: 'scheduled', openedAt: null, adjournedAt: null, reopenings: [] },
        items: itemsOfDay(state, day.id).map((item) => minutesItem(state, item)),
        attendance: { present: present.length, connected, invited: invited.length },
      };
    });
    if (scope.kind === 'day') return { days: minutesDays, decisions: null };

    const onItems = new Set(minutesDays.flatMap((d) => d.items.flatMap((i) => i.directives.map((x) => x.id))));
    const warnings = state.warningOrder.flatMap((id) => (state.warnings[id] ? [state.warnings[id]] : []));
    return {
      days: minutesDays,
      decisions: {
        warningsIssued: warnings.filter((w) => w.carriedFromSessionId === null),
        waivers: Object.entries(state.waivers).map(([unitId, waiver]) => ({ unitId, ...waiver })),
        reconsidered: state.reconsidered,
        secondReviews: warnings.filter((w) => w.carriedFromSessionId !== null),
        otherDirectives: directivesByUnit(state, onItems),
        carriedDirectives: state.directiveOrder.flatMap((id) => {
          const directive = state.directives[id];
          return directive && directive.carriedFromSessionId !== null ? [directive] : [];
        }),
        revisedAfterNotice: state.unitOrder.flatMap((unitId) => {
          const report = state.reports[unitId];
          if (!report) return [];
          return reportSelectors
            .flagsOf(state, unitId)
            .filter((flag) => flag.kind === 'revised-after-notice')
            .map((flag) => ({ unitId, report, flag }));
        }),
      },
    };
  },
};
