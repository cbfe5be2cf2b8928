import { describe, expect, test } from 'vitest';
import { draftProblems, emptyDraft, indicatorsFromDrafts, parseNumber, parsePastedIndicators } from './indicatorDraft';

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
  ])('%s reads as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  test.each(['', 'abc', '1..2', '12 t', '1,2,3.4.5'])('%j is not a number', (text) => {
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
        partOf: null,
      },
    ]);
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

  test('keep submitted ids and make unique ones for new rows, even from names without Latin letters', () => {
    const kept = { ...emptyDraft(), id: 'grain', name: 'Grain', measure: 't', planned: '1', reported: '1' };
    const fresh = [
      { ...emptyDraft(), name: 'Grain', measure: 't', planned: '1', reported: '1' },
      { ...emptyDraft(), name: '곡물', measure: 't', planned: '1', reported: '1' },
    ];
    expect(indicatorsFromDrafts([kept, ...fresh]).map((i) => i.id)).toEqual(['grain', 'grain-2', 'indicator-3']);
  });
});
