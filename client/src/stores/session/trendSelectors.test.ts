import { foldEvents, emptySessionState, newEvent, type NewEvent, type SessionEvent, type Trends } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { trendSelectors } from './trendSelectors';

const at = '2026-07-13T09:00:00.000Z';
const log = (events: NewEvent[]): SessionEvent[] =>
  events.map((event, i) => ({ ...event, seq: i + 1, sessionId: 'q2', at, actorId: 'chair' }));
const unit = {
  id: 'mine',
  name: 'Mine',
  kind: 'enterprise',
  parentId: null,
  ownership: 'state',
  sector: 'M',
  class: null,
  region: 'N',
} as const;
const report = (reported: number) =>
  newEvent('report:submitted', {
    unitId: 'mine',
    note: null,
    indicators: [
      {
        id: 'p',
        name: 'Output',
        measure: 't',
        planned: 100,
        reported,
        weight: 1,
        isProduction: true,
        previous: null,
        partOf: null,
      },
    ],
  });
const created = newEvent('session:created', {
  title: 'Q2',
  period: '2026-Q2',
  organisation: 'Centre',
  days: [{ id: 'd1', date: '2026-07-13', title: 'Day 1' }],
  thresholds: { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 },
  conferenceLink: null,
  createdAt: at,
  organiserUnitId: null,
  previousSessionId: 'q1',
});

/** The server's answer as of before this session's report: Q1 at 50 %, Q2 without a figure yet. */
const q1Point = {
  period: '2026-Q1',
  sessionId: 'q1',
  production: 0.5,
  reportedProduction: 0.5,
  overall: 0.5,
  reportingGap: null,
  threshold: 0.7,
  isUnderThreshold: true,
  flags: [],
  isWarned: true,
  secondReview: null,
};
const answer: Trends = {
  sessionId: 'q2',
  organisation: 'Centre',
  periods: [],
  units: [
    { unit, points: [q1Point, { ...q1Point, period: '2026-Q2', sessionId: 'q2', production: null }], streak: null },
  ],
  warnings: [
    { period: '2026-Q1', sessionId: 'q1', issued: 1, carried: 0, lifted: 0, escalated: 0, waived: 0 },
    { period: '2026-Q2', sessionId: 'q2', issued: 0, carried: 0, lifted: 0, escalated: 0, waived: 0 },
  ],
};

describe('trend selectors', () => {
  test('this quarter comes live from the store, the earlier ones from the server’s answer', () => {
    const state = foldEvents(emptySessionState('q2'), log([created, newEvent('unit:added', { unit }), report(60)]));
    const trend = trendSelectors.unitTrend(state, 'mine', answer)!;
    expect(trend.points.map((p) => [p.period, p.production])).toEqual([
      ['2026-Q1', 0.5],
      ['2026-Q2', 0.6],
    ]);
    expect(trend.streak).toEqual({ quarters: 2, threshold: 0.7, from: '2026-Q1', to: '2026-Q2' });
    expect(trendSelectors.streaks(state, answer).map((t) => t.unit.id)).toEqual(['mine']);
    // Above the threshold now: no streak.
    const recovered = foldEvents(
      state,
      log([report(90)]).map((e) => ({ ...e, seq: 4 })),
    );
    expect(trendSelectors.unitTrend(recovered, 'mine', answer)!.streak).toBeNull();
    expect(trendSelectors.streaks(recovered, answer)).toEqual([]);
  });

  test('before the answer arrives, the live quarter alone; warnings per quarter with this one live', () => {
    const state = foldEvents(emptySessionState('q2'), log([created, newEvent('unit:added', { unit }), report(60)]));
    expect(trendSelectors.unitTrend(state, 'mine', null)!.points.map((p) => p.period)).toEqual(['2026-Q2']);
    expect(trendSelectors.unitTrend(state, 'nobody', null)).toBeNull();
    expect(trendSelectors.unitChoices(state, null)).toEqual([{ id: 'mine', name: 'Mine' }]);
    const waived = foldEvents(
      state,
      log([newEvent('warning:waived', { unitId: 'mine', fulfilment: 0.6, reason: 'Flood.' })]).map((e) => ({
        ...e,
        seq: 4,
      })),
    );
    expect(trendSelectors.warningTrend(waived, answer).map((w) => [w.period, w.issued, w.waived])).toEqual([
      ['2026-Q1', 1, 0],
      ['2026-Q2', 0, 1],
    ]);
  });
});
