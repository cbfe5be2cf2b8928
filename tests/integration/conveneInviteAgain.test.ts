import {
  addDays,
  defaultThresholds,
  type ConveneBody,
  type IssuedLink,
  type InvitedAgain,
  type SessionParticipant,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, dataOf, tokenOf } from '../helpers/api.js';
import { startTestServer } from '../helpers/startTestServer.js';

/** A date `days` after today's: convening refuses a day in the past. */
const fromToday = (days: number) => addDays(new Date().toISOString().slice(0, 10), days);

const q2 = (previousSessionId: string, inviteParticipants?: boolean): ConveneBody => ({
  session: {
    title: 'Northern Province — second-quarter economic review',
    period: '2026-Q2',
    organisation: 'Northern Province Committee',
    days: [{ id: 'q2-day-1', date: fromToday(7), title: 'Day 1' }],
    thresholds: defaultThresholds,
    conferenceLink: 'https://meet.example.org/q2',
    organiserUnitId: 'northern-province',
    previousSessionId,
  },
  chairName: 'Chair — Q2',
  ...(inviteParticipants === undefined ? {} : { inviteParticipants }),
});

async function convened() {
  const server = await startTestServer();
  const first = await server.app.admin.ensureAdministrator();
  if (!first) throw new Error('the first start makes an administrator');
  const token = first.token;
  const invitations = async (sessionId: string) =>
    dataOf(
      await api<{ participants: SessionParticipant[] }>(server.url, `/api/sessions/${sessionId}/invitations`, {
        token,
      }),
    ).participants;
  const convene = async (body: ConveneBody) => {
    const answer = await api<{ sessionId: string; chair: IssuedLink; invitedAgain?: InvitedAgain }>(
      server.url,
      '/api/sessions',
      { method: 'POST', token, body },
    );
    expect(answer.status).toBe(201);
    return dataOf(answer);
  };
  return { server, token, invitations, convene };
}

/** Each participant as role, unit and name, sorted: who they are, whatever their id. */
const people = (list: readonly SessionParticipant[]) =>
  list.map(({ participant: p }) => `${p.role}|${p.unitId ?? ''}|${p.name}`).sort();

describe('convening the next quarter with the previous review’s participants', () => {
  test('Q2 convened from Q1 with the option invites Q1’s participants again by role, each with a new link', async () => {
    const { server, token, invitations, convene } = await convened();
    const q1 = server.sessionId;
    // A revoked invitation is not repeated; a presenter of a unit retired since is skipped.
    const { presenter } = server.participants;
    await api(server.url, `/api/sessions/${q1}/participants/${presenter.id}/revoke`, {
      method: 'POST',
      token: server.tokens.chair,
    });
    const before = (await invitations(q1)).filter((p) => p.access.revokedAt === null);
    const retiring = before.find((p) => p.participant.role === 'presenter' && p.participant.unitId !== null)!;
    const retired = await api(
      server.url,
      `/api/organisations/northern-province/units/${retiring.participant.unitId}/retire`,
      { method: 'POST', token },
    );
    expect(retired.status).toBe(200);
    const expected = before.filter(
      (p) => p.participant.role !== 'chair' && p.participant.unitId !== retiring.participant.unitId,
    );
    expect(expected.length).toBeGreaterThan(2);

    const { sessionId, chair, invitedAgain } = await convene(q2(q1, true));
    const q2List = await invitations(sessionId);
    expect(people(q2List)).toEqual(people([...expected, { participant: chair.participant } as SessionParticipant]));
    expect(q2List.map((p) => p.participant.id)).not.toContain(presenter.id);
    expect(invitedAgain?.invited.map((p) => p.id).sort()).toEqual(
      q2List
        .filter((p) => p.participant.role !== 'chair')
        .map((p) => p.participant.id)
        .sort(),
    );
    expect(invitedAgain?.skipped).toEqual(
      before
        .filter((p) => p.participant.unitId === retiring.participant.unitId)
        .map(({ participant }) => ({ participant, reason: 'unit-retired' })),
    );
    // The e-mails kept with Q1's invitations go with the new ones.
    const emailOf = (list: readonly SessionParticipant[]) =>
      Object.fromEntries(list.map((p) => [`${p.participant.role}|${p.participant.name}`, p.email]));
    expect(emailOf(q2List)).toMatchObject(emailOf(expected));
    // New participants and links: a Q1 link does not open Q2.
    for (const p of q2List) expect(before.map((b) => b.participant.id)).not.toContain(p.participant.id);
    const q1Link = await api(server.url, `/api/sessions/${sessionId}/invitations`, {
      token: server.tokens.chair,
    });
    expect(q1Link.status).toBeGreaterThanOrEqual(401);
    expect(
      (await api(server.url, `/api/sessions/${sessionId}/invitations`, { token: tokenOf(chair.link) })).status,
    ).toBe(200);
  });

  test('without the option Q2 has only its chair', async () => {
    const { server, invitations, convene } = await convened();
    const { sessionId, chair, invitedAgain } = await convene(q2(server.sessionId));
    expect(invitedAgain).toBeUndefined();
    expect((await invitations(sessionId)).map((p) => p.participant)).toEqual([chair.participant]);
  });
});
