import {
  addDays,
  defaultThresholds,
  directivePersonName,
  itemKind,
  type AdminIdentity,
  type AdministratorSummary,
  type ConveneBody,
  type IssuedLink,
  type SessionParticipant,
  type SessionSummary,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, dataOf, tokenOf } from '../helpers/api.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

const adminToken = 'automation-token-0123456789abcdef';

/** A date `days` after today's: convening refuses a day in the past, whatever day the tests run. */
const fromToday = (days: number) => addDays(new Date().toISOString().slice(0, 10), days);

async function withAdministrator() {
  const server = await startTestServer({ adminToken });
  const first = await server.app.admin.ensureAdministrator();
  if (!first) throw new Error('the first start makes an administrator');
  return { server, token: first.token, administrator: first.participant };
}

describe('administrators over REST', () => {
  test('the first administrator’s link signs in; a second start makes none; ADMIN_TOKEN signs in automation', async () => {
    const { server, token } = await withAdministrator();
    const me = dataOf(await api<AdminIdentity>(server.url, '/api/admin/me', { token }));
    expect(me).toMatchObject({ administrator: { name: 'Administrator', role: 'administrator' } });
    expect(me.organisationId).toBe('northern-province');
    expect(await server.app.admin.ensureAdministrator()).toBeNull();
    const automation = dataOf(await api<AdminIdentity>(server.url, '/api/admin/me', { token: adminToken }));
    expect(automation.administrator.role).toBe('administrator');
    // The token is stored only as its hash.
    expect(await server.store.findInvitation(token)).toBeNull();
  });

  test('no administrative route answers without a valid token: 401, typed', async () => {
    const { server } = await withAdministrator();
    for (const path of ['/api/admin/me', '/api/admin/administrators', '/api/sessions']) {
      for (const token of [undefined, 'not-a-token', `${adminToken}x`]) {
        const answer = await api(server.url, path, { token });
        expect(answer.status, `${path} with ${token}`).toBe(401);
        expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    }
  });

  test('an administrator invites another, who signs in; revoking oneself is refused, revoking the other ends their link', async () => {
    const { server, token, administrator } = await withAdministrator();
    const invited = dataOf(
      await api<{ administrator: { id: string; name: string }; link: string }>(
        server.url,
        '/api/admin/administrators',
        {
          method: 'POST',
          token,
          body: { name: 'Second administrator', email: 'second@example.org' },
        },
      ),
    );
    expect(invited.link).toMatch(new RegExp(`^${server.url.replace('127.0.0.1', 'localhost')}/admin#token=`));
    const second = tokenOf(invited.link);
    expect(dataOf(await api<AdminIdentity>(server.url, '/api/admin/me', { token: second })).administrator.name).toBe(
      'Second administrator',
    );
    const listed = dataOf(
      await api<{ administrators: AdministratorSummary[] }>(server.url, '/api/admin/administrators', { token }),
    );
    expect(listed.administrators.map((a) => [a.administrator.name, a.revokedAt])).toEqual([
      ['Administrator', null],
      ['Second administrator', null],
    ]);

    const self = await api(server.url, `/api/admin/administrators/${administrator.id}/revoke`, {
      method: 'POST',
      token,
    });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ code: 'CONFLICT' });

    const revoked = await api(server.url, `/api/admin/administrators/${invited.administrator.id}/revoke`, {
      method: 'POST',
      token,
    });
    expect(revoked.status).toBe(200);
    const after = await api(server.url, '/api/admin/me', { token: second });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The first administrator still signs in.
    expect((await api(server.url, '/api/admin/me', { token })).status).toBe(200);
  });

  test('asked to, the first administrator gets a new link and the old one stops working', async () => {
    const { server, token } = await withAdministrator();
    const reissued = await server.app.admin.ensureAdministrator({ reissue: true });
    expect(reissued?.participant.name).toBe('Administrator');
    expect((await api(server.url, '/api/admin/me', { token })).status).toBe(401);
    expect((await api(server.url, '/api/admin/me', { token: reissued!.token })).status).toBe(200);
  });
});

describe('convening over REST', () => {
  const q2 = (previousSessionId: string): ConveneBody => ({
    session: {
      title: 'Northern Province — second-quarter economic review',
      period: '2026-Q2',
      organisation: 'Northern Province Committee',
      days: [
        { id: 'q2-day-1', date: fromToday(7), title: 'Day 1 — industry', startTime: '09:00', plannedEnd: '17:00' },
        { id: 'q2-day-2', date: fromToday(8), title: 'Day 2 — the rest' },
      ],
      thresholds: defaultThresholds,
      conferenceLink: null,
      organiserUnitId: 'northern-province',
      previousSessionId,
    },
    chairName: 'Chair — Q2',
    chairEmail: 'chair@example.org',
  });

  test('Q2 convened from the demo’s Q1 proposes the whole agenda: the opening first, the second reviews, every unit', async () => {
    const { server, token } = await withAdministrator();
    const answer = await api<{ sessionId: string; chair: IssuedLink }>(server.url, '/api/sessions', {
      method: 'POST',
      token,
      body: q2(server.sessionId),
    });
    expect(answer.status).toBe(201);
    const { sessionId, chair } = dataOf(answer);
    const q1 = await server.state();
    const state = await server.app.commands.state(sessionId);
    const items = state.agendaOrder.map((id) => state.agenda[id]!);
    const kinds = items.map((item) => itemKind(item));
    expect(items[0]).toMatchObject({
      kind: 'opening',
      topic: 'Opening',
      plannedMinutes: 15,
      unitId: null,
      dayId: 'q2-day-1',
    });
    expect(kinds.slice(1, 3)).toEqual(['second-review', 'second-review']);
    expect(
      items
        .slice(1, 3)
        .map((i) => i.unitId)
        .sort(),
    ).toEqual(['coal-mine-3', 'hillside-agriculture']);
    // Every unit on Q1's agenda, each once, on the day of the same number (Q1's third on Q2's last).
    const onQ1Agenda = q1.agendaOrder.map((id) => q1.agenda[id]!).filter((i) => itemKind(i) === 'report');
    const reports = items.filter((i) => itemKind(i) === 'report');
    expect(reports.map((i) => i.unitId)).toEqual(onQ1Agenda.map((i) => i.unitId));
    expect(reports.map((i) => i.plannedMinutes)).toEqual(onQ1Agenda.map((i) => i.plannedMinutes));
    const dayOf = (unitId: string) => reports.find((i) => i.unitId === unitId)!.dayId;
    expect([dayOf('riverside-steel'), dayOf('sunrise-foods'), dayOf('provincial-transport')]).toEqual([
      'q2-day-1',
      'q2-day-2',
      'q2-day-2',
    ]);
    // The units come from the register; the open warnings carried over.
    expect(state.unitOrder).toEqual(q1.unitOrder);
    expect(Object.values(state.warnings).filter((w) => w.status === 'open')).toHaveLength(2);

    // The chair's link works once shown; the e-mail is kept with the invitation.
    const listed = dataOf(
      await api<{ participants: SessionParticipant[] }>(server.url, `/api/sessions/${sessionId}/invitations`, {
        token: tokenOf(chair.link),
      }),
    );
    expect(listed.participants).toEqual([
      expect.objectContaining({ participant: chair.participant, email: 'chair@example.org', joined: false }),
    ]);

    const sessions = dataOf(await api<{ sessions: SessionSummary[] }>(server.url, '/api/sessions', { token })).sessions;
    expect(sessions.map((s) => s.period)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    expect(sessions[0]).toMatchObject({
      sessionId,
      status: 'draft',
      firstDay: fromToday(7),
      lastDay: fromToday(8),
      items: items.length,
      participants: 1,
      previousSessionId: server.sessionId,
    });
  });

  test('an inspection order carried into Q2 still names its inspector and who acted, though Q2 has not invited them', async () => {
    const { server, token } = await withAdministrator();
    const chair = await server.connect('chair');
    const inspector = await server.connect('inspector');
    const inspectorId = server.participants.inspector.id;
    expectOk(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:issue',
        payload: {
          kind: 'inspection',
          assigneeUnitId: 'riverside-steel',
          subjectUnitId: 'riverside-steel',
          inspectorId,
          title: 'Inspect the dispatch records',
          text: null,
          dueDate: '2100-01-31',
          fromCriticismId: null,
        },
      }),
    );
    const directiveId = (await server.state()).directiveOrder.at(-1)!;
    expectOk(
      await sendCommand(inspector, server.sessionId, { type: 'directive:acknowledge', payload: { directiveId } }),
    );

    const { sessionId } = dataOf(
      await api<{ sessionId: string }>(server.url, '/api/sessions', {
        method: 'POST',
        token,
        body: q2(server.sessionId),
      }),
    );
    const state = await server.app.commands.state(sessionId);
    const carried = state.directives[directiveId]!;
    expect(state.participants[inspectorId]).toBeUndefined();
    const name = server.participants.inspector.name;
    expect(directivePersonName(state, carried, inspectorId)).toBe(name);
    expect(directivePersonName(state, carried, carried.steps[0]!.actorId)).toBe(name);
  });

  test('without proposeAgenda only the second reviews are laid out; a retired unit is left out of the register’s units', async () => {
    const { server, token } = await withAdministrator();
    const retired = await api(server.url, '/api/organisations/northern-province/units/sunrise-foods/retire', {
      method: 'POST',
      token,
    });
    expect(retired.status).toBe(200);
    const { sessionId } = dataOf(
      await api<{ sessionId: string }>(server.url, '/api/sessions', {
        method: 'POST',
        token,
        body: { ...q2(server.sessionId), proposeAgenda: false },
      }),
    );
    const state = await server.app.commands.state(sessionId);
    expect(state.agendaOrder.map((id) => itemKind(state.agenda[id]!))).toEqual(['second-review', 'second-review']);
    expect(state.units['sunrise-foods']).toBeUndefined();
    expect(state.units['riverside-steel']).toBeDefined();
  });

  test('convened from a Korean page, the agenda the server proposes is worded in Korean', async () => {
    const { server, token } = await withAdministrator();
    const { sessionId } = dataOf(
      await api<{ sessionId: string }>(server.url, '/api/sessions', {
        method: 'POST',
        token,
        body: { ...q2(server.sessionId), language: 'ko' },
      }),
    );
    const state = await server.app.commands.state(sessionId);
    const topics = state.agendaOrder.map((id) => state.agenda[id]!.topic);
    expect(topics[0]).toBe('개회');
    expect(topics).toContain('재검토: Northern Coal Mine No. 3 (2025-Q4 경고)');
    expect(topics).toContain('Riverside Steel Works — 계획과 실적');
    // Kept as what they were worded from too, so that each reader reads them in their language.
    expect(state.agendaOrder.map((id) => state.agenda[id]!.generatedTopic)).toContainEqual({
      kind: 'second-review',
      unit: 'Northern Coal Mine No. 3',
      period: '2025-Q4',
    });
  });

  test('a day before today, or not after the day ahead of it, is refused on its date with its reason', async () => {
    const { server, token } = await withAdministrator();
    const body = q2(server.sessionId);
    const [first, second] = body.session.days;
    const sessions = async () =>
      dataOf(await api<{ sessions: SessionSummary[] }>(server.url, '/api/sessions', { token })).sessions.length;
    const before = await sessions();
    const refused = await api(server.url, '/api/sessions', {
      method: 'POST',
      token,
      body: {
        ...body,
        session: {
          ...body.session,
          days: [{ ...first!, date: fromToday(-2) }, second!, { ...second!, id: 'q2-day-3' }],
        },
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [
        { path: 'session.days.0.date', reason: { code: 'day-before-today' } },
        { path: 'session.days.2.date', reason: { code: 'day-not-after-previous', after: fromToday(8) } },
      ],
    });
    expect(await sessions()).toBe(before);
  });

  test('a previous session of a later period is refused, naming the field', async () => {
    const { server, token } = await withAdministrator();
    const body = q2(server.sessionId);
    const refused = await api(server.url, '/api/sessions', {
      method: 'POST',
      token,
      body: { ...body, session: { ...body.session, period: '2025-Q3' } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'session.period', message: expect.any(String) as string }],
    });
  });
});
