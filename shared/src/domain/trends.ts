import type { OrganisationUnit, ReviewSessionDefinition, SessionStatus } from '../protocol/index.js';
import type { Streak, Trends, UnitPeriod, UnitTrend, WarningPeriod } from '../protocol/index.js';
import { unitStanding } from './comparisons.js';
import { unitFlags } from './flags.js';
import { reportingGapShare } from './fulfilment.js';
import type { SessionState } from './state.js';

/**
 * One session reduced to what trends need: its period, its link to the period before, each
 * reporting unit's figures and what it did with warnings. Small enough to keep per session and
 * remake only when the session's log moves on.
 */
export interface PeriodFigures {
  sessionId: string;
  period: string;
  title: string;
  status: SessionStatus;
  organisation: string;
  threshold: number;
  previousSessionId: string | null;
  /** Every unit with a report, in the session's order. */
  units: { unit: OrganisationUnit; figures: UnitPeriod }[];
  warnings: WarningPeriod;
}

/**
 * A unit's figures in the session's period; null before `session:created` or without a report.
 * The unit's own, so that a screen can follow one unit live without the whole session's flags.
 */
export function unitPeriod(state: SessionState, unitId: string): UnitPeriod | null {
  const standing = unitStanding(state, unitId);
  if (state.definition === null || standing === null) return null;
  const production = state.reports[unitId]?.indicators.find((i) => i.isProduction);
  const warnings = state.warningOrder.map((id) => state.warnings[id]!).filter((w) => w.unitId === unitId);
  return {
    period: state.definition.period,
    sessionId: state.sessionId,
    production: standing.production,
    reportedProduction: standing.reportedProduction,
    overall: standing.overall,
    reportingGap: production ? reportingGapShare(production) : null,
    threshold: state.definition.thresholds.warningBelow,
    isUnderThreshold: standing.isUnderThreshold,
    flags: [...new Set(unitFlags(state, unitId).map((flag) => flag.kind))],
    isWarned: warnings.some((w) => w.sessionId === state.sessionId),
    secondReview: warnings.find((w) => w.carriedFromSessionId !== null)?.status ?? null,
  };
}

/** What the session did with warnings in its period; null before `session:created`. */
export function periodWarnings(state: SessionState): WarningPeriod | null {
  if (state.definition === null) return null;
  const warnings = state.warningOrder.map((id) => state.warnings[id]!);
  const carried = warnings.filter((w) => w.carriedFromSessionId !== null);
  return {
    period: state.definition.period,
    sessionId: state.sessionId,
    issued: warnings.filter((w) => w.sessionId === state.sessionId).length,
    carried: carried.length,
    lifted: carried.filter((w) => w.status === 'lifted').length,
    escalated: carried.filter((w) => w.status === 'escalated').length,
    waived: Object.keys(state.waivers).length,
  };
}

/** The period's figures of a session; null before `session:created`. */
export function periodFigures(state: SessionState): PeriodFigures | null {
  const definition: ReviewSessionDefinition | null = state.definition;
  const warnings = periodWarnings(state);
  if (definition === null || warnings === null) return null;
  const units = state.unitOrder.flatMap((unitId) => {
    const figures = unitPeriod(state, unitId);
    // A copy: the figures outlive the state they were read from, which later events change in place.
    return figures === null ? [] : [{ unit: { ...state.units[unitId]! }, figures }];
  });
  return {
    sessionId: state.sessionId,
    period: definition.period,
    title: definition.title,
    status: state.status,
    organisation: definition.organisation,
    threshold: definition.thresholds.warningBelow,
    previousSessionId: definition.previousSessionId,
    units,
    warnings,
  };
}

/** The quarter before `period` (`2026-Q1` → `2025-Q4`). */
export function previousQuarter(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(6));
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

/** A unit's figures in each period that has a report of it, oldest first. */
export function unitSeries(periods: readonly PeriodFigures[], unitId: string): UnitPeriod[] {
  return periods.flatMap((p) => p.units.filter((u) => u.unit.id === unitId).map((u) => u.figures));
}

/**
 * How many quarters in a row, ending with `latestPeriod`, the unit's production fulfilment stayed
 * under the latest period's threshold; a quarter without a figure, or missing from the chain,
 * ends the streak. Null when the unit is not under the threshold in the latest period.
 * @example underThresholdStreak(points, '2026-Q3') // { quarters: 3, threshold: 0.7, from: '2026-Q1', to: '2026-Q3' }
 */
export function underThresholdStreak(points: readonly UnitPeriod[], latestPeriod: string): Streak | null {
  const latest = points.at(-1);
  if (latest?.period !== latestPeriod) return null;
  const { threshold } = latest;
  let quarters = 0;
  let expected = latestPeriod;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    if (point.period !== expected || point.production === null || !(point.production < threshold)) break;
    quarters++;
    expected = previousQuarter(point.period);
  }
  return quarters === 0
    ? null
    : { quarters, threshold, from: points[points.length - quarters]!.period, to: latestPeriod };
}

/** One unit's series across the periods and its streak under the threshold. */
export function unitTrend(periods: readonly PeriodFigures[], unit: OrganisationUnit): UnitTrend {
  const points = unitSeries(periods, unit.id);
  return { unit, points, streak: underThresholdStreak(points, periods.at(-1)?.period ?? '') };
}

/**
 * The trends of a chain of sessions, oldest period first, the session asked about last: every
 * unit with a report in some period (the latest session's units in its order, then those only
 * in earlier periods, latest first) with its series, and the warnings of each period.
 */
export function trendsOf(periods: readonly PeriodFigures[]): Trends | null {
  const latest = periods.at(-1);
  if (!latest) return null;
  const units = new Map<string, OrganisationUnit>();
  for (const p of [...periods].reverse())
    for (const { unit } of p.units) if (!units.has(unit.id)) units.set(unit.id, unit);
  return {
    sessionId: latest.sessionId,
    organisation: latest.organisation,
    periods: periods.map(({ period, sessionId, title, status, threshold }) => ({
      period,
      sessionId,
      title,
      status,
      threshold,
    })),
    units: [...units.values()].map((unit) => unitTrend(periods, unit)),
    warnings: periods.map((p) => p.warnings),
  };
}
