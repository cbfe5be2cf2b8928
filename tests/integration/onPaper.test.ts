import { demoData } from '@plenum/server';
import { emptySessionState, foldEvents, proposedWarnings, unitFlags, type CommandInput } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { sendOk } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { readyForNotice } from '../helpers/notice.js';
import { startTestServer } from '../helpers/startTestServer.js';

/*
 * "On paper" flags as a client sees them: the log read through a real socket, folded with the
 * shared reducer, and the session's own thresholds applied by the shared rules.
 */

const verifyCoal = (verified: number): CommandInput => ({
  type: 'report:verify',
  payload: {
    unitId: 'coal-mine-3',
    indicatorId: 'coal',
    verified,
    finding: 'Weighbridge records show less than reported.',
    evidence: null,
  },
});

describe('on-paper flags through the server', () => {
  test('rehearsal 3: a material reporting gap is flagged on paper whatever the plan', async () => {
    const server = await startTestServer();
    const [inspector, observer] = await Promise.all([server.connect('inspector'), server.connect('observer')]);
    // The demo's coal mine reported 280,000 t against a plan of 450,000 t: well under plan.
    await sendOk(inspector, server.sessionId, verifyCoal(241_500));
    const { events } = await joinSession(observer, server.sessionId);
    const state = foldEvents(emptySessionState(server.sessionId), events);
    expect(state.definition?.thresholds.reportingGap).toBe(0.05);
    expect(unitFlags(state, 'coal-mine-3')).toContainEqual({
      kind: 'verified-below-reported',
      indicatorId: 'coal',
      params: {
        planned: 450_000,
        reported: 280_000,
        verified: 241_500,
        gap: 38_500,
        share: 38_500 / 280_000,
        limit: 0.05,
      },
    });
  });

  test('rehearsal 3: the demo still tells its story: of its two verified units, only the overstated one is flagged', async () => {
    const server = await startTestServer();
    const observer = await server.connect('observer');
    const state = foldEvents(
      emptySessionState(server.sessionId),
      (await joinSession(observer, server.sessionId)).events,
    );
    const gapFlags = (unitId: string) =>
      unitFlags(state, unitId).filter(
        (f) => f.kind === 'verified-below-reported' || f.kind === 'verified-above-reported',
      );
    expect(gapFlags('harbour-fisheries').map((f) => [f.indicatorId, f.params.verified])).toEqual([['catch', 7_400]]);
    expect(state.reports['riverside-steel']?.indicators.find((i) => i.id === 'steel')?.verified).toBe(117_600);
    expect(gapFlags('riverside-steel')).toEqual([]);
  });

  test('rehearsal 3: the reporting-gap threshold is the session’s setting', async () => {
    const server = await startTestServer();
    const { sessionId, chair } = await server.app.sessions.createSession(
      { ...demoData.demoSession, thresholds: { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.2 } },
      demoData.demoUnits,
      'Chair',
    );
    const { token } = await server.app.sessions.invite(sessionId, {
      name: 'Inspector',
      role: 'inspector',
      unitId: null,
    });
    const [chairSocket, inspector] = await Promise.all([
      connectClient(server.url, { token: chair.token }),
      connectClient(server.url, { token }),
    ]);
    await sendOk(chairSocket, sessionId, {
      type: 'report:submit',
      payload: {
        unitId: 'coal-mine-3',
        note: null,
        indicators: [
          { id: 'coal', name: 'Coal', measure: 't', planned: 450_000, reported: 280_000, isProduction: true },
        ],
      },
    });
    await readyForNotice(server.app, sessionId, '2026-03-30', (command) => sendOk(chairSocket, sessionId, command));
    await sendOk(chairSocket, sessionId, { type: 'session:publish-notice', payload: { noticeDate: '2026-03-30' } });
    await sendOk(inspector, sessionId, verifyCoal(241_500));
    const state = foldEvents(emptySessionState(sessionId), (await joinSession(chairSocket, sessionId)).events);
    // 14 % is under this session's 20 %, and the plan is not met either way: no flag.
    expect(unitFlags(state, 'coal-mine-3')).toEqual([]);
    await sendOk(inspector, sessionId, verifyCoal(200_000));
    const after = foldEvents(emptySessionState(sessionId), (await joinSession(chairSocket, sessionId)).events);
    expect(unitFlags(after, 'coal-mine-3').map((f) => [f.kind, f.params.limit])).toEqual([
      ['verified-below-reported', 0.2],
    ]);
  });

  test('rehearsal 4: a revision after the notice that lifts a unit over the warning threshold is flagged, before and after', async () => {
    const server = await startTestServer();
    const [presenter, observer] = await Promise.all([server.connect('presenter'), server.connect('observer')]);
    const folded = async () =>
      foldEvents(emptySessionState(server.sessionId), (await joinSession(observer, server.sessionId)).events);
    // The demo's notice is out and day 1 open; Eastfield Cement reported 52,000 t of 80,000 t (65 %).
    expect(proposedWarnings(await folded()).map((p) => p.unitId)).toContain('eastfield-cement');
    const cement = demoData.demoReports.find((r) => r.unitId === 'eastfield-cement')!;
    await sendOk(presenter, server.sessionId, {
      type: 'report:submit',
      payload: {
        ...cement,
        indicators: cement.indicators.map((i) => (i.id === 'cement' ? { ...i, reported: 56_000 } : i)),
      },
    });
    const state = await folded();
    // Exactly 70 %: the proposed warning is gone, and the flag says why.
    expect(proposedWarnings(state).map((p) => p.unitId)).not.toContain('eastfield-cement');
    expect(unitFlags(state, 'eastfield-cement').filter((f) => f.kind === 'revised-after-notice')).toEqual([
      {
        kind: 'revised-after-notice',
        indicatorId: 'cement',
        params: {
          at: expect.any(String) as string,
          plannedFrom: 80_000,
          plannedTo: 80_000,
          reportedFrom: 52_000,
          reportedTo: 56_000,
          from: 0.65,
          to: 0.7,
          crossed: 'yes',
          threshold: 0.7,
          limit: 0.05,
        },
      },
    ]);
  });
});
