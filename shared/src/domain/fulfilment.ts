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
  const counted = indicators.flatMap((indicator) => {
    const value = fulfilment(indicator);
    return value === null || !(indicator.weight > 0) ? [] : [{ value, weight: indicator.weight }];
  });
  if (counted.length === 0) return null;
  // Weights are scaled by the largest so that tiny weights cannot underflow the products.
  const largest = Math.max(...counted.map((c) => c.weight));
  let weighted = 0;
  let weights = 0;
  for (const { value, weight } of counted) {
    weighted += value * (weight / largest);
    weights += weight / largest;
  }
  return weighted / weights;
}

/** Fulfilment of the report's production indicator, which decides warnings; null without one. */
export function productionFulfilment(indicators: readonly IndicatorState[]): number | null {
  const production = indicators.find((i) => i.isProduction);
  return production ? fulfilment(production) : null;
}
