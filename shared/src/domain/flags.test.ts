import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { figureRevisions, reportFlags, type Flag } from './flags.js';
import { indicatorState } from '../test/indicator.js';
import type { IndicatorState, ReportState } from './state.js';

const indicator = indicatorState;

const report = (indicators: IndicatorState[], history: ReportState['history'] = []): ReportState => ({
  unitId: 'u',
  indicators,
  note: null,
  submittedAt: '2026-04-10T00:00:00.000Z',
  submittedBy: 'p',
  revision: 1,
  history,
});

const kinds = (flags: Flag[]) => flags.map((f) => f.kind);
const thresholds = { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 };
const options = { thresholds, presentedAt: null, noticedAt: null };
const positive = fc.double({ min: 1, max: 1e7, noNaN: true });

describe('on-paper flags', () => {
  test('verified below reported while the report claims the plan met', () => {
    const flags = reportFlags(report([indicator({ id: 'a', planned: 100, reported: 100, verified: 80 })]), options);
    expect(flags).toEqual([
      {
        kind: 'verified-below-reported',
        indicatorId: 'a',
        params: { planned: 100, reported: 100, verified: 80, gap: 20, share: 0.2, limit: 0.05 },
      },
    ]);
    // A gap within the threshold that leaves the plan met either way is no on-paper sign…
    expect(reportFlags(report([indicator({ planned: 100, reported: 110, verified: 108 })]), options)).toEqual([]);
    // …but one that makes the plan met only on paper is, however small.
    expect(kinds(reportFlags(report([indicator({ planned: 100, reported: 101, verified: 99 })]), options))).toEqual([
      'verified-below-reported',
    ]);
    expect(reportFlags(report([indicator({ planned: 100, reported: 110, verified: 110 })]), options)).toEqual([]);
  });

  test('rehearsal 3: a material reporting gap is flagged on paper whatever the plan', () => {
    const coal = indicator({ id: 'coal', planned: 450_000, reported: 280_000, verified: 241_500 });
    expect(reportFlags(report([coal]), options)).toEqual([
      {
        kind: 'verified-below-reported',
        indicatorId: 'coal',
        params: {
          planned: 450_000,
          reported: 280_000,
          verified: 241_500,
          gap: 38_500,
          share: 38_500 / 280_000,
          limit: 0.05,
        },
      },
    ]);
    // Within the threshold, under plan: nothing to flag; the session's threshold decides.
    expect(reportFlags(report([indicator({ planned: 100, reported: 90, verified: 86 })]), options)).toEqual([]);
    const strict = { ...options, thresholds: { ...thresholds, reportingGap: 0.04 } };
    expect(kinds(reportFlags(report([indicator({ planned: 100, reported: 90, verified: 86 })]), strict))).toEqual([
      'verified-below-reported',
    ]);
    // The mirror: a cost verified above what was reported, over its ceiling either way.
    const cost = indicator({ id: 'fuel', direction: 'lower-is-better', planned: 120, reported: 131, verified: 150 });
    expect(kinds(reportFlags(report([cost]), options))).toEqual(['verified-above-reported']);
  });

  test('exactly 100.0 % on several indicators, not on one', () => {
    const one = report([indicator({ id: 'a', planned: 50, reported: 50 })]);
    const two = report([
      indicator({ id: 'a', planned: 50, reported: 50 }),
      indicator({ id: 'b', planned: 8, reported: 8.0004 }),
    ]);
    expect(kinds(reportFlags(one, options))).toEqual([]);
    expect(reportFlags(two, options)).toContainEqual({
      kind: 'exactly-on-plan',
      indicatorId: null,
      params: { count: 2, indicators: 'X, X' },
    });
  });

  test('a jump against the previous period beyond the factor', () => {
    expect(kinds(reportFlags(report([indicator({ previous: 60, reported: 91 })]), options))).toEqual([
      'jump-vs-previous',
    ]);
    expect(kinds(reportFlags(report([indicator({ previous: 60, reported: 90 })]), options))).toEqual([]);
    expect(kinds(reportFlags(report([indicator({ previous: 0, reported: 90 })]), options))).toEqual([]);
  });

  test('a lower-is-better indicator mirrors both: verified above reported, and a drop against the previous period', () => {
    const cost = (over: Partial<IndicatorState>) => indicator({ id: 'c', direction: 'lower-is-better', ...over });
    expect(reportFlags(report([cost({ planned: 100, reported: 90, verified: 120 })]), options)).toEqual([
      {
        kind: 'verified-above-reported',
        indicatorId: 'c',
        params: { planned: 100, reported: 90, verified: 120, gap: 30, share: 0.25, limit: 0.05 },
      },
    ]);
    // A cost verified lower than reported is no on-paper sign, nor a small gap within the threshold.
    expect(reportFlags(report([cost({ planned: 100, reported: 90, verified: 80 })]), options)).toEqual([]);
    expect(reportFlags(report([cost({ planned: 100, reported: 110, verified: 112 })]), options)).toEqual([]);
    const drop = reportFlags(report([cost({ previous: 91, reported: 60 })]), options);
    expect(drop).toEqual([
      {
        kind: 'drop-vs-previous',
        indicatorId: 'c',
        params: { previous: 91, reported: 60, factor: 91 / 60, limit: 1.5 },
      },
    ]);
    expect(reportFlags(report([cost({ previous: 90, reported: 60 })]), options)).toEqual([]);
    // A cost that rose is no improvement on paper; the higher-is-better rule does not apply to it.
    expect(reportFlags(report([cost({ previous: 60, reported: 91 })]), options)).toEqual([]);
  });

  test('parts that do not add up to their total', () => {
    const parts = (a: number, b: number) =>
      report([
        indicator({ id: 'total', reported: 100 }),
        indicator({ id: 'p1', reported: a, partOf: 'total', planned: 1000 }),
        indicator({ id: 'p2', reported: b, partOf: 'total', planned: 1000 }),
      ]);
    expect(kinds(reportFlags(parts(60, 40), options))).toEqual([]);
    expect(reportFlags(parts(70, 40), options)).toEqual([
      { kind: 'parts-do-not-add-up', indicatorId: 'total', params: { total: 100, sumOfParts: 110, parts: 2 } },
    ]);
  });

  test('a revision after the item was presented', () => {
    const history = [
      {
        indicatorId: 'a',
        field: 'reported' as const,
        from: null,
        to: 90,
        actorId: 'p',
        at: '2026-04-10T00:00:00.000Z',
      },
      { indicatorId: 'a', field: 'reported' as const, from: 90, to: 99, actorId: 'p', at: '2026-04-13T10:00:00.000Z' },
    ];
    const revised = report([indicator({ id: 'a', reported: 99 })], history);
    expect(kinds(reportFlags(revised, { ...options, presentedAt: '2026-04-13T09:00:00.000Z' }))).toEqual([
      'revised-after-presented',
    ]);
    expect(kinds(reportFlags(revised, { ...options, presentedAt: '2026-04-13T11:00:00.000Z' }))).toEqual([]);
    expect(kinds(reportFlags(revised, options))).toEqual([]);
  });

  describe('rehearsal 4: a revision after the notice', () => {
    const change = (field: 'planned' | 'reported' | 'verified', from: number | null, to: number, at: string) => ({
      indicatorId: 'cement',
      field,
      from,
      to,
      actorId: 'p',
      at,
    });
    const submitted = '2026-03-20T00:00:00.000Z';
    const noticedAt = '2026-03-30T00:00:00.000Z';
    const revised = '2026-04-13T08:30:00.000Z';
    const cement = (reported: number, history: ReportState['history'], over: Partial<IndicatorState> = {}) =>
      report(
        [indicator({ id: 'cement', planned: 80_000, reported, isProduction: true, ...over })],
        [change('planned', null, 80_000, submitted), change('reported', null, 52_000, submitted), ...history],
      );
    const flagsAfterNotice = (r: ReportState) =>
      reportFlags(r, { ...options, noticedAt }).filter((f) => f.kind === 'revised-after-notice');

    test('crossing the warning threshold is flagged with fulfilment before and after', () => {
      const rescued = cement(56_000, [change('reported', 52_000, 56_000, revised)]);
      expect(flagsAfterNotice(rescued)).toEqual([
        {
          kind: 'revised-after-notice',
          indicatorId: 'cement',
          params: {
            at: revised,
            plannedFrom: 80_000,
            plannedTo: 80_000,
            reportedFrom: 52_000,
            reportedTo: 56_000,
            from: 0.65,
            to: 0.7,
            crossed: 'yes',
            threshold: 0.7,
            limit: 0.05,
          },
        },
      ]);
      // Before the notice, a revision is the unit's own business; without a notice, nothing is after it.
      expect(reportFlags(rescued, { ...options, noticedAt: '2026-04-14T00:00:00.000Z' })).toEqual([]);
      expect(reportFlags(rescued, options)).toEqual([]);
    });

    test('a plan lowered into fulfilment is a revision too, and so is a fall under the threshold', () => {
      const lowered = cement(52_000, [change('planned', 80_000, 74_000, revised)], { planned: 74_000 });
      expect(flagsAfterNotice(lowered).map((f) => [f.params.plannedTo, f.params.from, f.params.crossed])).toEqual([
        [74_000, 0.65, 'yes'],
      ]);
      const fell = cement(55_000, [
        change('reported', 52_000, 57_000, '2026-03-31T00:00:00.000Z'),
        change('reported', 57_000, 55_000, revised),
      ]);
      expect(flagsAfterNotice(fell).map((f) => [f.params.reportedTo, f.params.crossed])).toEqual([
        [57_000, 'yes'],
        [55_000, 'yes'],
      ]);
    });

    test('a change of fulfilment over the reporting-gap threshold is flagged on any indicator; a small one is not', () => {
      const big = cement(60_000, [change('reported', 52_000, 60_000, revised)], { isProduction: false });
      expect(flagsAfterNotice(big).map((f) => f.params.crossed)).toEqual(['no']);
      expect(flagsAfterNotice(cement(54_000, [change('reported', 52_000, 54_000, revised)]))).toEqual([]);
    });

    test('a revision that leaves the verified value standing changes no fulfilment', () => {
      const verified = cement(
        56_000,
        [change('verified', null, 52_500, noticedAt), change('reported', 52_000, 56_000, revised)],
        {
          verified: 52_500,
        },
      );
      expect(flagsAfterNotice(verified)).toEqual([]);
    });

    test('the changes of one indicator in one submission make one revision; a first submission is none', () => {
      const r = cement(56_000, [
        change('planned', 80_000, 75_000, revised),
        change('reported', 52_000, 56_000, revised),
      ]);
      expect(figureRevisions(r)).toEqual([
        {
          indicatorId: 'cement',
          at: revised,
          actorId: 'p',
          before: { planned: 80_000, reported: 52_000, verified: null },
          after: { planned: 75_000, reported: 56_000, verified: null },
        },
      ]);
    });
  });

  test('property: a report with no verification, no history, no parts and no previous figures raises at most exactly-on-plan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ planned: positive, reported: positive }), { minLength: 1, maxLength: 10 }),
        (items) => {
          const flags = reportFlags(report(items.map((f, i) => indicator({ ...f, id: `i${i}` }))), options);
          expect(flags.every((f) => f.kind === 'exactly-on-plan')).toBe(true);
        },
      ),
    );
  });

  test('property: verified-below-reported fires exactly when the gap is over the threshold or meets the plan on paper only', () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: null }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (planned, reported, verified, reportingGap) => {
          const fired = kinds(
            reportFlags(report([indicator({ planned, reported, verified })]), {
              ...options,
              thresholds: { ...thresholds, reportingGap },
            }),
          ).includes('verified-below-reported');
          const material = verified !== null && (reported - verified) / reported > reportingGap;
          const onPaperOnly = verified !== null && reported / planned >= 1 && verified / planned < 1;
          expect(fired).toBe(verified !== null && verified < reported && (material || onPaperOnly));
        },
      ),
    );
  });

  test('property: the jump flag fires exactly above previous × factor, for any factor', () => {
    fc.assert(
      fc.property(positive, positive, fc.double({ min: 1, max: 10, noNaN: true }), (previous, reported, jumpFactor) => {
        const fired = kinds(
          reportFlags(report([indicator({ previous, reported })]), {
            ...options,
            thresholds: { ...thresholds, jumpFactor },
          }),
        );
        expect(fired.includes('jump-vs-previous')).toBe(reported > previous * jumpFactor);
      }),
    );
  });

  test('property: parts summing to their total never fire; a part changed by more than the tolerance always does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 1e5 }),
        (values, delta) => {
          const total = values.reduce((a, b) => a + b, 0);
          const build = (extra: number) =>
            report([
              indicator({ id: 'total', reported: total }),
              ...values.map((v, i) =>
                indicator({ id: `p${i}`, reported: i === 0 ? v + extra : v, partOf: 'total', planned: 1e9 }),
              ),
            ]);
          expect(kinds(reportFlags(build(0), options))).not.toContain('parts-do-not-add-up');
          const big = Math.ceil(0.006 * Math.max(1, total)) + delta;
          expect(kinds(reportFlags(build(big), options))).toContain('parts-do-not-add-up');
        },
      ),
    );
  });
});
