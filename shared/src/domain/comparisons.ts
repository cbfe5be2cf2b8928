import type { OrganisationUnit } from '../protocol/index.js';
import { overallFulfilment, productionFulfilment } from './fulfilment.js';
import type { SessionState } from './state.js';

/** A reporting unit's standing in the session. */
export interface UnitStanding {
  unit: OrganisationUnit;
  /** Production fulfilment (verified wins over reported); null without a production figure. */
  production: number | null;
  /** Production fulfilment from the reported value alone, what the unit claims. */
  reportedProduction: number | null;
  overall: number | null;
  isUnderThreshold: boolean;
}

/** The dimensions the review compares units along. */
export const ComparisonDimension = {
  ownership: 'ownership',
  sector: 'sector',
  region: 'region',
  class: 'class',
} as const;
export type ComparisonDimension = (typeof ComparisonDimension)[keyof typeof ComparisonDimension];

/** Fulfilment bands for a distribution. */
export const fulfilmentBands = ['under-50', '50-70', '70-100', '100-plus'] as const;
export type FulfilmentBand = (typeof fulfilmentBands)[number];

/** One group of a comparison, e.g. the state-run units. */
export interface GroupComparison {
  key: string;
  units: number;
  /** Units with a production figure. */
  counted: number;
  /** Mean production fulfilment over the counted units; null when none is counted. */
  average: number | null;
  underThreshold: number;
  /** underThreshold / counted; null when none is counted. */
  shareUnderThreshold: number | null;
  distribution: Record<FulfilmentBand, number>;
}

/** The band a fulfilment falls in. */
export function bandOf(value: number): FulfilmentBand {
  if (value < 0.5) return 'under-50';
  if (value < 0.7) return '50-70';
  if (value < 1) return '70-100';
  return '100-plus';
}

/** A unit's standing in the session; null when it has no report. */
export function unitStanding(state: SessionState, unitId: string): UnitStanding | null {
  const threshold = state.definition?.thresholds.warningBelow ?? 0.7;
  const report = state.reports[unitId];
  const unit = state.units[unitId];
  if (!report || !unit) return null;
  const production = productionFulfilment(report.indicators);
  return {
    unit,
    production,
    reportedProduction: productionFulfilment(report.indicators.map((i) => ({ ...i, verified: null }))),
    overall: overallFulfilment(report.indicators),
    isUnderThreshold: production !== null && production < threshold,
  };
}

/** Every unit that has a report, with its fulfilment, in the hierarchy's order. */
export function unitStandings(state: SessionState): UnitStanding[] {
  return state.unitOrder.flatMap((unitId) => unitStanding(state, unitId) ?? []);
}

/** Units ranked by production fulfilment, best first; units without a figure last. */
export function ranking(state: SessionState): UnitStanding[] {
  return [...unitStandings(state)].sort(
    (a, b) => (b.production ?? -Infinity) - (a.production ?? -Infinity) || a.unit.name.localeCompare(b.unit.name),
  );
}

/** Compares units grouped along one dimension (units without a class group under "none"). */
export function compareBy(state: SessionState, dimension: ComparisonDimension): GroupComparison[] {
  const groups = new Map<string, UnitStanding[]>();
  for (const standing of unitStandings(state)) {
    const key = standing.unit[dimension] ?? 'none';
    groups.set(key, [...(groups.get(key) ?? []), standing]);
  }
  return [...groups]
    .map(([key, standings]) => {
      const values = standings.flatMap((s) => (s.production === null ? [] : [s.production]));
      const distribution = Object.fromEntries(fulfilmentBands.map((b) => [b, 0])) as Record<FulfilmentBand, number>;
      for (const value of values) distribution[bandOf(value)]++;
      const underThreshold = standings.filter((s) => s.isUnderThreshold).length;
      return {
        key,
        units: standings.length,
        counted: values.length,
        average: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length,
        underThreshold,
        shareUnderThreshold: values.length === 0 ? null : underThreshold / values.length,
        distribution,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** One period of a trend: the mean production fulfilment of the units of each group. */
export interface TrendPoint {
  period: string;
  sessionId: string;
  groups: { key: string; average: number | null }[];
}

/** The trend across periods: one point per session, oldest period first. */
export function trend(states: readonly SessionState[], dimension: ComparisonDimension): TrendPoint[] {
  return states
    .filter((s) => s.definition !== null)
    .sort((a, b) => a.definition!.period.localeCompare(b.definition!.period))
    .map((s) => ({
      period: s.definition!.period,
      sessionId: s.sessionId,
      groups: compareBy(s, dimension).map(({ key, average }) => ({ key, average })),
    }));
}
