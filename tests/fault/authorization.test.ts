import { demoData, hashToken, newInvitationToken } from '@plenum/server';
import { CommandSchema, type CommandInput, type Participant } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient, expectRefused, type ClientSocket } from '../helpers/connectClient.js';
import { newCommandId, postCriticism, sendCommand, sendJoin, sendOk, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { readyForNotice } from '../helpers/notice.js';
import { waitForEvent } from '../helpers/waitForEvent.js';
import { printFigures } from './helpers/figures.js';
import { startFaultApp, type FaultApp } from './helpers/faultApp.js';

/** The first day of the demo review, 09:00 UTC. */
const reviewDayClock = { now: () => new Date('2026-04-13T09:00:00.000Z') };

/** A second review with ids of its own: a unit, a day, items, a criticism, a directive, people. */
async function otherSession(server: FaultApp) {
  const foreignUnit = {
    ...demoData.demoUnits.find((u) => u.kind === 'enterprise')!,
    id: 'b-foreign-works',
    name: 'Foreign Works',
  };
  const { sessionId, chair } = await server.app.sessions.createSession(
    {
      ...demoData.demoSession,
      title: 'Another review',
      previousSessionId: null,
      days: [{ id: 'b-day-1', date: '2026-04-20', title: 'Other day' }],
    },
    [foreignUnit],
    'Chair B',
  );
  const run = (command: CommandInput) =>
    server.app.commands.execute(chair.participant, sessionId, newCommandId(), CommandSchema.parse(command));
  const added = await run({
    type: 'agenda:add-item',
    payload: { dayId: 'b-day-1', unitId: foreignUnit.id, topic: 'B item', plannedMinutes: 5 },
  });
  const itemId = (added.events[0]!.payload as { item: { id: string } }).item.id;
  const pending = await run({
    type: 'agenda:add-item',
    payload: { dayId: 'b-day-1', unitId: foreignUnit.id, topic: 'B later', plannedMinutes: 5 },
  });
  const pendingItemId = (pending.events[0]!.payload as { item: { id: string } }).item.id;
  await readyForNotice(server.app, sessionId, '2026-04-01', run);
  await run({ type: 'session:publish-notice', payload: { noticeDate: '2026-04-01' } });
  await run({ type: 'day:open', payload: { dayId: 'b-day-1' } });
  await run({ type: 'agenda:start-item', payload: { itemId } });
  const posted = await run({
    type: 'criticism:post',
    payload: { itemId, category: 'other', severity: 'low', indicatorId: null, text: 'B point' },
  });
  const criticismId = (posted.events[0]!.payload as { criticismId: string }).criticismId;
  const issued = await run({
    type: 'directive:issue',
    payload: {
      kind: 'other',
      assigneeUnitId: foreignUnit.id,
      title: 'B order',
      text: null,
      dueDate: '2026-05-01',
      fromCriticismId: null,
    },
  });
  const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
  return {
    sessionId,
    chair,
    unitId: foreignUnit.id,
    dayId: 'b-day-1',
    itemId,
    pendingItemId,
    criticismId,
    directiveId,
  };
}

describe('authorisation', () => {
  test('P8: commands naming an item, criticism, directive, unit, day or participant of another session are refused and append nothing', async () => {
    // The review's own days: the directives it issues fall due after them.
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', clock: reviewDayClock });
    const b = await otherSession(server);
    const chair = await connectClient(server.url, { token: server.tokens.chair });
    // Session A has an item on the floor and a criticism of its own.
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const official = await connectClient(server.url, { token: server.tokens.official });
    await sendOk(official, server.sessionId, postCriticism('item-2'));
    const headA = await server.head();
    const headB = await server.store.head(b.sessionId);
    const foreign: [string, ClientSocket, CommandInput][] = [
      ['criticism on another session’s item', official, postCriticism(b.itemId)],
      [
        'endorsing another session’s criticism',
        official,
        { type: 'criticism:endorse', payload: { criticismId: b.criticismId } },
      ],
      [
        'ruling on another session’s criticism',
        chair,
        { type: 'criticism:rule', payload: { criticismId: b.criticismId, ruling: 'upheld', note: null } },
      ],
      [
        'acknowledging another session’s directive',
        chair,
        { type: 'directive:acknowledge', payload: { directiveId: b.directiveId } },
      ],
      [
        'closing another session’s directive',
        chair,
        { type: 'directive:close', payload: { directiveId: b.directiveId } },
      ],
      [
        'giving the floor to another session’s chair',
        chair,
        { type: 'floor:give', payload: { participantId: b.chair.participant.id } },
      ],
      [
        'roll call of another session’s chair',
        chair,
        {
          type: 'attendance:record',
          payload: { dayId: 'day-1', participantId: b.chair.participant.id, present: true },
        },
      ],
      [
        'a report for a unit not in this session',
        chair,
        { type: 'report:submit', payload: { ...demoData.demoReports[0]!, unitId: b.unitId } },
      ],
      [
        'a warning to a unit not in this session',
        chair,
        { type: 'warning:issue', payload: { unitId: b.unitId, note: null } },
      ],
      [
        'a directive to a unit not in this session',
        chair,
        {
          type: 'directive:issue',
          payload: {
            kind: 'other',
            assigneeUnitId: b.unitId,
            title: 'x',
            text: null,
            dueDate: '2026-05-01',
            fromCriticismId: null,
          },
        },
      ],
      [
        'a directive from another session’s criticism',
        chair,
        {
          type: 'directive:issue',
          payload: {
            kind: 'other',
            assigneeUnitId: 'riverside-steel',
            title: 'x',
            text: null,
            dueDate: '2026-05-01',
            fromCriticismId: b.criticismId,
          },
        },
      ],
      [
        'an item on another session’s day',
        chair,
        { type: 'agenda:add-item', payload: { dayId: b.dayId, unitId: null, topic: 'x', plannedMinutes: 5 } },
      ],
      [
        'an item for a unit not in this session',
        chair,
        { type: 'agenda:add-item', payload: { dayId: 'day-1', unitId: b.unitId, topic: 'x', plannedMinutes: 5 } },
      ],
      [
        'deferring to another session’s day',
        chair,
        { type: 'agenda:defer-item', payload: { itemId: 'item-4', toDayId: b.dayId } },
      ],
      ['starting another session’s item', chair, { type: 'agenda:close-item', payload: { itemId: b.itemId } }],
      ['opening the day of another session', chair, { type: 'day:adjourn', payload: { dayId: b.dayId } }],
    ];
    const answers: Record<string, string> = {};
    const accepted: string[] = [];
    for (const [why, socket, command] of foreign) {
      const ack = await sendCommand(socket, server.sessionId, command);
      answers[why] = ack.ok ? 'ACCEPTED' : ack.error.code;
      if (ack.ok) accepted.push(why);
    }
    // The same channel aimed at session B directly: refused by the invitation's session.
    const direct = await sendCommand(chair, b.sessionId, { type: 'session:rename', payload: { title: 'Hijacked' } });
    const join = await sendJoin(chair, { sessionId: b.sessionId, afterSeq: 0 });
    printFigures('foreign ids', {
      ...answers,
      'command for session B': direct.ok ? 'ACCEPTED' : direct.error.code,
      'join of session B': join.ok ? 'ACCEPTED' : join.error.code,
    });
    expect(accepted).toEqual([]);
    expect(direct).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await server.head()).toBe(headA);
    expect(await server.store.head(b.sessionId)).toBe(headB);
    // Positive control: the same kinds of command with this session's own ids are accepted.
    expect(
      (
        await sendCommand(chair, server.sessionId, {
          type: 'agenda:add-item',
          payload: { dayId: 'day-1', unitId: 'riverside-steel', topic: 'own', plannedMinutes: 5 },
        })
      ).ok,
    ).toBe(true);
  });

  test.skip('P19: drafts of unsubmitted reports and private notes reach no other role, live or in catch-up — Plenum has neither yet (see PROTOCOL.md P19)', () => {
    // Every event of a session is visible to every role by design today; when drafts or
    // private notes are added, this test filters live events and join pages per role.
  });

  async function participantWithSockets(server: FaultApp, n: number) {
    const invited = await server.invite('official');
    const sockets = await Promise.all(
      Array.from({ length: n }, () => connectClient(server.url, { token: invited.token, reconnection: false })),
    );
    return { ...invited, sockets };
  }

  const dropped = (sockets: ClientSocket[], withinMs: number) =>
    Promise.all(
      sockets.map((s) =>
        waitForEvent(s, 'disconnect', undefined, { timeoutMs: withinMs }).then(
          (reason) => reason as string,
          () => 'still connected',
        ),
      ),
    );

  test('P8: revoking an invitation disconnects every open socket of that participant at once; its token is refused after', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const { participant, token, sockets } = await participantWithSockets(server, 3);
    const cut = dropped(sockets, 2000);
    await server.app.sessions.reissue(server.sessionId, participant);
    const reasons = await cut;
    printFigures('revocation', {
      'open sockets': sockets.length,
      'disconnected by the server': reasons.filter((r) => r === 'io server disconnect').length,
    });
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    expect((await expectRefused(server.url, { token })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('negative control: without disconnect-on-change, the revoked participant’s sockets stay open (only their next command is refused)', async () => {
    const server = await startFaultApp({
      store: 'memory',
      logLevel: 'warn',
      protections: { disconnectOnAuthorityChange: false },
    });
    const { participant, sockets } = await participantWithSockets(server, 3);
    const cut = dropped(sockets, 500);
    await server.app.sessions.reissue(server.sessionId, participant);
    expect(await cut).toEqual(['still connected', 'still connected', 'still connected']);
    expect(await sendCommand(sockets[0]!, server.sessionId, postCriticism('item-2'))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  async function roleChange(
    protections: { disconnectOnAuthorityChange: boolean },
    change: (participant: Participant) => Participant = (participant) => ({ ...participant, role: 'observer' }),
  ) {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', protections });
    const chair = await connectClient(server.url, { token: server.tokens.chair });
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const { participant, token, sockets } = await participantWithSockets(server, 3);
    expect((await sendCommand(sockets[0]!, server.sessionId, postCriticism('item-2'))).ok).toBe(true);
    // The organisation demotes the official to observer: the invitation now names another role.
    const record = (await server.store.findInvitation(hashToken(token)))!;
    await server.store.saveInvitation({ ...record, participant: change(participant) });
    const cut = dropped(sockets, protections.disconnectOnAuthorityChange ? 2000 : 500);
    const next = await sendCommand(sockets[1]!, server.sessionId, postCriticism('item-2'), newCommandId(), 2000);
    return { server, token, next, reasons: await cut };
  }

  test('P8: a role change takes effect on the next command, and disconnects all the participant’s sockets; they reconnect with the new role', async () => {
    const { server, token, next, reasons } = await roleChange({ disconnectOnAuthorityChange: true });
    printFigures('role change', {
      'next command': next.ok ? 'ACCEPTED' : next.error.code,
      'sockets disconnected': reasons.filter((r) => r === 'io server disconnect').length,
    });
    expect(next).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    const again = await connectClient(server.url, { token });
    expect((await joinSession(again, server.sessionId)).you.role).toBe('observer');
  });

  test('P8: a command the new authority allows is answered before the participant’s sockets are disconnected', async () => {
    const { next, reasons } = await roleChange({ disconnectOnAuthorityChange: true }, (participant) => ({
      ...participant,
      unitId: 'riverside-steel',
    }));
    expect(next).toMatchObject({ ok: true });
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
  });

  test('negative control: without disconnect-on-change, the sockets of the demoted participant stay open', async () => {
    const { next, reasons } = await roleChange({ disconnectOnAuthorityChange: false });
    expect(next).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(reasons).toEqual(['still connected', 'still connected', 'still connected']);
  });

  async function expiring(protections: { disconnectOnAuthorityChange: boolean }) {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', protections });
    const { participant } = await server.invite('official');
    const token = newInvitationToken();
    await server.store.saveInvitation({
      tokenHash: hashToken(token),
      sessionId: server.sessionId,
      participant,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 700).toISOString(),
      revokedAt: null,
    });
    const socket = await connectClient(server.url, { token, reconnection: false });
    const [reason] = await dropped([socket], 2500);
    return { server, token, reason };
  }

  test('P15: an invitation that expires closes its open sockets at the expiry, and is refused after', async () => {
    const { server, token, reason } = await expiring({ disconnectOnAuthorityChange: true });
    expect(reason).toBe('io server disconnect');
    expect((await expectRefused(server.url, { token })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('negative control: without the expiry timer, the socket outlives its invitation', async () => {
    const { reason } = await expiring({ disconnectOnAuthorityChange: false });
    expect(reason).toBe('still connected');
  });

  test('P12: a participant may hold at most 5 sockets; the 6th is refused with RATE_LIMITED', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const { token } = await participantWithSockets(server, 5);
    const refused = await expectRefused(server.url, { token, reconnection: false });
    expect(refused.data).toMatchObject({ code: 'RATE_LIMITED' });
  });

  test('negative control: without the cap, a 6th socket of the same participant connects', async () => {
    const server = await startFaultApp({
      store: 'memory',
      logLevel: 'warn',
      protections: { socketsPerParticipant: false },
    });
    const { token } = await participantWithSockets(server, 5);
    const sixth = await connectClient(server.url, { token, reconnection: false });
    expect(sixth.connected).toBe(true);
  });
});
