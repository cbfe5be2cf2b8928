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
  /**
   * A figure was revised after the notice was published, carrying the production indicator
   * across the warning threshold or changing an indicator's fulfilment by more than the
   * reporting-gap threshold.
   */
  revisedAfterNotice: 'revised-after-notice',
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

/** An indicator's plan and results at one moment of its history; null before it had any. */
type FiguresAt = Record<'planned' | 'reported' | 'verified', number | null>;

/** One resubmission's change to one indicator's plan or reported figure, with the figures around it. */
export interface FigureRevision {
  indicatorId: string;
  at: string;
  actorId: string;
  before: FiguresAt;
  after: FiguresAt;
}

/**
 * Every revision of a submitted figure, in the order of the report's history: changes of the
 * plan or the reported value of an indicator that already had them (a first submission is no
 * revision). The changes of one indicator in one submission make one revision.
 */
export function figureRevisions(report: ReportState): FigureRevision[] {
  const figures = new Map<string, FiguresAt>();
  const revisions: FigureRevision[] = [];
  // Whether the previous change opened or continued a revision the next one may continue.
  let continuing = false;
  for (const change of report.history) {
    const before = figures.get(change.indicatorId) ?? { planned: null, reported: null, verified: null };
    const after = { ...before, [change.field]: change.to };
    figures.set(change.indicatorId, after);
    const last = revisions.at(-1);
    if (change.field === 'verified' || change.from === null) {
      continuing = false;
    } else if (continuing && last?.indicatorId === change.indicatorId && last.at === change.at) {
      last.after = after;
    } else {
      revisions.push({ indicatorId: change.indicatorId, at: change.at, actorId: change.actorId, before, after });
      continuing = true;
    }
  }
  return revisions;
}

/** An indicator's fulfilment at one moment of its history; null before it had a plan and a result. */
export function fulfilmentAt(figures: FiguresAt, indicator: IndicatorState): number | null {
  if (figures.planned === null || figures.reported === null) return null;
  return fulfilment({ ...indicator, planned: figures.planned, reported: figures.reported, verified: figures.verified });
}

/** How far fulfilment moved, as a share of where it was; a move from or to nothing is total. */
function relativeChange(from: number | null, to: number | null): number {
  if (from === null || to === null) return from === to ? 0 : Infinity;
  if (from === 0) return to === 0 ? 0 : Infinity;
  return Math.abs(to - from) / Math.abs(from);
}

/**
 * A revision after the notice that matters: it carries the production indicator across the
 * warning threshold (either way), or moves an indicator's fulfilment by more than the
 * reporting-gap threshold. Params carry the figures and fulfilment before and after (a
 * fulfilment that means nothing is left out).
 */
function revisionAfterNotice(
  revision: FigureRevision,
  indicator: IndicatorState,
  thresholds: Pick<Thresholds, 'warningBelow' | 'reportingGap'>,
): Flag | null {
  const from = fulfilmentAt(revision.before, indicator);
  const to = fulfilmentAt(revision.after, indicator);
  const under = (value: number | null) => value !== null && value < thresholds.warningBelow;
  const crossed = indicator.isProduction && under(from) !== under(to);
  if (!crossed && !(relativeChange(from, to) > thresholds.reportingGap)) return null;
  const params: Record<string, number | string> = {
    at: revision.at,
    plannedFrom: revision.before.planned ?? 0,
    plannedTo: revision.after.planned ?? 0,
    reportedFrom: revision.before.reported ?? 0,
    reportedTo: revision.after.reported ?? 0,
    crossed: crossed ? 'yes' : 'no',
    threshold: thresholds.warningBelow,
    limit: thresholds.reportingGap,
  };
  if (from !== null) params.from = from;
  if (to !== null) params.to = to;
  return { kind: 'revised-after-notice', indicatorId: indicator.id, params };
}

/**
 * The flags of one report.
 * @param options.thresholds the session's thresholds: the jump factor, the reporting gap and the warning threshold
 * @param options.presentedAt when the unit's item started; null if not presented yet
 * @param options.noticedAt when the session's notice was published; null if not yet
 */
export function reportFlags(
  report: ReportState,
  options: { thresholds: Thresholds; presentedAt: string | null; noticedAt: string | null },
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
  const noticedAt = options.noticedAt;
  if (noticedAt !== null) {
    for (const revision of figureRevisions(report)) {
      const indicator = report.indicators.find((i) => i.id === revision.indicatorId);
      const flag = indicator && revision.at > noticedAt && revisionAfterNotice(revision, indicator, options.thresholds);
      if (flag) flags.push(flag);
    }
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

/**
 * The flags of a unit's report under the session's thresholds; empty without a report.
 * @param report the unit's report with its figures as of some moment (the minutes' at a close); its current one by default
 */
export function unitFlags(
  state: SessionState,
  unitId: string,
  report: ReportState | undefined = state.reports[unitId],
): Flag[] {
  if (!report) return [];
  return reportFlags(report, {
    thresholds: state.definition?.thresholds ?? defaultThresholds,
    presentedAt: presentedAt(state, unitId),
    noticedAt: state.noticedAt,
  });
}
