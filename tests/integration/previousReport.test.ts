import { demoData } from '@plenum/server';
import type { IndicatorState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { startTestServer } from '../helpers/startTestServer.js';

/*
 * The report of the quarter before, on the real server: a Q2 review convened to follow up the
 * demo's Q1 review (its fisheries' catch verified lower than reported) answers each unit's Q1
 * indicators to those who submit the unit's Q2 report, for the form to start from.
 */

interface PreviousReport {
  sessionId: string;
  period: string;
  indicators: Omit<IndicatorState, 'finding' | 'evidence'>[];
}

const path = (sessionId: string, unitId: string) => `/api/sessions/${sessionId}/units/${unitId}/previous-report`;

describe('the report of the quarter before', () => {
  test('a Q2 presenter reads its unit’s Q1 indicators with their verified values; others’ units and other roles are refused', async () => {
    const server = await startTestServer();
    const q1 = server.sessionId;
    const { sessionId: q2, chair } = await server.app.sessions.createSession(
      {
        ...demoData.demoSession,
        title: 'Northern Province — second-quarter economic review',
        period: '2026-Q2',
        days: [{ id: 'q2-day-1', date: '2026-07-13', title: 'Day 1' }],
        previousSessionId: q1,
      },
      [],
      'Chair Q2',
    );
    const invite = async (role: 'presenter' | 'official', unitId: string | null) =>
      (await server.app.sessions.invite(q2, { name: `${role} ${unitId ?? ''}`, role, unitId })).token;
    const fisheries = await invite('presenter', 'harbour-fisheries');

    const previous = dataOf(
      await api<PreviousReport | null>(server.url, path(q2, 'harbour-fisheries'), { token: fisheries }),
    );
    const submitted = demoData.demoReports.find((r) => r.unitId === 'harbour-fisheries')!.indicators;
    expect(previous).toEqual({
      sessionId: q1,
      period: '2026-Q1',
      // As submitted in Q1, each with the inspector's verified value (the catch: 7,400 t of 9,000 reported).
      indicators: submitted.map((indicator) => ({ ...indicator, verified: indicator.id === 'catch' ? 7_400 : null })),
    });
    // The inspection's finding and evidence are not the form's business.
    expect(previous!.indicators.every((i) => !('finding' in i) && !('evidence' in i))).toBe(true);

    // The chair submits any unit's report, so reads any unit's quarter before.
    const steel = dataOf(
      await api<PreviousReport | null>(server.url, path(q2, 'riverside-steel'), { token: chair.token }),
    );
    expect(steel!.indicators.find((i) => i.id === 'steel')).toMatchObject({ reported: 118_000, verified: 117_600 });

    // A unit without a Q1 report: nothing to start from.
    expect(dataOf(await api(server.url, path(q2, 'northern-province'), { token: chair.token }))).toBeNull();
    // A unit the session does not review.
    expect((await api(server.url, path(q2, 'atlantis'), { token: chair.token })).status).toBe(404);

    // A presenter reads its own unit only; an official, who submits no report, none.
    expect((await api(server.url, path(q2, 'riverside-steel'), { token: fisheries })).status).toBe(403);
    const official = await invite('official', null);
    expect((await api(server.url, path(q2, 'harbour-fisheries'), { token: official })).status).toBe(403);
    // An invitation to Q1 does not open Q2.
    expect((await api(server.url, path(q2, 'harbour-fisheries'), { token: server.tokens.chair })).status).toBe(403);
  });

  test('Q1 follows up the demo’s Q4 review: the coal mine’s Q4 report; a session following none answers null', async () => {
    const server = await startTestServer();
    const { token } = await server.invite('presenter', 'coal-mine-3');
    const previous = dataOf(
      await api<PreviousReport | null>(server.url, path(server.sessionId, 'coal-mine-3'), { token }),
    );
    expect(previous).toMatchObject({ period: '2025-Q4', indicators: [{ id: 'coal', reported: 262_000 }] });

    const { sessionId, chair } = await server.app.sessions.createSession(
      { ...demoData.demoSession, previousSessionId: null },
      demoData.demoUnits,
      'Chair',
    );
    expect(dataOf(await api(server.url, path(sessionId, 'coal-mine-3'), { token: chair.token }))).toBeNull();
  });
});
