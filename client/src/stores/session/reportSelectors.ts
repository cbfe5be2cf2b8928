import {
  fulfilment,
  isLowerBetter,
  presentedAt,
  reportingGap,
  unitFlags,
  type Flag,
  type IndicatorState,
  type OrganisationUnit,
  type ReportState,
  type SessionState,
} from '@plenum/shared';

/** One indicator as the chart and the figures table show it: each figure also as a share of plan. */
export interface IndicatorRow {
  indicator: IndicatorState;
  /** reported / planned; null when nothing was planned. */
  reportedShare: number | null;
  /** verified / planned; null when not verified or nothing was planned. */
  verifiedShare: number | null;
  /** Fulfilment (verified wins over reported). */
  fulfilment: number | null;
  /** How far the report overstated the result (`reportingGap`, either direction); null until verified. */
  gap: number | null;
  /** The flags about this indicator. */
  flags: Flag[];
}

function share(value: number | null, planned: number): number | null {
  return value === null || planned === 0 ? null : value / planned;
}

/** Pure reads of reports and their flags; they return fresh values, so use them in `useMemo`. */
export const reportSelectors = {
  presentedAt,

  /** The flags of a unit's report (the shared rules), empty without a report. */
  flagsOf: unitFlags,

  /** The report's indicators with shares of plan, gaps and their flags, in report order. */
  rowsOf: (report: ReportState, flags: readonly Flag[]): IndicatorRow[] =>
    report.indicators.map((indicator) => ({
      indicator,
      reportedShare: share(indicator.reported, indicator.planned),
      verifiedShare: share(indicator.verified, indicator.planned),
      fulfilment: fulfilment(indicator),
      gap: reportingGap(indicator),
      flags: flags.filter((f) => f.indicatorId === indicator.id),
    })),

  /**
   * The value at which an indicator reaches a fulfilment threshold: threshold × planned, or for
   * a lower-is-better indicator planned / threshold (its fulfilment is planned / achieved).
   * Null without a threshold, or with a zero one against a ceiling (no value reaches it).
   */
  thresholdValue: (indicator: IndicatorState, threshold: number | null): number | null => {
    if (threshold === null) return null;
    if (!isLowerBetter(indicator)) return threshold * indicator.planned;
    return threshold > 0 ? indicator.planned / threshold : null;
  },

  /** Units that have submitted a report, in the hierarchy's order: what an inspector can verify. */
  unitsWithReports: (state: SessionState): OrganisationUnit[] =>
    state.unitOrder.flatMap((id) => {
      const unit = state.units[id];
      return unit && state.reports[id] ? [unit] : [];
    }),
};
