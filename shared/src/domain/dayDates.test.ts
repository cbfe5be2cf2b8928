import { describe, expect, test } from 'vitest';
import { addDays, conveneDayProblems, dayInTheWay, daysBetween } from './dayDates.js';

describe('day dates', () => {
  test('days are counted across months and years, both ways', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2026-12-25', '2027-01-08')).toBe(14);
    expect(daysBetween('2027-01-08', '2026-12-25')).toBe(-14);
  });

  test('a day being convened may not be before today nor on or before the day ahead of it', () => {
    const days = [{ date: '2026-12-05' }, { date: '2026-12-08' }, { date: '2026-12-08' }, { date: '' }];
    expect(conveneDayProblems(days, '2026-12-06')).toEqual([
      { index: 0, problem: 'day-in-past', today: '2026-12-06' },
      { index: 2, problem: 'day-out-of-order', after: '2026-12-08' },
    ]);
    expect(conveneDayProblems([{ date: '2026-12-06' }, { date: '2026-12-07' }], '2026-12-06')).toEqual([]);
    // Without today, only the order: a review of an earlier quarter.
    expect(conveneDayProblems(days, null)).toEqual([{ index: 2, problem: 'day-out-of-order', after: '2026-12-08' }]);
  });

  test('a day moved on or past a neighbour has that neighbour in its way', () => {
    const days = [{ date: '2026-12-08' }, { date: '2026-12-10' }, { date: '2026-12-12' }];
    expect(dayInTheWay(days, 1, '2026-12-12')).toBe(days[2]);
    expect(dayInTheWay(days, 1, '2026-12-08')).toBe(days[0]);
    expect(dayInTheWay(days, 1, '2026-12-11')).toBeNull();
    expect(dayInTheWay(days, 0, '2026-12-01')).toBeNull();
  });
});
