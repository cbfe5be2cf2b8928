import { describe, expect, test } from 'vitest';
import { IsoDateSchema, NameSchema, PeriodSchema, PlannedSchema, QuantitySchema, TextSchema } from './common.js';
import { IndicatorSchema } from './report.js';

const refusal = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : result.error?.issues.map((i) => i.message);

describe('rehearsal 15: the valid ranges of the protocol', () => {
  test('one-line text: visible, no control, line or paragraph separator, no bidi override or isolate', () => {
    for (const name of ['Eastfield Cement Plant', '동부 시멘트 공장', 'Crew 👩‍🔧', 'ﺍﻟﻤﺼﻨﻊ\u200f 2', '  trimmed  ']) {
      expect(NameSchema.safeParse(name).success, name).toBe(true);
    }
    expect(NameSchema.parse('  trimmed  ')).toBe('trimmed');
    expect(refusal(NameSchema.safeParse('\u200b\u200c\u200d\u2060\ufeff\u00ad'))).toEqual([
      'must contain visible characters',
    ]);
    expect(refusal(NameSchema.safeParse('\u3164'))).toEqual(['must contain visible characters']);
    expect(refusal(NameSchema.safeParse('a\u0085b'))).toEqual(['no control characters']);
    expect(refusal(NameSchema.safeParse('a\nb'))).toEqual(['no control characters']);
    expect(refusal(NameSchema.safeParse('a\u2028b'))).toEqual(['one line: no line or paragraph separator']);
    for (const bidi of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(NameSchema.safeParse(`Cement ${bidi}tnemec`).success, bidi.codePointAt(0)?.toString(16)).toBe(false);
    }
  });

  test('multi-line text keeps line breaks and tabs, nothing else that controls or reorders', () => {
    expect(TextSchema.parse('Output fell.\r\n\tKiln 2 down.\n')).toBe('Output fell.\r\n\tKiln 2 down.');
    expect(refusal(TextSchema.safeParse('\u200b\n\u200d'))).toEqual(['must contain visible characters']);
    expect(refusal(TextSchema.safeParse('a\u0085b'))).toEqual(['no control characters']);
    expect(refusal(TextSchema.safeParse('a\u0000b'))).toEqual(['no control characters']);
    expect(refusal(TextSchema.safeParse('a\u2029b'))).toEqual(['no line or paragraph separator: use a line break']);
    expect(TextSchema.safeParse('a \u202e b').success).toBe(false);
  });

  test('dates and periods fall from 2000 to 2100', () => {
    for (const date of ['2000-01-01', '2026-04-13', '2100-12-31'])
      expect(IsoDateSchema.safeParse(date).success).toBe(true);
    for (const date of ['0000-01-01', '1999-12-31', '2101-01-01', '2026-02-30']) {
      expect(IsoDateSchema.safeParse(date).success, date).toBe(false);
    }
    expect(PeriodSchema.safeParse('2026-Q1').success).toBe(true);
    expect(PeriodSchema.safeParse('0000-Q1').success).toBe(false);
  });

  test('a plan is from 1e-6 to 1e15; a reported, verified or previous figure is 0 or from 1e-6 to 1e15', () => {
    for (const planned of [1e-6, 1, 80_000, 1e15]) expect(PlannedSchema.safeParse(planned).success).toBe(true);
    for (const planned of [0, -80_000, 5e-324, 1e-7, 1e16, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(PlannedSchema.safeParse(planned).success, String(planned)).toBe(false);
    }
    for (const value of [0, 1e-6, 52_000, 1e15]) expect(QuantitySchema.safeParse(value).success).toBe(true);
    for (const value of [-1, -0.5, 5e-324, 1e16, Number.NaN]) {
      expect(QuantitySchema.safeParse(value).success, String(value)).toBe(false);
    }
  });

  test('an indicator refused names its field', () => {
    const indicator = { id: 'cement', name: 'Cement', measure: 't', planned: 5e-324, reported: -1 };
    const result = IndicatorSchema.safeParse(indicator);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['planned', 'reported']);
  });
});
