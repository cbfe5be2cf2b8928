import {
  compareBy,
  ranking,
  trend,
  type ComparisonDimension,
  type GroupComparison,
  type OrganisationUnit,
  type SessionState,
  type TrendPoint,
  type UnitStanding,
} from '@plenum/shared';

/** A unit's production against the previous period, from the figures its report carries over. */
export interface PeriodChange {
  unit: OrganisationUnit;
  indicatorName: string;
  measure: string;
  /** Achieved in the previous period, as reported this period. */
  previous: number;
  /** Achieved this period (verified wins over reported). */
  achieved: number;
  /** achieved / previous − 1. */
  change: number;
  /** Fulfilment when a warning was issued last period, if the unit was warned. */
  warnedAt: number | null;
  /** The period of that warning. */
  warnedPeriod: string | null;
}

/** Pure reads for the dashboard; fresh values, so use them in `useMemo`. */
export const dashboardSelectors = {
  /** Units grouped along a dimension (shared `compareBy`). */
  comparison: (state: SessionState, dimension: ComparisonDimension): GroupComparison[] => compareBy(state, dimension),

  /** Units ranked by production fulfilment, best first (shared `ranking`). */
  ranking: (state: SessionState): UnitStanding[] => ranking(state),

  /** The warning threshold of the session, e.g. 0.7. */
  threshold: (state: SessionState): number => state.definition?.thresholds.warningBelow ?? 0.7,

  /** The trend over the sessions loaded here (only the current one): one point per period. */
  trend: (state: SessionState, dimension: ComparisonDimension): TrendPoint[] => trend([state], dimension),

  /** Production now against the previous period, for every unit whose report carries the previous figure. */
  periodChanges: (state: SessionState): PeriodChange[] =>
    state.unitOrder.flatMap((unitId) => {
      const unit = state.units[unitId];
      const production = state.reports[unitId]?.indicators.find((i) => i.isProduction);
      if (!unit || !production || production.previous === null || production.previous === 0) return [];
      const achieved = production.verified ?? production.reported;
      const warning = state.warningOrder
        .map((id) => state.warnings[id]!)
        .find((w) => w.unitId === unitId && w.carriedFromSessionId !== null);
      return [
        {
          unit,
          indicatorName: production.name,
          measure: production.measure,
          previous: production.previous,
          achieved,
          change: achieved / production.previous - 1,
          warnedAt: warning?.fulfilment ?? null,
          warnedPeriod: warning?.period ?? null,
        },
      ];
    }),
};
