import type { IndicatorState } from '../domain/state.js';

/** An indicator as the record holds it, 90 of 100 reported, with any field overridden. */
export function indicatorState(over: Partial<IndicatorState> = {}): IndicatorState {
  return {
    id: 'x',
    name: 'X',
    measure: 't',
    planned: 100,
    reported: 90,
    verified: null,
    finding: null,
    evidence: null,
    weight: 1,
    isProduction: false,
    previous: null,
    partOf: null,
    ...over,
  };
}
