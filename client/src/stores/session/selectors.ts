import {
  adjournDayBlocker,
  canEndorse,
  currentItem,
  itemsOfDay,
  openDayBlocker,
  type AgendaItemState,
  type CriticismState,
  type ReportState,
  type SessionDay,
  type SessionState,
} from '@plenum/shared';
import { criticismsOfItem } from './criticismIndex';

/** One day of the agenda with its items in order. */
export interface AgendaDay {
  day: SessionDay;
  items: AgendaItemState[];
}

/**
 * Pure reads of the folded session state. Those returning fresh arrays are meant for
 * `useMemo` over `state.session`, not for a store hook directly.
 */
export const sessionSelectors = {
  /** The item presenting or with the floor open, if any. */
  currentItem,

  /**
   * The item the room is looking at: the current one, else the one closed last, so its
   * criticisms stay on screen between items.
   */
  focusItem: (state: SessionState): AgendaItemState | null => {
    const current = currentItem(state);
    if (current) return current;
    let latest: AgendaItemState | null = null;
    for (const id of state.agendaOrder) {
      const item = state.agenda[id];
      if (item?.closedAt && (!latest?.closedAt || item.closedAt > latest.closedAt)) latest = item;
    }
    return latest;
  },

  /** The agenda grouped by the session's days, in day order. */
  agendaByDay: (state: SessionState): AgendaDay[] =>
    (state.definition?.days ?? []).map((day) => ({ day, items: itemsOfDay(state, day.id) })),

  /** Days after the one `item` sits on: where it may be deferred to. */
  laterDays: (state: SessionState, item: AgendaItemState): SessionDay[] => {
    const days = state.definition?.days ?? [];
    const index = days.findIndex((d) => d.id === item.dayId);
    return index < 0 ? [] : days.slice(index + 1);
  },

  /** The day a deferred item went to, or null. */
  deferredToDay: (state: SessionState, item: AgendaItemState): SessionDay | null => {
    const target = item.deferredToItemId ? state.agenda[item.deferredToItemId] : undefined;
    return target ? ((state.definition?.days ?? []).find((d) => d.id === target.dayId) ?? null) : null;
  },

  /** True when the chair may open `dayId` (the shared rule the server applies). */
  canOpenDay: (state: SessionState, dayId: string): boolean => openDayBlocker(state, dayId) === null,

  /** True when the chair may adjourn `dayId` (the shared rule the server applies). */
  canAdjournDay: (state: SessionState, dayId: string): boolean => adjournDayBlocker(state, dayId) === null,

  /** Criticisms raised on an item, newest first, hidden ones too (indexed, see `criticismIndex`). */
  criticismsOfItem,

  /**
   * Criticisms raised on an item that a list shows, newest first: those the chair hid leave the
   * live views (unlike the shared `criticismsOfItem`, which keeps every one); the chair still
   * sees them (marked) with `includeHidden`, and their author sees their own, marked with why,
   * rather than watch a post vanish unexplained.
   */
  visibleCriticismsOfItem: (
    state: SessionState,
    itemId: string,
    includeHidden = false,
    authorId: string | null = null,
  ): CriticismState[] => {
    const all = sessionSelectors.criticismsOfItem(state, itemId);
    return includeHidden ? all : all.filter((c) => c.hidden === null || c.authorId === authorId);
  },

  /** The name of an organisation unit, or null for a general topic or an unknown unit. */
  unitName: (state: SessionState, unitId: string | null): string | null =>
    unitId === null ? null : (state.units[unitId]?.name ?? null),

  /** The unit's last submitted report, if any. */
  reportOf: (state: SessionState, unitId: string | null): ReportState | null =>
    unitId === null ? null : (state.reports[unitId] ?? null),

  /** The name of the indicator a criticism is about, or null when it is about none or an unknown one. */
  indicatorName: (state: SessionState, criticism: CriticismState): string | null => {
    if (!criticism.indicatorId) return null;
    const report = sessionSelectors.reportOf(state, criticism.unitId);
    return report?.indicators.find((i) => i.id === criticism.indicatorId)?.name ?? null;
  },

  /** The titles of the directives made of a criticism, joined with "; ", or null when none was made. */
  directiveTitles: (state: SessionState, criticism: CriticismState): string | null =>
    criticism.directiveIds.length === 0
      ? null
      : criticism.directiveIds.map((id) => state.directives[id]?.title ?? id).join('; '),

  /** A participant's display name; null for an unknown id (screens then say "a participant"). */
  participantName: (state: SessionState, participantId: string): string | null =>
    state.participants[participantId]?.name ?? null,

  /** True when `you` may endorse `criticism` (the shared rule the server applies). */
  canEndorse,
};
