import { describe, expect, test } from 'vitest';
import { formatDate, formatDuration, formatFigure, formatPercent, formatPoints, formatShortDate } from './format';

describe('formatting by locale', () => {
  test('figures and percentages follow the locale', () => {
    expect(formatFigure(12500.5, 'en')).toBe('12,500.5');
    expect(formatFigure(12500.5, 'ko')).toBe('12,500.5');
    expect(formatFigure(12500.5, 'de')).toBe('12.500,5');
    expect(formatPercent(0.875, 'en')).toBe('87.5%');
    expect(formatPercent(0.875, 'ko')).toBe('87.5%');
    expect(formatPercent(null, 'ko')).toBe('—');
    expect(formatPoints(0.045, 'en')).toBe('+4.5');
  });

  test('dates follow the locale', () => {
    expect(formatDate('2026-04-01', 'en')).toBe('Wednesday, April 1');
    expect(formatDate('2026-04-01', 'ko')).toBe('4월 1일 수요일');
    expect(formatShortDate('2026-04-01', 'ko')).toBe('2026년 4월 1일');
  });

  test('durations', () => {
    expect(formatDuration(125_400)).toBe('2:05');
  });
});
