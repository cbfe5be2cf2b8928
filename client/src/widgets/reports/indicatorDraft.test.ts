import { describe, expect, test } from 'vitest';
import type { ReportState } from '@plenum/shared';
import {
  draftProblems,
  draftsFromPrevious,
  draftsFromReport,
  emptyDraft,
  indicatorsFromDrafts,
  isBlankDraft,
  parseDirection,
  parseNumber,
  parsePastedIndicators,
} from './indicatorDraft';

describe('numbers as typed or pasted', () => {
  test.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['1,200.5', 1200.5],
    ['1.200,5', 1200.5],
    ['1 200,5', 1200.5],
    ['1\u00a0200', 1200],
    ['12.5', 12.5],
    ['12,5', 12.5],
    ['1.234.567', 1234567],
    ['85%', 85],
    ['−3', -3],
    ['-0.25', -0.25],
    ['1e9', 1e9],
    ['1.2E+09', 1.2e9],
    ['2,5e-3', 0.0025],
    ['−1e3', -1000],
    ['７００００', 70000],
    ['７０，０００．５', 70000.5],
  ])('%s reads as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  test.each(['', 'abc', '1..2', '12 t', '1,2,3.4.5', 'e9', '1e', '1e9e2', '1e1000'])('%j is not a number', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('rows pasted from a spreadsheet', () => {
  test('reads tab-separated rows, skips the header, and keeps one production indicator', () => {
    const text = [
      'Indicator\tUnit\tPlanned\tReported\tWeight\tProduction\tPrevious',
      'Cement\tt\t80,000\t52,000\t2\tyes\t61,000',
      'Clinker\tt\t70000\t49000\t\t\t',
      'Fuel per tonne\tkg\t120\t131\t1\tx',
      '',
    ].join('\r\n');
    const { drafts, problems } = parsePastedIndicators(text);
    expect(problems).toEqual([]);
    expect(drafts.map((d) => [d.name, d.measure, d.planned, d.reported, d.weight, d.isProduction, d.previous])).toEqual(
      [
        ['Cement', 't', '80,000', '52,000', '2', true, '61,000'],
        ['Clinker', 't', '70000', '49000', '1', false, ''],
        ['Fuel per tonne', 'kg', '120', '131', '1', false, ''],
      ],
    );
    expect(indicatorsFromDrafts(drafts)).toEqual([
      {
        id: 'cement',
        name: 'Cement',
        measure: 't',
        planned: 80000,
        reported: 52000,
        weight: 2,
        isProduction: true,
        previous: 61000,
        direction: 'higher-is-better',
        partOf: null,
      },
      {
        id: 'clinker',
        name: 'Clinker',
        measure: 't',
        planned: 70000,
        reported: 49000,
        weight: 1,
        isProduction: false,
        previous: null,
        direction: 'higher-is-better',
        partOf: null,
      },
      {
        id: 'fuel-per-tonne',
        name: 'Fuel per tonne',
        measure: 'kg',
        planned: 120,
        reported: 131,
        weight: 1,
        isProduction: false,
        previous: null,
        direction: 'higher-is-better',
        partOf: null,
      },
    ]);
  });

  test('an optional eighth column says which way is better; a word it cannot read stops the line', () => {
    const { drafts, problems, directionUnstated } = parsePastedIndicators(
      [
        'Indicator\tUnit\tPlanned\tReported\tWeight\tProduction\tPrevious\tDirection',
        'Cement\tt\t1000\t650\t\tyes\t\thigher',
        'Fuel cost\tthousand\t120\t110\t\t\t130\tlower',
        '연료비\t천 원\t50\t45\t\t\t\t낮을수록 좋음',
        'Clinker\tt\t700\t690',
        'Scrap\tt\t5\t4\t\t\t\tless',
      ].join('\n'),
    );
    expect(drafts.map((d) => [d.name, d.direction])).toEqual([
      ['Cement', 'higher-is-better'],
      ['Fuel cost', 'lower-is-better'],
      ['연료비', 'lower-is-better'],
      ['Clinker', 'higher-is-better'],
    ]);
    expect(problems).toEqual([{ line: 6, problem: 'direction-invalid' }]);
    // Only Clinker said nothing: a submitted indicator of that name would keep its direction.
    expect([...directionUnstated]).toEqual([drafts[3]!.key]);
  });

  test.each([
    ['', 'higher-is-better'],
    ['Higher', 'higher-is-better'],
    ['높음', 'higher-is-better'],
    ['lower-is-better', 'lower-is-better'],
    ['Ceiling', 'lower-is-better'],
    ['상한', 'lower-is-better'],
    ['sideways', null],
  ])('direction cell %j reads as %s', (text, direction) => {
    expect(parseDirection(text)).toBe(direction);
  });

  test('semicolons work too, and lines that cannot be read are reported by number', () => {
    const { drafts, problems } = parsePastedIndicators(
      'Coal;t;450000;280000\nFace advance;m;lots;2150\nOnly;three;cells',
    );
    expect(drafts.map((d) => d.name)).toEqual(['Coal']);
    expect(problems).toEqual([
      { line: 2, problem: 'planned-invalid' },
      { line: 3, problem: 'too-few-columns' },
    ]);
  });
});

describe('the rows of the form', () => {
  test('say what is missing, by row', () => {
    const ok = { ...emptyDraft(), name: 'Grain', measure: 't', planned: '10', reported: '9' };
    const bad = { ...emptyDraft(), name: '', measure: '', planned: 'x', reported: '', weight: '2000' };
    const problems = draftProblems([ok, bad]);
    expect(problems.has(ok.key)).toBe(false);
    expect(problems.get(bad.key)).toEqual([
      'name-missing',
      'measure-missing',
      'planned-invalid',
      'reported-invalid',
      'weight-invalid',
    ]);
  });

  test('rehearsal 15: say when a figure is out of the protocol’s range', () => {
    const row = (planned: string, reported: string, previous = '') => ({
      ...emptyDraft(),
      name: 'Cement',
      measure: 't',
      planned,
      reported,
      previous,
    });
    const ok = row('0.000001', '0', '1000');
    const bad = row('-80000', '-1', '-5');
    const subnormal = row('5e-324', '1');
    const problems = draftProblems([ok, bad, subnormal, row('0', '0')]);
    expect(problems.has(ok.key)).toBe(false);
    expect(problems.get(bad.key)).toEqual(['planned-invalid', 'reported-invalid', 'previous-invalid']);
    expect(problems.get(subnormal.key)).toEqual(['planned-too-small']);
    expect(problems.size).toBe(3);
    // Past the ceiling: a number, not negative, so the row is told the ceiling, not "must be a number".
    const huge = '99999999999999999999999999999';
    expect(
      draftProblems([row(huge, huge, huge)])
        .values()
        .next().value,
    ).toEqual(['planned-too-large', 'reported-too-large', 'previous-too-large']);
  });

  test('say when a figure above 0 is below the smallest one taken, rather than that it is not a number', () => {
    const row = (figure: string) => ({
      ...emptyDraft(),
      name: 'Cement',
      measure: 't',
      planned: figure,
      reported: figure,
      previous: figure,
    });
    const tiny = row('0.0000001');
    const smallest = row('0.000001');
    const problems = draftProblems([tiny, smallest, row('1e-7'), row('0,0000009')]);
    expect(problems.get(tiny.key)).toEqual(['planned-too-small', 'reported-too-small', 'previous-too-small']);
    expect(problems.has(smallest.key)).toBe(false);
    expect([...problems.values()].slice(1)).toEqual([
      ['planned-too-small', 'reported-too-small', 'previous-too-small'],
      ['planned-too-small', 'reported-too-small', 'previous-too-small'],
    ]);
  });

  test('say when a name or a unit of measure is longer than the protocol takes, counting the text as sent', () => {
    const row = (name: string, measure: string) => ({ ...emptyDraft(), name, measure, planned: '1', reported: '1' });
    const fits = row(`  ${'n'.repeat(200)}  `, 'm'.repeat(40));
    const tooLong = row('n'.repeat(201), 'm'.repeat(41));
    const problems = draftProblems([fits, tooLong]);
    expect(problems.has(fits.key)).toBe(false);
    expect(problems.get(tooLong.key)).toEqual(['name-too-long', 'measure-too-long']);
  });

  test('keep submitted ids and make unique ones for new rows, even from names without Latin letters', () => {
    const kept = { ...emptyDraft(), id: 'grain', name: 'Grain', measure: 't', planned: '1', reported: '1' };
    const fresh = [
      { ...emptyDraft(), name: 'Grain', measure: 't', planned: '1', reported: '1' },
      { ...emptyDraft(), name: '곡물', measure: 't', planned: '1', reported: '1' },
    ];
    expect(indicatorsFromDrafts([kept, ...fresh]).map((i) => i.id)).toEqual(['grain', 'grain-2', 'indicator-3']);
  });

  test('carry each indicator’s direction from the report to the submission; none means higher-is-better', () => {
    const base = {
      weight: 1,
      isProduction: false,
      previous: null,
      partOf: null,
      verified: null,
      finding: null,
      evidence: null,
    };
    const report: ReportState = {
      unitId: 'unit',
      note: null,
      submittedAt: '2026-04-01T09:00:00.000Z',
      submittedBy: 'presenter',
      revision: 1,
      history: [],
      indicators: [
        { ...base, id: 'fuel', name: 'Fuel', measure: 't', planned: 100, reported: 80, direction: 'lower-is-better' },
        { ...base, id: 'grain', name: 'Grain', measure: 't', planned: 10, reported: 9 },
      ],
    };
    const drafts = draftsFromReport(report);
    expect(drafts.map((d) => d.direction)).toEqual(['lower-is-better', 'higher-is-better']);
    expect(indicatorsFromDrafts(drafts).map((i) => [i.id, i.direction])).toEqual([
      ['fuel', 'lower-is-better'],
      ['grain', 'higher-is-better'],
    ]);
    expect(emptyDraft().direction).toBe('higher-is-better');
  });

  test('are blank only as a new row is: anything typed or chosen counts', () => {
    expect(isBlankDraft(emptyDraft())).toBe(true);
    expect(isBlankDraft({ ...emptyDraft(), name: '  ' })).toBe(true);
    for (const change of [
      { name: 'Grain' },
      { planned: '10' },
      { previous: '9' },
      { weight: '2' },
      { isProduction: true },
      { direction: 'lower-is-better' as const },
    ]) {
      expect(isBlankDraft({ ...emptyDraft(), ...change }), JSON.stringify(change)).toBe(false);
    }
  });

  test('start from the period before’s: its ids and descriptions, its achieved figure as previous, no plan or result', () => {
    const before = { weight: 1, isProduction: false, previous: 7, partOf: null };
    const drafts = draftsFromPrevious([
      { ...before, id: 'grain', name: 'Grain', measure: 't', planned: 10, reported: 9, verified: 8, weight: 2 },
      { ...before, id: 'maize', name: 'Maize', measure: 't', planned: 4, reported: 3, verified: null, partOf: 'grain' },
      { ...before, id: 'fuel', name: 'Fuel', measure: 'kg', planned: 100, reported: 90, verified: null },
    ]);
    expect(drafts.map(({ key: _key, ...row }) => row)).toEqual([
      { ...emptyRow, id: 'grain', name: 'Grain', measure: 't', weight: '2', previous: '8' },
      { ...emptyRow, id: 'maize', name: 'Maize', measure: 't', previous: '3', partOf: 'grain' },
      // Logged before indicators had a direction: higher is better.
      { ...emptyRow, id: 'fuel', name: 'Fuel', measure: 'kg', previous: '90' },
    ]);
  });
});

const { key: _key, ...emptyRow } = emptyDraft();
