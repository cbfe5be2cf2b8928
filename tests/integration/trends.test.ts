import {
  defaultThresholds,
  type CommandInput,
  type OrganisationUnit,
  type ReviewSessionDefinition,
  type Trends,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, resourceOf } from '../helpers/api.js';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { readyForNotice } from '../helpers/notice.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

/*
 * Three quarters of one organisation, each session convened to follow up the one before, on the
 * real server with its SQLite file: the trends of the third, read over REST, give each unit's
 * series and the warnings of each quarter, as the chair's decisions made them.
 */

const unit = (id: string): OrganisationUnit => ({
  id,
  name: `Unit ${id}`,
  kind: 'enterprise',
  parentId: null,
  ownership: 'state',
  sector: 'Mining',
  class: null,
  region: 'North',
});

const quarter = (n: 1 | 2 | 3, previousSessionId: string | null): Omit<ReviewSessionDefinition, 'createdAt'> => ({
  title: `Q${n} review`,
  period: `2026-Q${n}`,
  organisation: 'Central Committee',
  days: [{ id: `q${n}-d1`, date: `2026-0${n * 3 + 1}-13`, title: 'Day 1' }],
  thresholds: defaultThresholds,
  conferenceLink: null,
  organiserUnitId: null,
  previousSessionId,
});

const report = (unitId: string, reported: number): CommandInput => ({
  type: 'report:submit',
  payload: {
    unitId,
    note: null,
    indicators: [
      {
        id: 'output',
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
  },
});

/** Production reported per quarter, out of 100 planned: the mine stays under 70 %, the quarry recovers. */
const reported: Record<string, [number, number, number]> = { mine: [50, 60, 80], quarry: [60, 90, 95] };

/**
 * Holds one quarter's review: reports, the notice, a day opened and each unit presented, the second reviews decided
 * (`decide` names lift or escalate per unit), warnings issued to the units in `warn`, the session closed.
 */
async function holdQuarter(
  server: TestServer,
  n: 1 | 2 | 3,
  previousSessionId: string | null,
  decide: Record<string, 'warning:lift' | 'warning:escalate'>,
  warn: readonly string[],
  beforeDecisions: (sessionId: string) => Promise<void> = () => Promise.resolve(),
): Promise<{ sessionId: string; chairToken: string }> {
  const { sessionId, chair } = await server.app.sessions.createSession(
    quarter(n, previousSessionId),
    previousSessionId === null ? [unit('mine'), unit('quarry')] : [],
    `Chair Q${n}`,
  );
  const socket = await connectClient(server.url, { token: chair.token });
  const run = async (command: CommandInput) => expectOk(await sendCommand(socket, sessionId, command));
  for (const [unitId, figures] of Object.entries(reported)) await run(report(unitId, figures[n - 1]!));
  for (const unitId of Object.keys(reported)) {
    await run({
      type: 'agenda:add-item',
      payload: { dayId: `q${n}-d1`, unitId, topic: `Unit ${unitId}`, plannedMinutes: 15 },
    });
  }
  await readyForNotice(server.app, sessionId, '2026-01-02', run);
  await run({ type: 'session:publish-notice', payload: { noticeDate: '2026-01-02' } });
  await run({ type: 'day:open', payload: { dayId: `q${n}-d1` } });
  // Each unit presents: the minutes show a unit's figures once it has.
  for (const item of Object.values((await server.app.commands.state(sessionId)).agenda)) {
    await run({ type: 'agenda:start-item', payload: { itemId: item.id } });
    await run({ type: 'agenda:close-item', payload: { itemId: item.id } });
  }
  await beforeDecisions(sessionId);
  const state = await server.app.commands.state(sessionId);
  for (const id of state.warningOrder) {
    const warning = state.warnings[id]!;
    await run({ type: decide[warning.unitId]!, payload: { warningId: id, note: 'Second review.' } });
  }
  // The close is refused while a unit under the threshold has no warning: these must be all of them.
  for (const unitId of warn) await run({ type: 'warning:issue', payload: { unitId, note: null } });
  await run({ type: 'session:close', payload: {} });
  return { sessionId, chairToken: chair.token };
}

describe('trends across quarters', () => {
  test('three quarters in a chain: each unit’s series, its streak under 70 %, and the warnings per quarter', async () => {
    const server = await startTestServer();
    const q1 = await holdQuarter(server, 1, null, {}, ['mine', 'quarry']);
    const q2 = await holdQuarter(server, 2, q1.sessionId, { mine: 'warning:escalate', quarry: 'warning:lift' }, [
      'mine',
    ]);
    // In Q3 the inspector finds the mine's 80 t to be 65 t: on paper only.
    const q3 = await holdQuarter(server, 3, q2.sessionId, { mine: 'warning:escalate' }, ['mine'], async (sessionId) => {
      const inspector = await server.app.sessions.invite(sessionId, {
        name: 'Inspector',
        role: 'inspector',
        unitId: null,
      });
      const socket = await connectClient(server.url, { token: inspector.token });
      expectOk(
        await sendCommand(socket, sessionId, {
          type: 'report:verify',
          payload: { unitId: 'mine', indicatorId: 'output', verified: 65, finding: 'Counted twice.', evidence: null },
        }),
      );
    });

    const trends = resourceOf<Trends>(
      await api(server.url, `/api/v1/sessions/${q3.sessionId}/trends`, { token: q3.chairToken }),
    );
    expect(trends.periods.map((p) => [p.period, p.sessionId, p.status])).toEqual([
      ['2026-Q1', q1.sessionId, 'closed'],
      ['2026-Q2', q2.sessionId, 'closed'],
      ['2026-Q3', q3.sessionId, 'closed'],
    ]);
    const series = (unitId: string) => trends.units.find((u) => u.unit.id === unitId)!;
    expect(
      series('mine').points.map((p) => [
        p.period,
        p.production,
        p.reportedProduction,
        p.reportingGap,
        p.isWarned,
        p.secondReview,
      ]),
    ).toEqual([
      ['2026-Q1', 0.5, 0.5, null, true, null],
      ['2026-Q2', 0.6, 0.6, null, true, 'escalated'],
      ['2026-Q3', 0.65, 0.8, 15 / 80, true, 'escalated'],
    ]);
    expect(series('mine').points[2]!.flags).toContain('verified-below-reported');
    expect(series('mine').streak).toEqual({ quarters: 3, threshold: 0.7, from: '2026-Q1', to: '2026-Q3' });
    expect(series('quarry').points.map((p) => [p.production, p.isUnderThreshold, p.isWarned, p.secondReview])).toEqual([
      [0.6, true, true, null],
      [0.9, false, false, 'lifted'],
      [0.95, false, false, null],
    ]);
    expect(series('quarry').streak).toBeNull();
    expect(
      trends.warnings.map(({ period, issued, carried, lifted, escalated }) => [
        period,
        issued,
        carried,
        lifted,
        escalated,
      ]),
    ).toEqual([
      ['2026-Q1', 2, 0, 0, 0],
      ['2026-Q2', 1, 2, 1, 1],
      ['2026-Q3', 1, 1, 0, 1],
    ]);

    // In process, the read model answers the same (for tests that drive the server directly).
    expect(await server.app.trends.trends(q3.sessionId)).toEqual(trends);

    // The minutes name the mine's streak in its section, the quarry's not at all.
    const minutes = await fetch(`${server.url}/api/sessions/${q3.sessionId}/minutes.md`, {
      headers: { authorization: `Bearer ${q3.chairToken}` },
    });
    const text = await minutes.text();
    expect(text).toContain('\n### Unit mine\n');
    expect(text.split('### Unit mine')[1]!.split('### ')[0]).toContain(
      '3rd quarter in a row under 70% (2026-Q1 to 2026-Q3).',
    );
    expect(text.match(/quarter in a row/g)).toHaveLength(1);

    // The second quarter's trends end with it.
    const q2Trends = resourceOf<Trends>(
      await api(server.url, `/api/v1/sessions/${q2.sessionId}/trends`, { token: q2.chairToken }),
    );
    expect(q2Trends.periods.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2']);
    expect(q2Trends.units.find((u) => u.unit.id === 'mine')!.streak?.quarters).toBe(2);
  });

  test('the big screen, whose screens show no warnings, is refused; an unknown session is not found', async () => {
    const server = await startTestServer();
    const path = `/api/v1/sessions/${server.sessionId}/trends`;
    const observer = await api(server.url, path, { token: server.tokens.observer });
    expect(observer.status).toBe(403);
    expect(observer.body).toMatchObject({ code: 'FORBIDDEN' });
    // Negative control: the same session's official reads it.
    expect((await api(server.url, path, { token: server.tokens.official })).status).toBe(200);
    const unknown = await api(server.url, '/api/v1/sessions/no-such-session/trends', {
      token: server.tokens.administrator,
    });
    expect(unknown.status).toBe(404);
  });
});
