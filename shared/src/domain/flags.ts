import { fulfilment, isLowerBetter } from './fulfilment.js';
import type { ReportState } from './state.js';

/** Signs that a plan may be fulfilled "on paper" only. Each flag says why it fired. */
export const FlagKind = {
  /** Reported at or above plan, but the inspector verified less than was reported. */
  verifiedBelowReported: 'verified-below-reported',
  /** A lower-is-better indicator reported within its ceiling, but the inspector verified more. */
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
 * The flags of one report.
 * @param options.jumpFactor the session's threshold for a jump against the previous period
 * @param options.presentedAt when the unit's item started; null if not presented yet
 */
export function reportFlags(report: ReportState, options: { jumpFactor: number; presentedAt: string | null }): Flag[] {
  const flags: Flag[] = [];
  for (const indicator of report.indicators) {
    // "Better" is more, or for a cost less: the same two patterns, mirrored.
    const lowerIsBetter = isLowerBetter(indicator);
    const reportedFulfilment = fulfilment({ ...indicator, verified: null });
    if (
      reportedFulfilment !== null &&
      reportedFulfilment >= 1 &&
      indicator.verified !== null &&
      (lowerIsBetter ? indicator.verified > indicator.reported : indicator.verified < indicator.reported)
    ) {
      flags.push({
        kind: lowerIsBetter ? 'verified-above-reported' : 'verified-below-reported',
        indicatorId: indicator.id,
        params: { planned: indicator.planned, reported: indicator.reported, verified: indicator.verified },
      });
    }
    if (indicator.previous !== null && indicator.previous > 0 && indicator.reported > 0) {
      const factor = lowerIsBetter ? indicator.previous / indicator.reported : indicator.reported / indicator.previous;
      if (factor > options.jumpFactor) {
        flags.push({
          kind: lowerIsBetter ? 'drop-vs-previous' : 'jump-vs-previous',
          indicatorId: indicator.id,
          params: {
            previous: indicator.previous,
            reported: indicator.reported,
            factor,
            limit: options.jumpFactor,
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
