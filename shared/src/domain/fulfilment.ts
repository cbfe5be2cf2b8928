import type { IndicatorState } from './state.js';

/** What counts as achieved: the verified value when an inspector recorded one, else the reported one. */
export function achievedValue(indicator: Pick<IndicatorState, 'reported' | 'verified'>): number {
  return indicator.verified ?? indicator.reported;
}

/** Fulfilment = achieved / planned; null when nothing was planned (a ratio to 0 means nothing). */
export function fulfilment(indicator: Pick<IndicatorState, 'planned' | 'reported' | 'verified'>): number | null {
  if (indicator.planned === 0) return null;
  return achievedValue(indicator) / indicator.planned;
}

/** Reporting gap = reported − verified; null until verified. Positive means the report overstated. */
export function reportingGap(indicator: Pick<IndicatorState, 'reported' | 'verified'>): number | null {
  return indicator.verified === null ? null : indicator.reported - indicator.verified;
}

/**
 * Overall fulfilment: the weighted mean of the indicators' fulfilment, over those that have
 * one and a positive weight; null when none does.
 */
export function overallFulfilment(indicators: readonly IndicatorState[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const indicator of indicators) {
    const value = fulfilment(indicator);
    if (value === null || indicator.weight <= 0) continue;
    weighted += value * indicator.weight;
    weights += indicator.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

/** Fulfilment of the report's production indicator, which decides warnings; null without one. */
export function productionFulfilment(indicators: readonly IndicatorState[]): number | null {
  const production = indicators.find((i) => i.isProduction);
  return production ? fulfilment(production) : null;
}
