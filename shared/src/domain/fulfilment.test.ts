import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  achievedValue,
  fulfilment,
  overallFulfilment,
  productionFulfilment,
  reportingGap,
  reportingGapShare,
} from './fulfilment.js';
import { indicatorState } from '../test/indicator.js';

const indicator = indicatorState;

const figure = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });

describe('fulfilment', () => {
  test('achieved / planned, the verified value winning over the reported one', () => {
    expect(fulfilment(indicator({ planned: 80_000, reported: 52_000 }))).toBeCloseTo(0.65);
    expect(fulfilment(indicator({ planned: 100, reported: 100, verified: 60 }))).toBeCloseTo(0.6);
    expect(achievedValue(indicator({ reported: 5, verified: 0 }))).toBe(0);
  });

  test('nothing planned gives no ratio rather than Infinity', () => {
    expect(fulfilment(indicator({ planned: 0, reported: 10 }))).toBeNull();
  });

  test('rehearsal 15: figures whose ratio is not finite give no fulfilment', () => {
    expect(fulfilment(indicator({ planned: 5e-324, reported: -1 }))).toBeNull();
    expect(fulfilment(indicator({ planned: 5e-324, reported: 1 }))).toBeNull();
    expect(fulfilment(indicator({ planned: 1e15, reported: 5e-324, direction: 'lower-is-better' }))).toBeNull();
  });

  test('reporting gap is reported − verified for a higher-is-better indicator, null until verified', () => {
    expect(reportingGap(indicator({ reported: 100, verified: 70 }))).toBe(30);
    expect(reportingGap(indicator({ reported: 100, verified: 120 }))).toBe(-20);
    expect(reportingGap(indicator({ reported: 100 }))).toBeNull();
  });

  test('the reporting gap as a share of the larger figure: of the claim when overstated, of the verified cost', () => {
    expect(reportingGapShare(indicator({ reported: 280_000, verified: 241_500 }))).toBeCloseTo(0.1375);
    expect(reportingGapShare(indicator({ reported: 100, verified: 120 }))).toBeCloseTo(-20 / 120);
    expect(reportingGapShare(indicator({ reported: 90, verified: 120, direction: 'lower-is-better' }))).toBe(0.25);
    expect(reportingGapShare(indicator({ reported: 0, verified: 0 }))).toBeNull();
    expect(reportingGapShare(indicator({ reported: 100 }))).toBeNull();
  });

  test('a lower-is-better indicator (a cost) is fulfilled by staying under its ceiling: planned / achieved', () => {
    const cost = (over: Parameters<typeof indicator>[0]) => indicator({ direction: 'lower-is-better', ...over });
    expect(fulfilment(cost({ planned: 100, reported: 80 }))).toBeCloseTo(1.25);
    expect(fulfilment(cost({ planned: 100, reported: 125 }))).toBeCloseTo(0.8);
    expect(fulfilment(cost({ planned: 100, reported: 80, verified: 125 }))).toBeCloseTo(0.8);
    // Nothing spent against a ceiling has no ratio, as nothing planned has none.
    expect(fulfilment(cost({ planned: 100, reported: 0 }))).toBeNull();
    expect(fulfilment(cost({ planned: 0, reported: 10 }))).toBeNull();
    // The same figures read the other way round when more is better.
    expect(fulfilment(indicator({ planned: 100, reported: 80, direction: 'higher-is-better' }))).toBeCloseTo(0.8);
  });

  test('the reporting gap is positive when the report looked better than the verification, either way', () => {
    expect(reportingGap(indicator({ reported: 80, verified: 95, direction: 'lower-is-better' }))).toBe(15);
    expect(reportingGap(indicator({ reported: 80, verified: 70, direction: 'lower-is-better' }))).toBe(-10);
    expect(reportingGap(indicator({ reported: 80, verified: 80, direction: 'lower-is-better' }))).toBe(0);
  });

  test('property: for a lower-is-better indicator, fulfilment times the achieved value gives back the plan', () => {
    const positive = fc.double({ min: 1e-3, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(positive, positive, fc.option(positive, { nil: null }), (planned, reported, verified) => {
        const value = fulfilment(indicator({ planned, reported, verified, direction: 'lower-is-better' }));
        const achieved = verified ?? reported;
        expect(Math.abs(value! * achieved - planned)).toBeLessThanOrEqual(1e-9 * planned);
      }),
    );
  });

  test('property: fulfilment times planned gives back the achieved value', () => {
    fc.assert(
      fc.property(
        figure.filter((p) => Math.abs(p) > 1e-6),
        figure,
        fc.option(figure, { nil: null }),
        (planned, reported, verified) => {
          const value = fulfilment(indicator({ planned, reported, verified }));
          const achieved = verified ?? reported;
          expect(value).not.toBeNull();
          expect(Math.abs(value! * planned - achieved)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(achieved)));
        },
      ),
    );
  });

  test('property: the overall figure is a weighted mean, between the lowest and highest fulfilment', () => {
    const item = fc.record({
      planned: fc.double({ min: 1, max: 1e6, noNaN: true }),
      reported: fc.double({ min: 0, max: 2e6, noNaN: true }),
      weight: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), (items) => {
        const indicators = items.map((i) => indicator(i));
        const overall = overallFulfilment(indicators);
        const counted = indicators.filter((i) => i.weight > 0).map((i) => fulfilment(i)!);
        if (counted.length === 0) {
          expect(overall).toBeNull();
          return;
        }
        expect(overall!).toBeGreaterThanOrEqual(Math.min(...counted) - 1e-9);
        expect(overall!).toBeLessThanOrEqual(Math.max(...counted) + 1e-9);
      }),
    );
  });

  test('production fulfilment reads the production indicator only', () => {
    const indicators = [
      indicator({ id: 'a', planned: 10, reported: 10 }),
      indicator({ id: 'b', planned: 10, reported: 6, isProduction: true }),
    ];
    expect(productionFulfilment(indicators)).toBeCloseTo(0.6);
    expect(productionFulfilment([indicator({})])).toBeNull();
  });
});
