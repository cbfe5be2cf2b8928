import type { InviteePreview, IssuedLink, SessionParticipant } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, dataOf, tokenOf } from '../helpers/api.js';
import { connectClient, expectRefused } from '../helpers/connectClient.js';
import { sendJoin } from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { startTestServer, type TestServerOptions } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

async function invitationsServer(options: TestServerOptions = {}) {
  const server = await startTestServer(options);
  const admin = (await server.app.admin.ensureAdministrator())!.token;
  const path = (rest = '') => `/api/sessions/${server.sessionId}${rest}`;
  const participants = async (token = server.tokens.chair) =>
    dataOf(await api<{ participants: SessionParticipant[] }>(server.url, path('/invitations'), { token })).participants;
  /** The chair's preview of a pasted list (`text/plain`) or a file (`text/csv`). */
  const previewOf = async (body: string, contentType = 'text/plain') =>
    dataOf(
      await api<InviteePreview>(server.url, path('/invitations/preview'), {
        method: 'POST',
        token: server.tokens.chair,
        body,
        contentType,
      }),
    );
  /** Asks to invite a pasted list that has problems: refused whole (422, with its preview), nobody invited. */
  const expectRefusedWhole = async (body: string, contentType: string, preview: InviteePreview) => {
    const before = (await participants()).length;
    const refused = await api(server.url, path('/invitations'), {
      method: 'POST',
      token: server.tokens.chair,
      body,
      contentType,
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'INVALID_PAYLOAD', preview });
    expect((await participants()).length).toBe(before);
  };
  return { server, admin, path, participants, previewOf, expectRefusedWhole };
}

/** Thirty people as a chair pastes them from a spreadsheet: tab-separated, a header row, units by name or id. */
function pastedList(): string {
  const lines = ['name\trole\tunit\temail'];
  for (let i = 1; i <= 30; i++) {
    if (i % 3 === 0) lines.push(`Presenter ${i}\tpresenter\tRiverside Steel Works\tp${i}@example.org`);
    else if (i % 3 === 1) lines.push(`Official ${i}\tofficial\t\t`);
    else lines.push(`Inspector ${i}\tinspector\tharbour-fisheries\t`);
  }
  return lines.join('\n');
}

describe('invitations over REST', () => {
  test('a pasted list whose header row names the columns otherwise is refused as a whole, typed, not line by line', async () => {
    const { server, path } = await invitationsServer();
    const answer = await api(server.url, path('/invitations/preview'), {
      method: 'POST',
      token: server.tokens.chair,
      body: 'name,position,unit,mail\nAnna Kim,official,,anna@example.org\nBo Lee,observer,,bo@example.org',
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      preview: {
        file: {
          problem: 'unrecognised-columns',
          unrecognised: ['position', 'mail'],
          expected: ['name', 'role', 'unit', 'email'],
        },
      },
    });
  });

  test('a pasted list whose header renames its first column is refused as a whole, naming it, not read as line 1', async () => {
    const { server, path, participants } = await invitationsServer();
    const body = 'Full name,Role,Unit\nAnna Kim,official,\nBo Lee,observer,';
    const preview = {
      file: {
        problem: 'unrecognised-columns',
        unrecognised: ['Full name'],
        expected: ['name', 'role', 'unit', 'email'],
      },
    };
    const answer = await api(server.url, path('/invitations/preview'), {
      method: 'POST',
      token: server.tokens.chair,
      body,
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'INVALID_PAYLOAD', preview });
    const before = (await participants()).length;
    const refused = await api(server.url, path('/invitations'), {
      method: 'POST',
      token: server.tokens.chair,
      body: body.replace(/\n/g, '\r\n'),
      contentType: 'text/csv',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_PAYLOAD', preview });
    expect((await participants()).length).toBe(before);
  });

  test('a header row in Korean, as the Korean screens name the columns, is read as the header', async () => {
    const { previewOf } = await invitationsServer();
    const preview = await previewOf(
      '이름\t역할\t단위\t이메일\n김민수\tpresenter\tRiverside Steel Works\tkim@example.org\n박아라\tofficial\t\t',
    );
    expect(preview.valid).toBe(true);
    expect(preview.rows.map((r) => [r.line, r.invitee])).toEqual([
      [
        2,
        expect.objectContaining({
          name: '김민수',
          role: 'presenter',
          unitId: 'riverside-steel',
          email: 'kim@example.org',
        }),
      ],
      [3, expect.objectContaining({ name: '박아라', role: 'official', unitId: null })],
    ]);
  });

  test('a header row mixing Korean and English column names, in any order and case, is read as the header', async () => {
    const { previewOf } = await invitationsServer();
    const preview = await previewOf('역할;Name;E-MAIL;단위\nobserver;Anna Kim;anna@example.org;\n');
    expect(preview.valid).toBe(true);
    expect(preview.rows.map((r) => [r.line, r.invitee])).toEqual([
      [2, expect.objectContaining({ name: 'Anna Kim', role: 'observer', email: 'anna@example.org' })],
    ]);
  });

  test('a Korean header naming a column it does not know is refused as a whole, naming that column', async () => {
    const { server, path } = await invitationsServer();
    const answer = await api(server.url, path('/invitations/preview'), {
      method: 'POST',
      token: server.tokens.chair,
      body: '이름,직책,단위\n김민수,official,\n',
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      preview: {
        file: { problem: 'unrecognised-columns', unrecognised: ['직책'], expected: ['name', 'role', 'unit', 'email'] },
      },
    });
  });

  test('a role written as the screens name it, in Korean or English and any case, reads as that role; a refused line keeps it as written', async () => {
    const { previewOf } = await invitationsServer();
    const preview = await previewOf(
      [
        '김민수, 발표자, Riverside Steel Works, ',
        '박아라, 간부, , ',
        'Anna Kim, PRESENTER, harbour-fisheries, ',
        '최지우, 검사관, harbour-fisheries, ',
        'Bo Lee, Observer, , ',
        '정하늘, 참관 화면, , ',
        '이도윤, 발표자, Atlantis Works, ',
      ].join('\n'),
    );
    expect(preview.rows.map((r) => [r.line, r.invitee?.role ?? null, r.errors.map((e) => e.column)])).toEqual([
      [1, 'presenter', []],
      [2, 'official', []],
      [3, 'presenter', []],
      [4, 'inspector', []],
      [5, 'observer', []],
      [6, 'observer', []],
      [7, null, ['unit']],
    ]);
    expect(preview.rows[6]!.cells.role).toBe('발표자');
  });

  test('the chair lists who is invited, with their access, whether they joined, and their e-mail', async () => {
    const { server, participants } = await invitationsServer();
    // A join is answered before its attendance is appended: wait for it.
    await joinSettled(server, await server.connect('official'));
    const list = await participants();
    const official = list.find((p) => p.participant.id === server.participants.official.id)!;
    expect(official).toMatchObject({ joined: true, access: { revokedAt: null, expiresAt: null }, email: null });
    const chair = list.find((p) => p.participant.id === server.participants.chair.id)!;
    expect(chair.joined).toBe(false);
    expect(list.filter((p) => p.participant.role === 'presenter')).toHaveLength(8);
  });

  test('a pasted list of 30 is previewed, then invited at once; every link works, once', async () => {
    const { server, path, participants, previewOf } = await invitationsServer();
    const text = pastedList();
    const chair = server.tokens.chair;
    const preview = await previewOf(text);
    expect(preview.valid).toBe(true);
    expect(preview.rows).toHaveLength(30);
    expect(preview.rows[2]).toMatchObject({
      line: 4,
      invitee: { role: 'presenter', unitId: 'riverside-steel', email: 'p3@example.org' },
    });
    const before = (await participants()).length;
    const answer = await api<{ invitations: IssuedLink[] }>(server.url, path('/invitations'), {
      method: 'POST',
      token: chair,
      body: text,
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(201);
    const links = dataOf(answer).invitations;
    expect(links).toHaveLength(30);
    expect((await participants()).length).toBe(before + 30);
    const presenter = links.find((l) => l.participant.name === 'Presenter 3')!;
    const socket = await connectClient(server.url, { token: tokenOf(presenter.link) });
    expect((await joinSession(socket, server.sessionId)).you).toEqual(presenter.participant);
    expect((await participants()).find((p) => p.participant.id === presenter.participant.id)?.email).toBe(
      'p3@example.org',
    );
  });

  test('a list with bad lines names each line and column, and invites nobody', async () => {
    const { previewOf, expectRefusedWhole } = await invitationsServer();
    const text = [
      'Guest official, official, , ',
      'Nobody’s presenter, presenter, , ',
      'Wrong unit, presenter, Atlantis Works, ',
      'Odd role, mayor, , ',
      'Bad mail, observer, , not-an-address',
    ].join('\n');
    const preview = await previewOf(text, 'text/csv');
    expect(preview.valid).toBe(false);
    expect(preview.rows.map((r) => [r.line, r.errors.map((e) => e.column)])).toEqual([
      [1, []],
      [2, ['unit']],
      [3, ['unit']],
      [4, ['role']],
      [5, ['email']],
    ]);
    await expectRefusedWhole(text, 'text/csv', preview);
  });

  test('each pasted line is split on its own separator, and a refused line shows its cells as read', async () => {
    const { previewOf } = await invitationsServer();
    const text = [
      'Guest official, official, , guest@example.org',
      '"Kim, Minsu", presenter, Riverside Steel Works, ',
      'Yoon; inspector; ; yoon@example.com',
      'Park Ara\tobserver\t\t',
      'Odd role; mayor; harbour-fisheries; odd@example.org',
    ].join('\n');
    const preview = await previewOf(text);
    expect(preview.rows.map((r) => [r.line, r.invitee?.name ?? null, r.errors.map((e) => e.column)])).toEqual([
      [1, 'Guest official', []],
      [2, 'Kim, Minsu', []],
      [3, 'Yoon', []],
      [4, 'Park Ara', []],
      [5, null, ['role']],
    ]);
    expect(preview.rows[2]!.invitee).toMatchObject({ role: 'inspector', email: 'yoon@example.com' });
    expect(preview.rows[4]!.cells).toEqual({
      name: 'Odd role',
      role: 'mayor',
      unit: 'harbour-fisheries',
      email: 'odd@example.org',
    });
  });

  test('someone invited already, or twice in the list, is named as a duplicate and invited by nobody', async () => {
    const { server, path, previewOf, expectRefusedWhole } = await invitationsServer();
    const { official, presenter } = server.participants;
    const invited = await api<IssuedLink>(server.url, path('/invitations'), {
      method: 'POST',
      token: server.tokens.chair,
      body: { name: 'Petra Presenter', role: 'presenter', unitId: 'riverside-steel', email: 'petra@example.org' },
    });
    const petra = dataOf(invited).participant;
    // A revoked participant is no longer invited: they may be invited again.
    await api(server.url, path(`/participants/${presenter.id}/revoke`), { method: 'POST', token: server.tokens.chair });
    const text = [
      'Petra Presenter, presenter, Riverside Steel Works, petra@example.org',
      'Someone else, official, , PETRA@example.org',
      `${official.name}, official, , `,
      'Nadia New, observer, , nadia@example.org',
      'Nadia Again, inspector, , nadia@example.org',
      'nadia  new, observer, , ',
      `${presenter.name}, presenter, ${presenter.unitId}, `,
    ].join('\n');
    const preview = await previewOf(text);
    expect(preview.valid).toBe(false);
    expect(
      preview.rows.map((r) => [
        r.line,
        r.errors.map((e) => [e.column, e.earlierLine ?? e.participant?.id ?? e.problem]),
        r.invitee === null,
      ]),
    ).toEqual([
      [1, [['email', petra.id]], true],
      [2, [['email', petra.id]], true],
      [3, [['name', official.id]], true],
      [4, [], false],
      [5, [['email', 4]], true],
      [6, [['name', 4]], true],
      [7, [], false],
    ]);
    expect(preview.rows[0]!.errors[0]!.message).toBe('Petra Presenter is invited already, with the same e-mail');
    expect(preview.rows[5]!.errors[0]!.message).toBe('line 4 names the same person, with the same name, role and unit');

    await expectRefusedWhole(text, 'text/plain', preview);
  });

  test('one invitee or a JSON list naming someone invited already, or twice, is refused 422 by entry; a new link is a reissue', async () => {
    const { server, path, participants } = await invitationsServer();
    const { official } = server.participants;
    const invite = (body: unknown) =>
      api<IssuedLink>(server.url, path('/invitations'), { method: 'POST', token: server.tokens.chair, body });
    const petra = dataOf(
      await invite({
        name: 'Petra Presenter',
        role: 'presenter',
        unitId: 'riverside-steel',
        email: 'petra@example.org',
      }),
    ).participant;
    const before = (await participants()).length;

    const again = await invite({ name: 'P. Presenter', role: 'observer', email: 'PETRA@example.org' });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [
        {
          path: 'email',
          message: 'Petra Presenter is invited already, with the same e-mail',
          reason: { code: 'invited-already', participant: petra, sameBy: 'email' },
        },
      ],
    });

    const list = await invite({
      invitees: [
        { name: 'Nadia New', role: 'observer', email: 'nadia@example.org' },
        { name: official.name, role: 'official' },
        { name: 'nadia  NEW', role: 'observer' },
      ],
    });
    expect(list.status).toBe(422);
    expect(list.body).toMatchObject({
      issues: [
        { path: 'invitees.1.name', reason: { code: 'invited-already', participant: official, sameBy: 'name' } },
        {
          path: 'invitees.2.name',
          message: 'entry 1 of the list names the same person, with the same name, role and unit',
          reason: { code: 'same-as-earlier-entry', entry: 1, sameBy: 'name' },
        },
      ],
    });
    expect((await participants()).length).toBe(before);

    const reissued = await api<IssuedLink>(server.url, path(`/participants/${petra.id}/reissue`), {
      method: 'POST',
      token: server.tokens.chair,
    });
    expect(reissued.status).toBe(201);
    expect(dataOf(reissued).participant).toEqual(petra);
  });

  test('only an administrator makes a chair: the chair is refused, FORBIDDEN, with a message saying so', async () => {
    const { server, admin, path } = await invitationsServer();
    const byChair = await api(server.url, path('/invitations'), {
      method: 'POST',
      token: server.tokens.chair,
      body: { name: 'Deputy chair', role: 'chair' },
    });
    expect(byChair.status).toBe(403);
    expect(byChair.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify(byChair.body)).toMatch(/Only an administrator may make someone the chair/);
    const promote = await api(server.url, path(`/participants/${server.participants.official.id}`), {
      method: 'PATCH',
      token: server.tokens.chair,
      body: { role: 'chair' },
    });
    expect(promote.status).toBe(403);
    const byAdmin = await api<IssuedLink>(server.url, path('/invitations'), {
      method: 'POST',
      token: admin,
      body: { name: 'Deputy chair', role: 'chair', email: 'deputy@example.org' },
    });
    expect(byAdmin.status).toBe(201);
    expect(dataOf(byAdmin).participant.role).toBe('chair');
  });

  test('revoking a participant ends their open screen at once and their link for good; the chair cannot revoke itself', async () => {
    const { server, path, participants } = await invitationsServer();
    const presenter = await server.connect('presenter');
    await joinSession(presenter, server.sessionId);
    const dropped = waitForEvent(presenter, 'disconnect');
    const revoked = await api(server.url, path(`/participants/${server.participants.presenter.id}/revoke`), {
      method: 'POST',
      token: server.tokens.chair,
    });
    expect(revoked.status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect((await expectRefused(server.url, { token: server.tokens.presenter })).data).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(
      (await participants()).find((p) => p.participant.id === server.participants.presenter.id)?.access.revokedAt,
    ).not.toBeNull();
    const again = await api(server.url, path(`/participants/${server.participants.presenter.id}/revoke`), {
      method: 'POST',
      token: server.tokens.chair,
    });
    expect(again.status).toBe(409);
    const self = await api(server.url, path(`/participants/${server.participants.chair.id}/revoke`), {
      method: 'POST',
      token: server.tokens.chair,
    });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ code: 'CONFLICT' });
  });

  test('negative control: with disconnectOnAuthorityChange off, the revoked presenter’s socket stays open until its next request', async () => {
    const { server, path } = await invitationsServer({ protections: { disconnectOnAuthorityChange: false } });
    const presenter = await server.connect('presenter');
    await joinSession(presenter, server.sessionId);
    const revoked = await api(server.url, path(`/participants/${server.participants.presenter.id}/revoke`), {
      method: 'POST',
      token: server.tokens.chair,
    });
    expect(revoked.status).toBe(200);
    // The socket was not cut by the revocation: it is still open, and its next request is
    // answered there (refused by the per-request check), which a closed socket never is.
    expect(presenter.connected).toBe(true);
    const ack = await sendJoin(presenter, { sessionId: server.sessionId, afterSeq: await server.head() });
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('a reissued link replaces the old one; the e-mail and expiry stay', async () => {
    const { server, path, participants } = await invitationsServer();
    const official = server.participants.official;
    const expiresAt = '2099-01-01T00:00:00.000Z';
    const changed = await api(server.url, path(`/participants/${official.id}`), {
      method: 'PATCH',
      token: server.tokens.chair,
      body: { email: 'official@example.org', expiresAt },
    });
    expect(changed.status).toBe(200);
    const reissued = await api<IssuedLink>(server.url, path(`/participants/${official.id}/reissue`), {
      method: 'POST',
      token: server.tokens.chair,
    });
    expect(reissued.status).toBe(201);
    const link = dataOf(reissued).link;
    expect((await expectRefused(server.url, { token: server.tokens.official })).data).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const socket = await connectClient(server.url, { token: tokenOf(link) });
    expect((await joinSession(socket, server.sessionId)).you).toEqual(official);
    const listed = (await participants()).find((p) => p.participant.id === official.id)!;
    expect(listed).toMatchObject({ email: 'official@example.org', access: { expiresAt } });
    expect(listed.access.reissuedAt).not.toBeNull();
  });

  test('a role change is logged and takes effect at once: the open screen reconnects with the new role', async () => {
    const { server, path } = await invitationsServer();
    const official = await connectClient(server.url, { token: server.tokens.official });
    await joinSession(official, server.sessionId);
    const dropped = waitForEvent(official, 'disconnect');
    const changed = await api<{ participant: { role: string } }>(
      server.url,
      path(`/participants/${server.participants.official.id}`),
      { method: 'PATCH', token: server.tokens.chair, body: { role: 'inspector' } },
    );
    expect(dataOf(changed).participant.role).toBe('inspector');
    expect(await dropped).toBe('io server disconnect');
    const reconnected = await connectClient(server.url, { token: server.tokens.official });
    expect((await joinSession(reconnected, server.sessionId)).you.role).toBe('inspector');
    const state = await server.state();
    expect(state.participants[server.participants.official.id]?.role).toBe('inspector');
    const presenterWithoutUnit = await api(server.url, path(`/participants/${server.participants.official.id}`), {
      method: 'PATCH',
      token: server.tokens.chair,
      body: { role: 'presenter' },
    });
    expect(presenterWithoutUnit.status).toBe(400);
    expect(presenterWithoutUnit.body).toMatchObject({ code: 'INVALID_PAYLOAD' });
  });

  test('the organisation’s log is no session: its administrators are not reached through the session routes', async () => {
    const { server, admin } = await invitationsServer();
    const [first] = await server.app.admin.administrators();
    const answer = await api(
      server.url,
      `/api/sessions/org-northern-province/participants/${first!.administrator.id}/reissue`,
      {
        method: 'POST',
        token: admin,
      },
    );
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
