import { defaultThresholds, type Thresholds } from '../protocol/index.js';
import { fulfilment, isLowerBetter, reportingGap, reportingGapShare } from './fulfilment.js';
import type { IndicatorState, ReportState, SessionState } from './state.js';

/** Signs that a plan may be fulfilled "on paper" only. Each flag says why it fired. */
export const FlagKind = {
  /**
   * The inspector verified less than was reported, by more than the session's reporting-gap
   * threshold, or by enough that the plan is met only on paper.
   */
  verifiedBelowReported: 'verified-below-reported',
  /** The mirror for a lower-is-better indicator: the inspector verified more than was reported. */
  verifiedAboveReported: 'verified-above-reported',
  /** Several indicators exactly at 100.0 % of plan: figures fitted to the plan. */
  exactlyOnPlan: 'exactly-on-plan',
  /** The reported value jumped against the previous period beyond the session's factor. */
  jumpVsPrevious: 'jump-vs-previous',
  /** A lower-is-better indicator fell against the previous period beyond the session's factor. */
  dropVsPrevious: 'drop-vs-previous',
  /** The parts of a total do not add up to it. */
  partsDoNotAddUp: 'parts-do-not-add-up',
  /** The report was revised after its item was presented. */
  revisedAfterPresented: 'revised-after-presented',
} as const;
export type FlagKind = (typeof FlagKind)[keyof typeof FlagKind];

/** A fired flag: its kind, the indicator it concerns (null for the whole report), and the figures behind it. */
export interface Flag {
  kind: FlagKind;
  indicatorId: string | null;
  params: Record<string, number | string>;
}

/** How many indicators exactly on plan make the pattern suspicious. */
export const exactlyOnPlanMinimum = 2;
/** Relative tolerance when parts are summed against their total. */
export const partsTolerance = 0.005;

function isExactlyOnPlan(planned: number, reported: number): boolean {
  return planned !== 0 && Math.round((reported / planned) * 1000) === 1000;
}

/**
 * A reporting gap that matters: over the session's threshold (a share of the larger figure),
 * or one that makes the plan met on paper only (reported fulfilment at or above 100 %, verified
 * under it). Null when the report did not overstate the result, or not by enough.
 */
function materialGap(indicator: IndicatorState, limit: number): Flag | null {
  const gap = reportingGap(indicator);
  const share = reportingGapShare(indicator);
  if (indicator.verified === null || gap === null || share === null || !(gap > 0)) return null;
  const onPaper = (fulfilment({ ...indicator, verified: null }) ?? 0) >= 1 && (fulfilment(indicator) ?? 0) < 1;
  if (!(share > limit) && !onPaper) return null;
  return {
    kind: isLowerBetter(indicator) ? 'verified-above-reported' : 'verified-below-reported',
    indicatorId: indicator.id,
    params: {
      planned: indicator.planned,
      reported: indicator.reported,
      verified: indicator.verified,
      gap,
      share,
      limit,
    },
  };
}

/**
 * The flags of one report.
 * @param options.thresholds the session's thresholds: the jump factor and the reporting gap
 * @param options.presentedAt when the unit's item started; null if not presented yet
 */
export function reportFlags(
  report: ReportState,
  options: { thresholds: Pick<Thresholds, 'jumpFactor' | 'reportingGap'>; presentedAt: string | null },
): Flag[] {
  const flags: Flag[] = [];
  const { jumpFactor } = options.thresholds;
  for (const indicator of report.indicators) {
    // "Better" is more, or for a cost less: the same patterns, mirrored.
    const lowerIsBetter = isLowerBetter(indicator);
    const gapFlag = materialGap(indicator, options.thresholds.reportingGap);
    if (gapFlag) flags.push(gapFlag);
    if (indicator.previous !== null && indicator.previous > 0 && indicator.reported > 0) {
      const factor = lowerIsBetter ? indicator.previous / indicator.reported : indicator.reported / indicator.previous;
      if (factor > jumpFactor) {
        flags.push({
          kind: lowerIsBetter ? 'drop-vs-previous' : 'jump-vs-previous',
          indicatorId: indicator.id,
          params: {
            previous: indicator.previous,
            reported: indicator.reported,
            factor,
            limit: jumpFactor,
          },
        });
      }
    }
    const parts = report.indicators.filter((i) => i.partOf === indicator.id);
    if (parts.length > 0) {
      const sum = parts.reduce((total, part) => total + part.reported, 0);
      if (Math.abs(sum - indicator.reported) > partsTolerance * Math.max(1, Math.abs(indicator.reported))) {
        flags.push({
          kind: 'parts-do-not-add-up',
          indicatorId: indicator.id,
          params: { total: indicator.reported, sumOfParts: sum, parts: parts.length },
        });
      }
    }
  }
  const onPlan = report.indicators.filter((i) => isExactlyOnPlan(i.planned, i.reported));
  if (onPlan.length >= exactlyOnPlanMinimum) {
    flags.push({
      kind: 'exactly-on-plan',
      indicatorId: null,
      params: { count: onPlan.length, indicators: onPlan.map((i) => i.name).join(', ') },
    });
  }
  const presentedAt = options.presentedAt;
  if (presentedAt !== null) {
    const revision = report.history.find(
      (change) => change.field === 'reported' && change.from !== null && change.at > presentedAt,
    );
    if (revision) {
      flags.push({
        kind: 'revised-after-presented',
        indicatorId: revision.indicatorId,
        params: { from: revision.from ?? 0, to: revision.to, at: revision.at },
      });
    }
  }
  return flags;
}

/**
 * When the unit first presented: the start of its earliest started item; null before. A report
 * revised after that is flagged.
 */
export function presentedAt(state: SessionState, unitId: string): string | null {
  let earliest: string | null = null;
  for (const id of state.agendaOrder) {
    const item = state.agenda[id];
    if (item?.unitId === unitId && item.startedAt !== null && (earliest === null || item.startedAt < earliest)) {
      earliest = item.startedAt;
    }
  }
  return earliest;
}

/** The flags of a unit's report under the session's thresholds; empty without a report. */
export function unitFlags(state: SessionState, unitId: string): Flag[] {
  const report = state.reports[unitId];
  if (!report) return [];
  return reportFlags(report, {
    thresholds: state.definition?.thresholds ?? defaultThresholds,
    presentedAt: presentedAt(state, unitId),
  });
}
