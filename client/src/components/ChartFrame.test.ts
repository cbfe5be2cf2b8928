import { describe, expect, it } from 'vitest';
import { rowLabel } from './ChartFrame';

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
