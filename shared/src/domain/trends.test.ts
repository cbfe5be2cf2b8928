import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent, type UnitPeriod } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { productionReport as report, unitAdded as unit } from '../test/units.js';
import { foldEvents } from './reducer.js';
import { emptySessionState, type SessionState } from './state.js';
import { periodFigures, previousQuarter, trendsOf, underThresholdStreak } from './trends.js';

/** A session of `period` following `previous`, folded from `events` under its own id. */
function session(id: string, period: string, previous: string | null, events: NewEvent[]): SessionState {
  const header = { ...created, payload: { ...created.payload, period, previousSessionId: previous } } as NewEvent;
  const log = logOf([header, ...events]).map((event) => ({ ...event, sessionId: id }));
  return foldEvents(emptySessionState(id), log);
}

const warning = (id: string, unitId: string, sessionId: string, period: string) => ({
  id,
  unitId,
  status: 'open' as const,
  fulfilment: 0.5,
  threshold: 0.7,
  note: null,
  issuedAt: '2026-01-01T00:00:00.000Z',
  sessionId,
  period,
  decisionNote: null,
});

// Three quarters: A stays under 70 % (50 %, 60 %, then 65 % verified against 80 % reported);
// B falls under only in the third. Q1 warns A; Q2 escalates that warning and warns A again;
// Q3 carries the Q2 warning, still open, and waives B.
const q1 = session('q1', '2026-Q1', null, [
  unit('a'),
  unit('b'),
  report('a', 100, 50),
  report('b', 100, 90),
  newEvent('warning:issued', { warningId: 'w1', unitId: 'a', fulfilment: 0.5, threshold: 0.7, note: null }),
]);
const q2 = session('q2', '2026-Q2', 'q1', [
  unit('a'),
  unit('b'),
  newEvent('warning:carried-over', { warning: warning('w1', 'a', 'q1', '2026-Q1'), fromSessionId: 'q1' }),
  report('a', 100, 60),
  report('b', 100, 80),
  newEvent('warning:escalated', { warningId: 'w1', note: 'Still lagging.' }),
  newEvent('warning:issued', { warningId: 'w2', unitId: 'a', fulfilment: 0.6, threshold: 0.7, note: null }),
]);
const q3 = session('q3', '2026-Q3', 'q2', [
  unit('a'),
  unit('b'),
  newEvent('warning:carried-over', { warning: warning('w2', 'a', 'q2', '2026-Q2'), fromSessionId: 'q2' }),
  report('a', 100, 80),
  newEvent('report:verified', {
    unitId: 'a',
    indicatorId: 'p',
    verified: 65,
    finding: 'Counted twice.',
    evidence: null,
  }),
  report('b', 100, 60),
  newEvent('warning:waived', { unitId: 'b', fulfilment: 0.6, reason: 'Flood.' }),
]);
const periods = [q1, q2, q3].map((s) => periodFigures(s)!);

describe('trends across quarters', () => {
  test('a unit’s series: fulfilment, reporting gap, flags and warnings per period — checked by hand', () => {
    const a = trendsOf(periods)!.units.find((u) => u.unit.id === 'a')!;
    expect(a.points.map((p) => [p.period, p.production, p.reportedProduction, p.isUnderThreshold])).toEqual([
      ['2026-Q1', 0.5, 0.5, true],
      ['2026-Q2', 0.6, 0.6, true],
      ['2026-Q3', 0.65, 0.8, true],
    ]);
    // (80 − 65) / 80: the report claimed 15 t more than the inspector found.
    expect(a.points.map((p) => p.reportingGap)).toEqual([null, null, 15 / 80]);
    expect(a.points[2]!.flags).toEqual(['verified-below-reported']);
    expect(a.points.map((p) => [p.isWarned, p.secondReview])).toEqual([
      [true, null],
      [true, 'escalated'],
      [false, 'open'],
    ]);
    expect(a.streak).toEqual({ quarters: 3, threshold: 0.7, from: '2026-Q1', to: '2026-Q3' });
  });

  test('a unit under the threshold only in the latest quarter has a streak of one; one above it, none', () => {
    const trends = trendsOf(periods)!;
    expect(trends.units.map((u) => [u.unit.id, u.streak?.quarters ?? 0])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(trendsOf(periods.slice(0, 2))!.units.find((u) => u.unit.id === 'b')!.streak).toBeNull();
  });

  test('warnings issued, carried, lifted, escalated and waived per period', () => {
    expect(trendsOf(periods)!.warnings).toEqual([
      { period: '2026-Q1', sessionId: 'q1', issued: 1, carried: 0, lifted: 0, escalated: 0, waived: 0 },
      { period: '2026-Q2', sessionId: 'q2', issued: 1, carried: 1, lifted: 0, escalated: 1, waived: 0 },
      { period: '2026-Q3', sessionId: 'q3', issued: 0, carried: 1, lifted: 0, escalated: 0, waived: 1 },
    ]);
  });

  test('units of earlier periods only follow the latest session’s units', () => {
    const q4 = periodFigures(session('q4', '2026-Q4', 'q3', [unit('b'), report('b', 100, 100)]))!;
    expect(trendsOf([...periods, q4])!.units.map((u) => [u.unit.id, u.points.length, u.streak])).toEqual([
      ['b', 4, null],
      ['a', 3, null],
    ]);
  });

  test('a quarter missing from the chain, or without a figure, ends a streak', () => {
    const point = (period: string, production: number | null): UnitPeriod => ({
      ...periods[0]!.units[0]!.figures,
      period,
      production,
    });
    expect(underThresholdStreak([point('2025-Q4', 0.5), point('2026-Q1', 0.5)], '2026-Q1')?.quarters).toBe(2);
    expect(underThresholdStreak([point('2025-Q3', 0.5), point('2026-Q1', 0.5)], '2026-Q1')?.quarters).toBe(1);
    expect(underThresholdStreak([point('2025-Q4', null), point('2026-Q1', 0.5)], '2026-Q1')?.quarters).toBe(1);
    // Not under the threshold now, or absent from the latest period: no streak.
    expect(underThresholdStreak([point('2025-Q4', 0.5), point('2026-Q1', 0.7)], '2026-Q1')).toBeNull();
    expect(underThresholdStreak([point('2025-Q4', 0.5)], '2026-Q1')).toBeNull();
  });

  test('quarters count back across a year', () => {
    expect(['2026-Q1', '2026-Q4', '2026-Q2'].map(previousQuarter)).toEqual(['2025-Q4', '2026-Q3', '2026-Q1']);
  });

  test('no trend without a session', () => {
    expect(trendsOf([])).toBeNull();
    expect(periodFigures(emptySessionState('x'))).toBeNull();
  });
});
