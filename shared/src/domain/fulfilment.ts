import type { IndicatorState } from './state.js';

type Figures = Pick<IndicatorState, 'planned' | 'reported' | 'verified' | 'direction'>;

/** Whether less is better (a cost, a loss): the plan is then a ceiling. */
export function isLowerBetter(indicator: Pick<IndicatorState, 'direction'>): boolean {
  return indicator.direction === 'lower-is-better';
}

/** What counts as achieved: the verified value when an inspector recorded one, else the reported one. */
export function achievedValue(indicator: Pick<IndicatorState, 'reported' | 'verified'>): number {
  return indicator.verified ?? indicator.reported;
}

/**
 * Fulfilment: achieved / planned, or for a lower-is-better indicator planned / achieved, so that
 * 1 means on plan and more is better either way (a cost of 80 against a ceiling of 100 is 125 %).
 * Null when the ratio means nothing: nothing planned, nothing (or less) spent against a ceiling,
 * or figures outside the protocol's ranges whose ratio is not finite (a log written before them).
 */
export function fulfilment(indicator: Figures): number | null {
  if (indicator.planned === 0) return null;
  const achieved = achievedValue(indicator);
  if (isLowerBetter(indicator) && !(achieved > 0)) return null;
  const ratio = isLowerBetter(indicator) ? indicator.planned / achieved : achieved / indicator.planned;
  return Number.isFinite(ratio) ? ratio : null;
}

/**
 * Reporting gap: how far the report overstated the result, in the indicator's measure;
 * positive means the report looked better than the verification. Reported − verified, or
 * verified − reported for a lower-is-better indicator; null until verified.
 */
export function reportingGap(indicator: Pick<IndicatorState, 'reported' | 'verified' | 'direction'>): number | null {
  if (indicator.verified === null) return null;
  return isLowerBetter(indicator) ? indicator.verified - indicator.reported : indicator.reported - indicator.verified;
}

/**
 * The reporting gap as a share of the larger of the two figures (the reported claim when it
 * overstated, the verified value when a cost was understated), so it stays within −1..1; null
 * until verified, or when both figures are zero.
 */
export function reportingGapShare(
  indicator: Pick<IndicatorState, 'reported' | 'verified' | 'direction'>,
): number | null {
  const gap = reportingGap(indicator);
  if (gap === null) return null;
  const larger = Math.max(Math.abs(indicator.reported), Math.abs(indicator.verified ?? 0));
  return larger === 0 ? null : gap / larger;
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
