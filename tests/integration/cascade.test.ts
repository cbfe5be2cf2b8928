import {
  defaultThresholds,
  proposedWarnings,
  type AnswerData,
  type CascadeBody,
  type CommandInput,
  type OrganisationUnit,
  type ReviewSessionDefinition,
  type SessionState,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, resourceOf, tokenOf } from '../helpers/api.js';
import { connectClient, type ClientSocket } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { readyForNotice } from '../helpers/notice.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

/*
 * The cascade down the line over three quarters and two levels, through the real server, its
 * REST API and real sockets: the centre's Q1 review warns and orders an explanation; the
 * province convenes its follow-up from it in one step and warns its workplaces at its own
 * threshold; the county does the same from the province's; the workplace's explanation climbs
 * county → province → centre, each level adding its remarks in its own session; the province's
 * own warnings are followed at its Q2 and Q3 sessions.
 */

const unit = (id: string, kind: OrganisationUnit['kind'], parentId: string | null): OrganisationUnit => ({
  id,
  name: `Unit ${id}`,
  kind,
  parentId,
  ownership: 'state',
  sector: 'Industry',
  class: null,
  region: 'North',
});

const units: OrganisationUnit[] = [
  unit('centre', 'centre', null),
  unit('province', 'province', 'centre'),
  unit('county', 'county', 'province'),
  unit('mine', 'enterprise', 'county'),
  unit('farm', 'enterprise', 'county'),
  unit('mill', 'enterprise', 'county'),
  unit('east', 'province', 'centre'),
  unit('plant', 'enterprise', 'east'),
];

const report = (unitId: string, reported: number): CommandInput => ({
  type: 'report:submit',
  payload: {
    unitId,
    note: null,
    indicators: [
      { id: 'output', name: 'Output', measure: 't', planned: 100, reported, isProduction: true, previous: null },
    ],
  },
});

const day = (id: string, date: string) => [{ id, date, title: 'Review' }];

/** A chair's socket on a session, and a way to run commands that must succeed. */
async function chairOf(server: TestServer, sessionId: string, token: string) {
  const socket = await connectClient(server.url, { token });
  const run = async (command: CommandInput, as: ClientSocket = socket) =>
    expectOk(await sendCommand(as, sessionId, command)).seq;
  return { socket, run };
}

/**
 * Holds a one-day session: notice, the units' reports, the day opened, `during` (the live
 * business), the proposed warnings issued, closed. Answers the closed state.
 */
async function hold(
  server: TestServer,
  sessionId: string,
  token: string,
  reports: Record<string, number>,
  during: (run: (command: CommandInput) => Promise<number>, state: SessionState) => Promise<void> = async () => {},
): Promise<SessionState> {
  const { run } = await chairOf(server, sessionId, token);
  const state = () => server.app.commands.state(sessionId);
  await readyForNotice(server.app, sessionId, '2026-04-01', run);
  await run({ type: 'session:publish-notice', payload: { noticeDate: '2026-04-01' } });
  for (const [unitId, reported] of Object.entries(reports)) await run(report(unitId, reported));
  const dayId = (await state()).definition!.days[0]!.id;
  await run({ type: 'day:open', payload: { dayId } });
  await during(run, await state());
  for (const proposal of proposedWarnings(await state())) {
    await run({ type: 'warning:issue', payload: { unitId: proposal.unitId, note: null } });
  }
  await run({ type: 'session:close', payload: {} });
  return state();
}

/** Convenes a level's follow-up of a closed session over the v1 REST API, as an administrator. */
async function cascade(server: TestServer, fromSessionId: string, body: CascadeBody) {
  const answer = await api<AnswerData<'convened'>>(server.url, `/api/v1/sessions/${fromSessionId}/cascades`, {
    method: 'POST',
    token: server.tokens.administrator,
    body,
  });
  return answer;
}

/** An official speaking for `unitId` in a session, joined so that it sees the session's events. */
async function levelOf(server: TestServer, sessionId: string, unitId: string) {
  const { token } = await server.app.sessions.invite(sessionId, {
    name: `Secretary ${unitId}`,
    role: 'official',
    unitId,
  });
  const socket = await connectClient(server.url, { token });
  await joinSession(socket, sessionId);
  return socket;
}

const steps = (state: SessionState, directiveId: string) =>
  state.directives[directiveId]!.steps.map((s) => [s.action, s.unitId, s.toUnitId, s.text, s.fromSessionId ?? null]);

describe('the cascade down the line', () => {
  test('three quarters, centre → province → county: warnings cascade, explanations climb back with each level’s remarks', async () => {
    const server = await startTestServer({ clock: { now: () => new Date('2026-04-13T09:00:00.000Z') } });
    const state = (sessionId: string) => server.app.commands.state(sessionId);

    // Q1 at the centre: three workplaces under 70 %, an explanation ordered from the mine.
    const centreQ1: Omit<ReviewSessionDefinition, 'createdAt'> = {
      title: 'Centre Q1 review',
      period: '2026-Q1',
      organisation: 'Central Committee',
      days: day('c1', '2026-04-13'),
      thresholds: defaultThresholds,
      conferenceLink: null,
      organiserUnitId: 'centre',
      previousSessionId: null,
    };
    const centre = await server.app.sessions.createSession(centreQ1, units, 'Centre chair');
    const centreId = centre.sessionId;
    const openCentre = await cascade(server, centreId, {
      unitId: 'province',
      title: 'Too early',
      days: day('p1', '2026-04-20'),
      thresholds: defaultThresholds,
      chairName: 'Province chair',
    });
    expect(openCentre.status).toBe(409);
    let explanationId = '';
    const centreClosed = await hold(
      server,
      centreId,
      centre.chair.token,
      { mine: 60, farm: 65, mill: 90, plant: 50 },
      async (run, live) => {
        const issue = (assigneeUnitId: string, kind: 'explain-failure' | 'inspection') =>
          run({
            type: 'directive:issue',
            payload: {
              kind,
              assigneeUnitId,
              title: `${kind} ${assigneeUnitId}`,
              text: null,
              dueDate: '2026-06-30',
              fromCriticismId: null,
            },
          });
        await issue('mine', 'explain-failure');
        await issue('plant', 'inspection');
        explanationId = (await state(centreId)).directiveOrder[0]!;
        expect(live.status).toBe('in-session');
      },
    );
    expect(centreClosed.warningOrder.map((id) => centreClosed.warnings[id]!.unitId)).toEqual(['mine', 'farm', 'plant']);

    // The province convenes its follow-up in one step; refusals name the field.
    const unknownUnit = await cascade(server, centreId, {
      unitId: 'nowhere',
      title: 'Province follow-up',
      days: day('p1', '2026-04-20'),
      thresholds: defaultThresholds,
      chairName: 'Province chair',
    });
    expect(unknownUnit.status).toBe(404);
    expect(JSON.stringify(unknownUnit.body)).toContain('unitId');
    // As the administrator's convening: no day before today (the 12th, somewhere), the days in date order.
    const misdated = await cascade(server, centreId, {
      unitId: 'province',
      title: 'Province follow-up',
      days: [...day('p1', '2026-04-11'), ...day('p2', '2026-04-20'), ...day('p3', '2026-04-20')],
      thresholds: defaultThresholds,
      chairName: 'Province chair',
    });
    expect(misdated.status).toBe(400);
    expect(misdated.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [
        { path: 'days.0.date', reason: { code: 'day-before-today', today: '2026-04-12' } },
        { path: 'days.2.date', reason: { code: 'day-not-after-previous', after: '2026-04-20' } },
      ],
    });
    const provinceBody: CascadeBody = {
      unitId: 'province',
      title: 'Province follow-up of the Q1 review',
      days: day('p1', '2026-04-20'),
      thresholds: { ...defaultThresholds, warningBelow: 0.8 },
      chairName: 'Province chair',
    };
    const provinceQ1 = resourceOf(await cascade(server, centreId, provinceBody));
    const p1 = provinceQ1.sessionId;
    // The same request again (a retry after a lost answer) makes no second follow-up: it names the first.
    const sessions = async () =>
      (await api<AnswerData<'sessions'>>(server.url, '/api/sessions', { token: server.tokens.administrator })).body;
    const sessionsBefore = await sessions();
    const retried = await cascade(server, centreId, provinceBody);
    expect(retried.status).toBe(409);
    expect(JSON.stringify(retried.body)).toContain(p1);
    expect(await sessions()).toEqual(sessionsBefore);
    const p1State = await state(p1);
    expect(p1State.definition).toMatchObject({
      period: '2026-Q1',
      organiserUnitId: 'province',
      cascadeFromSessionId: centreId,
      thresholds: { warningBelow: 0.8 },
    });
    expect(p1State.unitOrder).toEqual(['province', 'county', 'mine', 'farm', 'mill', 'centre']);
    // The centre's warnings and directives about the province's workplaces, and only those.
    expect(p1State.cascadedWarnings.map((w) => [w.unitId, w.period, w.carriedFromSessionId])).toEqual([
      ['mine', '2026-Q1', centreId],
      ['farm', '2026-Q1', centreId],
    ]);
    expect(Object.values(p1State.directives).map((d) => [d.id, d.assigneeUnitId, d.cascadedFromSessionId])).toEqual([
      [explanationId, 'mine', centreId],
    ]);
    expect(p1State.agendaOrder.map((id) => [p1State.agenda[id]!.kind, p1State.agenda[id]!.unitId])).toEqual([
      ['opening', null],
      ['report', 'mine'],
      ['report', 'farm'],
    ]);

    // The province's own review at 80 %: the mill, fine by the centre, is warned by the province.
    const p1Closed = await hold(server, p1, tokenOf(provinceQ1.chair.link), { mine: 60, farm: 65, mill: 75 });
    expect(
      p1Closed.warningOrder.map((id) => [p1Closed.warnings[id]!.unitId, p1Closed.warnings[id]!.threshold]),
    ).toEqual([
      ['mine', 0.8],
      ['farm', 0.8],
      ['mill', 0.8],
    ]);

    // The same at the next level down: the county follows the province's review up.
    const countyQ1 = resourceOf(
      await cascade(server, p1, {
        unitId: 'county',
        title: 'County follow-up',
        days: day('k1', '2026-04-27'),
        thresholds: { ...defaultThresholds, warningBelow: 0.85 },
        chairName: 'County chair',
        // Convened from a Korean page: the agenda the server proposes is worded in Korean.
        language: 'ko',
      }),
    );
    const c1 = countyQ1.sessionId;
    const c1State = await state(c1);
    const provinceName = p1State.definition!.organisation;
    expect(c1State.agendaOrder.map((id) => c1State.agenda[id]!.topic)).toEqual([
      '개회',
      `Unit mine — ${provinceName} 2026-Q1 검토 회의에서 경고`,
      `Unit farm — ${provinceName} 2026-Q1 검토 회의에서 경고`,
      `Unit mill — ${provinceName} 2026-Q1 검토 회의에서 경고`,
    ]);
    expect(c1State.cascadedWarnings.map((w) => [w.unitId, w.threshold])).toEqual([
      ['mine', 0.8],
      ['farm', 0.8],
      ['mill', 0.8],
    ]);
    expect(c1State.directives[explanationId]).toMatchObject({ cascadedFromSessionId: p1, orderedByUnitId: 'centre' });

    // In the county's session the mine explains and the county adds its remarks.
    const countyLevel = await levelOf(server, c1, 'county');
    const provinceLevel = await levelOf(server, p1, 'province');
    const centreWatcher = await levelOf(server, centreId, 'centre');
    const mine = await server.app.sessions.invite(c1, { name: 'Mine director', role: 'presenter', unitId: 'mine' });
    const mineSocket = await connectClient(server.url, { token: mine.token });
    await hold(server, c1, tokenOf(countyQ1.chair.link), { mine: 60 }, async () => {
      expectOk(
        await sendCommand(mineSocket, c1, {
          type: 'directive:answer',
          payload: { directiveId: explanationId, text: 'The pit flooded in February.' },
        }),
      );
    });
    const inCounty = recordEvents(countyLevel);
    const inProvince = recordEvents(provinceLevel);
    const countyForward = expectOk(
      await sendCommand(countyLevel, c1, {
        type: 'directive:forward',
        payload: { directiveId: explanationId, remarks: 'County: pumps ordered, back by May.' },
      }),
    ).seq;
    // The relay appends to the province's record, then records its delivery in the county's,
    // after the attendance of a join answered just before, where that lands first (P21).
    await expect
      .poll(() => inCounty.events.find((e) => e.seq > countyForward && e.type === 'directive:relay-delivered'), {
        timeout: 10_000,
      })
      .toMatchObject({ payload: { toSessionId: p1 } });
    await inProvince.waitForSeq((await state(p1)).lastSeq);
    expect((await state(p1)).directives[explanationId]).toMatchObject({ status: 'answered', holderUnitId: 'province' });
    // Gone up: the county can neither forward it again nor review it.
    const again = await sendCommand(countyLevel, c1, {
      type: 'directive:forward',
      payload: { directiveId: explanationId, remarks: null },
    });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');

    // The province adds its remarks in its own (closed) session; the explanation reaches the centre.
    const inCentre = recordEvents(centreWatcher);
    const provinceForward = expectOk(
      await sendCommand(provinceLevel, p1, {
        type: 'directive:forward',
        payload: { directiveId: explanationId, remarks: 'Province: confirmed on site.' },
      }),
    ).seq;
    await inProvince.waitForSeq(provinceForward + 1);
    await inCentre.waitForSeq((await state(centreId)).lastSeq);
    const atCentre = await state(centreId);
    expect(steps(atCentre, explanationId)).toEqual([
      ['answered', 'mine', 'county', 'The pit flooded in February.', c1],
      ['forwarded', 'county', 'province', 'County: pumps ordered, back by May.', c1],
      ['forwarded', 'province', 'centre', 'Province: confirmed on site.', p1],
    ]);
    expect(atCentre.directives[explanationId]).toMatchObject({ status: 'answered', holderUnitId: 'centre' });
    // The live screens at the centre saw the relay as it was appended.
    expect(inCentre.events.map((e) => e.type)).toEqual(['directive:relayed']);

    // A retried relay appends nothing on either log.
    const heads = [(await state(c1)).lastSeq, (await state(p1)).lastSeq, atCentre.lastSeq];
    for (const sessionId of [c1, p1]) {
      const retried = await api<AnswerData<'relayed'>>(server.url, `/api/v1/sessions/${sessionId}/relays`, {
        method: 'POST',
        token: server.tokens.administrator,
      });
      expect(resourceOf(retried)).toEqual({ relayed: [] });
    }
    expect([(await state(c1)).lastSeq, (await state(p1)).lastSeq, (await state(centreId)).lastSeq]).toEqual(heads);

    // The minutes at each level show the chain with both levels' words, relayed ones marked.
    const minutes = async (sessionId: string) => {
      const res = await fetch(`${server.url}/api/sessions/${sessionId}/minutes.md`, {
        headers: { authorization: `Bearer ${server.tokens.administrator}` },
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const centreMinutes = await minutes(centreId);
    expect(centreMinutes).toContain('County: pumps ordered, back by May. (in its own follow-up session, relayed up)');
    expect(centreMinutes).toContain('Province: confirmed on site. (in its own follow-up session, relayed up)');
    expect(await minutes(p1)).toContain('came down from the higher review');

    // The centre reviews what reached it; the province, whose record holds it too, cannot.
    const provinceChair = await chairOf(server, p1, tokenOf(provinceQ1.chair.link));
    const reviewedBelow = await sendCommand(provinceChair.socket, p1, {
      type: 'directive:review',
      payload: { directiveId: explanationId, decision: 'accepted', note: null },
    });
    expect(reviewedBelow.ok ? null : reviewedBelow.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/gone up to Unit centre/) as string,
    });
    const centreChair = await chairOf(server, centreId, centre.chair.token);
    await centreChair.run({
      type: 'directive:review',
      payload: { directiveId: explanationId, decision: 'accepted', note: 'Explained.' },
    });
    expect((await state(centreId)).directives[explanationId]!.status).toBe('accepted');

    // Q2 and Q3 at the province: its own warnings (not the centre's) come up for second review.
    const q2 = await server.app.sessions.convene({
      definition: {
        ...centreQ1,
        title: 'Province Q2 review',
        period: '2026-Q2',
        organisation: 'Unit province',
        days: day('q2', '2026-07-13'),
        thresholds: { ...defaultThresholds, warningBelow: 0.8 },
        organiserUnitId: 'province',
        previousSessionId: p1,
      },
      units: [],
      chairName: 'Province chair',
      proposeAgenda: true,
    });
    const q2Open = await state(q2.sessionId);
    const secondReviews = q2Open.agendaOrder.filter((id) => q2Open.agenda[id]!.kind === 'second-review');
    expect(secondReviews.map((id) => q2Open.agenda[id]!.unitId)).toEqual(['mine', 'farm', 'mill']);
    expect(q2Open.cascadedWarnings).toEqual([]);
    const q2Closed = await hold(
      server,
      q2.sessionId,
      q2.chair.token,
      { mine: 85, farm: 70, mill: 90 },
      async (run, live) => {
        const byUnit = (unitId: string) => Object.values(live.warnings).find((w) => w.unitId === unitId)!.id;
        await run({ type: 'warning:lift', payload: { warningId: byUnit('mine'), note: 'Up to 85 %.' } });
        await run({ type: 'warning:lift', payload: { warningId: byUnit('mill'), note: 'Up to 90 %.' } });
        await run({ type: 'warning:escalate', payload: { warningId: byUnit('farm'), note: 'Still at 70 %.' } });
      },
    );
    expect(q2Closed.warningOrder.map((id) => [q2Closed.warnings[id]!.unitId, q2Closed.warnings[id]!.status])).toEqual([
      ['mine', 'lifted'],
      ['farm', 'escalated'],
      ['mill', 'lifted'],
      ['farm', 'open'],
    ]);
    const q3 = await server.app.sessions.convene({
      definition: {
        ...centreQ1,
        title: 'Province Q3 review',
        period: '2026-Q3',
        organisation: 'Unit province',
        days: day('q3', '2026-10-12'),
        thresholds: { ...defaultThresholds, warningBelow: 0.8 },
        organiserUnitId: 'province',
        previousSessionId: q2.sessionId,
      },
      units: [],
      chairName: 'Province chair',
    });
    const q3Closed = await hold(server, q3.sessionId, q3.chair.token, { farm: 82 }, async (run, live) => {
      const farm = Object.values(live.warnings).find((w) => w.unitId === 'farm')!;
      expect(farm).toMatchObject({ period: '2026-Q2', carriedFromSessionId: q2.sessionId });
      await run({ type: 'warning:lift', payload: { warningId: farm.id, note: 'Up to 82 %.' } });
    });
    expect(Object.values(q3Closed.warnings).map((w) => [w.unitId, w.period, w.status])).toEqual([
      ['farm', '2026-Q2', 'lifted'],
    ]);
    // The province's trends over its three quarters: its own threshold, its own warnings.
    const trends = (await server.app.trends.trends(q3.sessionId))!;
    expect(trends.periods.map((p) => [p.period, p.sessionId])).toEqual([
      ['2026-Q1', p1],
      ['2026-Q2', q2.sessionId],
      ['2026-Q3', q3.sessionId],
    ]);
    const farm = trends.units.find((u) => u.unit.id === 'farm')!;
    expect(farm.points.map((p) => [p.period, p.production, p.isUnderThreshold, p.isWarned, p.secondReview])).toEqual([
      ['2026-Q1', 0.65, true, true, null],
      ['2026-Q2', 0.7, true, true, 'escalated'],
      ['2026-Q3', 0.82, false, false, 'lifted'],
    ]);
    expect(farm.streak).toBeNull();
    expect(
      trends.warnings.map(({ period, issued, carried, lifted, escalated }) => [
        period,
        issued,
        carried,
        lifted,
        escalated,
      ]),
    ).toEqual([
      ['2026-Q1', 3, 0, 0, 0],
      ['2026-Q2', 1, 3, 2, 1],
      ['2026-Q3', 0, 1, 1, 0],
    ]);
  });
});
