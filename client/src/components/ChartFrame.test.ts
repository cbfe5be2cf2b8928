import { describe, expect, it } from 'vitest';
import { rowLabel } from './ChartFrame';

describe('rowLabel', () => {
  it('keeps a label that fits', () => {
    expect(rowLabel('Cement', false, 10)).toBe('Cement');
  });

  it('shortens a long label with an ellipsis', () => {
    expect(rowLabel('Cement output', false, 8)).toBe('Cement …');
  });

  it('leads a flagged label with a warning sign within the same width', () => {
    expect(rowLabel('Cement output', true, 8)).toBe('⚠ Cemen…');
    expect(rowLabel('Cement', true, 10)).toBe('⚠ Cement');
  });
});
