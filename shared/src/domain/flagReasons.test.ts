import { describe, expect, test } from 'vitest';
import { indicatorState } from '../test/indicator.js';
import { flagReasonOf, reasonWords, type ReasonFormat } from './flagReasons.js';
import { reportFlags } from './flags.js';
import type { IndicatorState, ReportState } from './state.js';

const report = (indicators: IndicatorState[], history: ReportState['history'] = []): ReportState => ({
  unitId: 'u',
  indicators,
  note: null,
  submittedAt: '2026-04-10T00:00:00.000Z',
  submittedBy: 'p',
  revision: 1,
  history,
});
const thresholds = { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 };
/** Plain writing, to read the values the rule hands over. */
const plain: ReasonFormat = {
  figure: String,
  percent: (ratio) => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`),
  factor: String,
  time: (at) => at.slice(11, 16),
};

function reasons(subject: ReportState, noticedAt: string | null = null) {
  return reportFlags(subject, { thresholds, presentedAt: null, noticedAt }).map((flag) => {
    const reason = flagReasonOf(flag, subject);
    return { key: reason.key, words: reasonWords(reason, plain) };
  });
}

describe('why a flag fired', () => {
  test('a gap over the limit says so; one within it that meets the plan on paper has its own sentence', () => {
    const steel = { id: 'a', name: 'Steel', measure: 't', planned: 100 };
    expect(reasons(report([indicatorState({ ...steel, reported: 100, verified: 80 })]))).toEqual([
      {
        key: 'verified-below-reported',
        words: {
          indicator: 'Steel',
          planned: '100 t',
          reported: '100 t',
          verified: '80 t',
          share: '20%',
          limit: '5%',
        },
      },
    ]);
    expect(reasons(report([indicatorState({ ...steel, reported: 101, verified: 99 })]))[0]!.key).toBe(
      'verified-below-reported-plan',
    );
  });

  test('a revision after the notice writes a figure that changed as before → after, one that did not once', () => {
    const change = (field: 'planned' | 'reported', from: number | null, to: number, at: string) => ({
      indicatorId: 'a',
      field,
      from,
      to,
      actorId: 'p',
      at,
    });
    const submitted = '2026-04-01T00:00:00.000Z';
    const history = [
      change('planned', null, 100, submitted),
      change('reported', null, 60, submitted),
      change('reported', 60, 90, '2026-04-12T09:30:00.000Z'),
    ];
    const steel = { id: 'a', name: 'Steel', measure: 't', planned: 100, reported: 90, isProduction: true };
    const revised = report([indicatorState(steel)], history);
    const [reason] = reasons(revised, '2026-04-11T00:00:00.000Z');
    expect(reason).toMatchObject({
      key: 'revised-after-notice',
      words: { planned: '100 t', reported: '60 t → 90 t', from: '60%', to: '90%', time: '09:30', threshold: '70%' },
    });
  });

  test('a flag on the whole report has no measure and agrees with its count', () => {
    const onPlan = report([
      indicatorState({ id: 'a', name: 'Steel', planned: 100, reported: 100 }),
      indicatorState({ id: 'b', name: 'Coal', planned: 50, reported: 50 }),
    ]);
    expect(reasons(onPlan)).toEqual([{ key: 'exactly-on-plan', words: { count: 2, indicators: 'Steel, Coal' } }]);
  });
});
