import { describe, expect, it } from 'vitest';
import { labelColumnWidth, rowLabel, wrappedRowLabel } from './ChartFrame';

/** A character is 10 px wide: a label of 8 characters fits 80. */
const tenEach = (text: string) => [...text].length * 10;

describe('rowLabel', () => {
  it('keeps a label that fits', () => {
    expect(rowLabel('Cement', false, 100, tenEach)).toBe('Cement');
  });

  it('shortens a long label with an ellipsis to the longest start that fits, without a space before it', () => {
    expect(rowLabel('Cement output', false, 80, tenEach)).toBe('Cement…');
    expect(rowLabel('Cement output', false, 90, tenEach)).toBe('Cement o…');
  });

  it('leads a flagged label with a warning sign within the same width', () => {
    expect(rowLabel('Cement output', true, 80, tenEach)).toBe('⚠ Cemen…');
    expect(rowLabel('Cement', true, 80, tenEach)).toBe('⚠ Cement');
  });

  it('counts Hangul by its own width where the page cannot measure: wider than Latin', () => {
    const name = '북부 석탄 광산 제3호 탄광 생산 부문';
    // 13 px a syllable, 7.5 a space, a digit and the ellipsis: 141.5 px, the next syllable over 150.
    expect(rowLabel(name, false, 150)).toBe('북부 석탄 광산 제3호…');
    expect(rowLabel('Northern Coal Mine No. 3', false, 200)).toBe('Northern Coal Mine No. 3');
  });
});

describe('wrappedRowLabel', () => {
  it('keeps a label that fits on one line', () => {
    expect(wrappedRowLabel('Cement (t)', false, 100, tenEach)).toEqual(['Cement (t)']);
  });

  it('breaks a long label between words onto a second line, as a phone shows an indicator and its measure', () => {
    expect(wrappedRowLabel('Fuel per tonne (kg)', false, 150, tenEach)).toEqual(['Fuel per tonne', '(kg)']);
    expect(wrappedRowLabel('Fuel per tonne (kg)', true, 150, tenEach)).toEqual(['⚠ Fuel per', 'tonne (kg)']);
  });

  it('cuts the second line with an ellipsis where the rest does not fit, and a first word too long on one line', () => {
    expect(wrappedRowLabel('Export earnings (thousand $)', false, 100, tenEach)).toEqual(['Export', 'earnings…']);
    expect(wrappedRowLabel('Electrification (%)', false, 80, tenEach)).toEqual(['Electri…']);
  });
});

describe('labelColumnWidth', () => {
  const rows = [
    { label: 'Cement', isFlagged: false },
    { label: 'Clinker', isFlagged: true },
  ];

  it('is as wide as the longest label, its warning sign included, and the gap', () => {
    expect(labelColumnWidth(rows, 8, 300, tenEach)).toBe(98);
  });

  it('is at most its share of the drawing, where the longer labels are cut', () => {
    expect(labelColumnWidth(rows, 8, 60, tenEach)).toBe(60);
  });
});
