import {
  periodWarnings,
  underThresholdStreak,
  unitPeriod,
  type SessionState,
  type Trends,
  type UnitTrend,
  type WarningPeriod,
} from '@plenum/shared';

/**
 * Trends across quarters as a screen shows them: the earlier quarters as the server answered
 * them (closed, they do not change), this session's quarter live from the store, so a figure
 * verified a moment ago moves the chart and the streak at once.
 */
export const trendSelectors = {
  /** A unit's quarters, oldest first, with its streak under the threshold; null for an unknown unit. */
  unitTrend: (state: SessionState, unitId: string, trends: Trends | null): UnitTrend | null => {
    const period = state.definition?.period;
    const answered = trends?.units.find((u) => u.unit.id === unitId);
    const unit = state.units[unitId] ?? answered?.unit;
    if (period === undefined || unit === undefined) return null;
    const live = unitPeriod(state, unitId);
    const points = [...(answered?.points ?? []).filter((p) => p.period < period), ...(live ? [live] : [])];
    return { unit, points, streak: underThresholdStreak(points, period) };
  },

  /** Units to pick a history from: those the trends name, then this session's reporting units. */
  unitChoices: (state: SessionState, trends: Trends | null): { id: string; name: string }[] => {
    const units = new Map((trends?.units ?? []).map((u) => [u.unit.id, u.unit.name]));
    for (const id of state.unitOrder) {
      if (state.reports[id] && !units.has(id)) units.set(id, state.units[id]?.name ?? id);
    }
    return [...units].map(([id, name]) => ({ id, name }));
  },

  /** Units under the threshold this quarter with their trend, the longest streak first. */
  streaks: (state: SessionState, trends: Trends | null): UnitTrend[] =>
    trendSelectors
      .unitChoices(state, trends)
      .flatMap((choice) => trendSelectors.unitTrend(state, choice.id, trends) ?? [])
      .filter((trend) => trend.streak !== null)
      .sort((a, b) => b.streak!.quarters - a.streak!.quarters),

  /** Warnings issued, carried, lifted, escalated and waived per quarter, this one live. */
  warningTrend: (state: SessionState, trends: Trends | null): WarningPeriod[] => {
    const live = periodWarnings(state);
    if (live === null) return trends?.warnings ?? [];
    return [...(trends?.warnings ?? []).filter((w) => w.period < live.period), live];
  },
};
