import { demoData, hashToken, newInvitationToken } from '@plenum/server';
import { emptySessionState, foldEvents, type CommandInput, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { saveAdministrator } from '../helpers/administrator.js';
import { connectClient, expectRefused, type ClientSocket } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';
import { watchPresence } from '../helpers/watchPresence.js';

/** A draft of the demo's shape without an agenda, its chair and the organisation's administrator connected. */
async function draft(server: TestServer) {
  const { sessionId, chair } = await server.app.sessions.createSession(
    { ...demoData.demoSession, previousSessionId: null },
    demoData.demoUnits,
    'Chair',
  );
  const administrator = await saveAdministrator(server.store);
  const sockets = {
    chair: await connectClient(server.url, { token: chair.token }),
    administrator: await connectClient(server.url, { token: administrator.token, sessionId }),
  };
  const state = (): Promise<SessionState> => server.app.commands.state(sessionId);
  const send = (socket: ClientSocket, command: CommandInput) => sendCommand(socket, sessionId, command);
  const ok = async (socket: ClientSocket, command: CommandInput) => expectOk(await send(socket, command)).seq;
  /** The items of a day, in their order, by topic. */
  const dayTopics = async (dayId: string) => {
    const now = await state();
    return now.agendaOrder
      .map((id) => now.agenda[id]!)
      .filter((i) => i.dayId === dayId)
      .map((i) => i.topic);
  };
  const itemId = async (topic: string) => Object.values((await state()).agenda).find((i) => i.topic === topic)!.id;
  const addItem = (socket: ClientSocket, dayId: string, unitId: string | null, topic: string) =>
    ok(socket, { type: 'agenda:add-item', payload: { dayId, unitId, topic, plannedMinutes: 15 } });
  return {
    sessionId,
    administratorId: administrator.participant.id,
    ...sockets,
    state,
    send,
    ok,
    dayTopics,
    itemId,
    addItem,
  };
}

describe('preparing a review over the socket', () => {
  test('the chair and the administrator build the agenda: add, update, move between days and within one, remove; both see every change live', async () => {
    const server = await startTestServer();
    const s = await draft(server);
    await joinSession(s.chair, s.sessionId);
    const chairSees = recordEvents(s.chair);

    // Without a kind, an item with a unit is its report, one without a topic.
    const added = await s.addItem(s.administrator, 'day-1', 'riverside-steel', 'Steel');
    await chairSees.waitForSeq(added);
    const steelEvent = chairSees.events.find((e) => e.seq === added)!;
    expect(steelEvent).toMatchObject({ type: 'agenda:item-added', actorId: s.administratorId });
    await s.addItem(s.chair, 'day-1', null, 'Opening');
    await s.ok(s.chair, {
      type: 'agenda:add-item',
      payload: { dayId: 'day-1', unitId: null, kind: 'second-review', topic: 'Second review', plannedMinutes: 10 },
    });
    await s.addItem(s.administrator, 'day-2', 'eastfield-cement', 'Cement');
    const kinds = Object.values((await s.state()).agenda).map((i) => [i.topic, i.kind]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['Steel', 'report'],
        ['Opening', 'topic'],
        ['Second review', 'second-review'],
        ['Cement', 'report'],
      ]),
    );
    expect(await s.dayTopics('day-1')).toEqual(['Steel', 'Opening', 'Second review']);

    // Update: unit, kind, topic, timebox; a unit outside the session and an unknown item are refused.
    const steel = await s.itemId('Steel');
    await s.ok(s.administrator, {
      type: 'agenda:update-item',
      payload: { itemId: steel, unitId: 'riverside-steel', kind: 'report', topic: 'Steel works', plannedMinutes: 25 },
    });
    expect((await s.state()).agenda[steel]).toMatchObject({ topic: 'Steel works', plannedMinutes: 25 });
    const foreignUnit = await s.send(s.chair, {
      type: 'agenda:update-item',
      payload: { itemId: steel, unitId: 'no-such-unit', kind: 'report', topic: 'Steel works', plannedMinutes: 25 },
    });
    expect(foreignUnit).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const unknownItem = await s.send(s.chair, { type: 'agenda:remove-item', payload: { itemId: 'no-such-item' } });
    expect(unknownItem).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', refusal: { kind: 'floor-blocked', blocker: 'not-found' } },
    });

    // Move: to the head of its own day, to another day, past the end (clamped to the last place).
    const opening = await s.itemId('Opening');
    await s.ok(s.chair, { type: 'agenda:move-item', payload: { itemId: opening, toDayId: 'day-1', position: 0 } });
    expect(await s.dayTopics('day-1')).toEqual(['Opening', 'Steel works', 'Second review']);
    await s.ok(s.administrator, {
      type: 'agenda:move-item',
      payload: { itemId: steel, toDayId: 'day-2', position: 0 },
    });
    expect(await s.dayTopics('day-1')).toEqual(['Opening', 'Second review']);
    expect(await s.dayTopics('day-2')).toEqual(['Steel works', 'Cement']);
    const moved = await s.ok(s.chair, {
      type: 'agenda:move-item',
      payload: { itemId: steel, toDayId: 'day-2', position: 99 },
    });
    expect(await s.dayTopics('day-2')).toEqual(['Cement', 'Steel works']);
    await chairSees.waitForSeq(moved);
    expect(chairSees.events.find((e) => e.seq === moved)?.payload).toEqual({
      itemId: steel,
      toDayId: 'day-2',
      position: 1,
    });
    const nowhere = await s.send(s.chair, {
      type: 'agenda:move-item',
      payload: { itemId: steel, toDayId: 'day-2', position: 1 },
    });
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const noDay = await s.send(s.chair, {
      type: 'agenda:move-item',
      payload: { itemId: steel, toDayId: 'day-9', position: 0 },
    });
    expect(noDay).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', refusal: { blocker: 'not-found' } } });

    // Remove.
    await s.ok(s.administrator, { type: 'agenda:remove-item', payload: { itemId: await s.itemId('Second review') } });
    expect(await s.dayTopics('day-1')).toEqual(['Opening']);

    // What the chair saw live folds to the server's state.
    await chairSees.waitForSeq((await s.state()).lastSeq);
    const replayed = foldEvents(emptySessionState(s.sessionId), (await joinSession(s.chair, s.sessionId)).events);
    expect(replayed.agendaOrder).toEqual((await s.state()).agendaOrder);
    expect(replayed.agenda).toEqual((await s.state()).agenda);
  });

  test('days: added after the last one, their hours set with the end after the start, removed while empty and not the only one; settings configured', async () => {
    const server = await startTestServer();
    const s = await draft(server);

    const early = await s.send(s.administrator, {
      type: 'day:add',
      payload: { date: '2026-04-15', title: 'Day 4', startTime: null, plannedEnd: null },
    });
    expect(early).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        refusal: { kind: 'day-out-of-order', field: 'date', after: '2026-04-15', before: null },
      },
    });
    await s.ok(s.administrator, {
      type: 'day:add',
      payload: { date: '2026-04-16', title: 'Day 4', startTime: '09:00', plannedEnd: '12:00' },
    });
    const dayFour = (await s.state()).definition!.days.at(-1)!;
    expect(dayFour).toMatchObject({ date: '2026-04-16', title: 'Day 4', startTime: '09:00', plannedEnd: '12:00' });

    const backwards = await s.send(s.chair, {
      type: 'day:update',
      payload: { dayId: dayFour.id, title: 'Day 4', startTime: '14:00', plannedEnd: '13:00' },
    });
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'plannedEnd' }] },
    });
    await s.ok(s.chair, {
      type: 'day:update',
      payload: { dayId: 'day-1', title: 'Day 1 — industry', startTime: '09:00', plannedEnd: '10:00' },
    });
    await s.addItem(s.chair, 'day-1', 'riverside-steel', 'Steel');
    await s.ok(s.chair, {
      type: 'agenda:update-item',
      payload: {
        itemId: await s.itemId('Steel'),
        unitId: 'riverside-steel',
        kind: 'report',
        topic: 'Steel',
        plannedMinutes: 75,
      },
    });
    expect((await s.state()).definition!.days[0]).toMatchObject({ startTime: '09:00', plannedEnd: '10:00' });

    const holdsItems = await s.send(s.chair, { type: 'day:remove', payload: { dayId: 'day-1' } });
    expect(holdsItems).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await s.ok(s.administrator, { type: 'day:remove', payload: { dayId: dayFour.id } });
    expect((await s.state()).definition!.days.map((d) => d.id)).toEqual(['day-1', 'day-2', 'day-3']);
    expect((await s.state()).days[dayFour.id]).toBeUndefined();

    await s.ok(s.administrator, {
      type: 'session:configure',
      payload: { conferenceLink: 'https://conference.example.org/hall-b' },
    });
    await s.ok(s.chair, {
      type: 'session:configure',
      payload: { thresholds: { warningBelow: 0.8, jumpFactor: 1.5, reportingGap: 0.1 } },
    });
    expect((await s.state()).definition).toMatchObject({
      conferenceLink: 'https://conference.example.org/hall-b',
      thresholds: { warningBelow: 0.8, jumpFactor: 1.5, reportingGap: 0.1 },
    });
    const unchanged = await s.send(s.chair, {
      type: 'session:configure',
      payload: { conferenceLink: 'https://conference.example.org/hall-b' },
    });
    expect(unchanged).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('the administrator publishes: refused with every problem named, then published once fixed; later changes are amendments every participant sees', async () => {
    const server = await startTestServer();
    const s = await draft(server);
    await s.addItem(s.administrator, 'day-1', 'riverside-steel', 'Steel');
    await s.ok(s.administrator, {
      type: 'agenda:add-item',
      payload: { dayId: 'day-2', unitId: null, kind: 'report', topic: 'Unit to name', plannedMinutes: 15 },
    });
    const unnamed = await s.itemId('Unit to name');
    const refused = await s.send(s.administrator, {
      type: 'session:publish-notice',
      payload: { noticeDate: '2026-04-14' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        refusal: {
          kind: 'notice-problems',
          problems: [
            { problem: 'day-in-past', dayId: 'day-1', date: '2026-04-13', noticeDate: '2026-04-14' },
            { problem: 'day-without-items', dayId: 'day-3' },
            { problem: 'item-without-unit', itemId: unnamed },
            { problem: 'unit-without-presenter', unitId: 'riverside-steel' },
          ],
        },
      },
    });

    await s.ok(s.administrator, {
      type: 'agenda:update-item',
      payload: { itemId: unnamed, unitId: 'eastfield-cement', kind: 'report', topic: 'Cement', plannedMinutes: 15 },
    });
    await s.addItem(s.chair, 'day-3', null, 'Closing');
    for (const unitId of ['riverside-steel', 'eastfield-cement']) {
      await server.app.sessions.invite(s.sessionId, { name: `Director ${unitId}`, role: 'presenter', unitId });
    }
    const { token } = await server.app.sessions.invite(s.sessionId, {
      name: 'Official',
      role: 'official',
      unitId: null,
    });
    expect((await s.state()).amendments).toEqual([]);
    const noticed = await s.ok(s.administrator, {
      type: 'session:publish-notice',
      payload: { noticeDate: '2026-04-01' },
    });

    // After the notice, a change is an amendment: logged with who made it and what it touched.
    const official = await connectClient(server.url, { token });
    await joinSession(official, s.sessionId);
    const officialSees = recordEvents(official);
    const amended = await s.ok(s.chair, {
      type: 'agenda:update-item',
      payload: { itemId: unnamed, unitId: 'eastfield-cement', kind: 'report', topic: 'Cement', plannedMinutes: 30 },
    });
    await s.ok(s.administrator, {
      type: 'day:update',
      payload: { dayId: 'day-3', title: 'Day 3 — closing', startTime: '09:00', plannedEnd: '11:00' },
    });
    const state = await s.state();
    expect(state.status).toBe('noticed');
    expect(state.amendments).toEqual([
      {
        seq: amended,
        at: expect.any(String) as unknown,
        actorId: (await joinSession(s.chair, s.sessionId)).you.id,
        type: 'agenda:item-updated',
        dayId: 'day-2',
        itemId: unnamed,
      },
      {
        seq: amended + 1,
        at: expect.any(String) as unknown,
        actorId: s.administratorId,
        type: 'day:updated',
        dayId: 'day-3',
        itemId: null,
      },
    ]);
    expect(noticed).toBeLessThan(amended);
    await officialSees.waitForSeq(amended + 1);
    const theirs = foldEvents(emptySessionState(s.sessionId), (await joinSession(official, s.sessionId)).events);
    expect(theirs.amendments).toEqual(state.amendments);
  });

  test('only what has not started may change: a started item, an opened day and an adjourned target day are refused, typed', async () => {
    const server = await startTestServer();
    const s = await draft(server);
    await s.addItem(s.chair, 'day-1', null, 'Opening');
    await s.addItem(s.chair, 'day-2', null, 'Day two');
    await s.addItem(s.chair, 'day-3', null, 'Day three');
    await s.ok(s.chair, { type: 'session:publish-notice', payload: { noticeDate: '2026-04-01' } });
    await s.ok(s.chair, { type: 'day:open', payload: { dayId: 'day-1' } });
    const opening = await s.itemId('Opening');
    await s.ok(s.chair, { type: 'agenda:start-item', payload: { itemId: opening } });

    const blocked = (blocker: string) => ({ ok: false, error: { refusal: { kind: 'floor-blocked', blocker } } });
    const head = await server.store.head(s.sessionId);
    expect(
      await s.send(s.administrator, {
        type: 'agenda:update-item',
        payload: { itemId: opening, unitId: null, kind: 'opening', topic: 'Opening', plannedMinutes: 20 },
      }),
    ).toMatchObject(blocked('item-not-pending'));
    expect(await s.send(s.administrator, { type: 'agenda:remove-item', payload: { itemId: opening } })).toMatchObject(
      blocked('item-not-pending'),
    );
    expect(
      await s.send(s.chair, { type: 'agenda:move-item', payload: { itemId: opening, toDayId: 'day-2', position: 0 } }),
    ).toMatchObject(blocked('item-not-pending'));
    expect(
      await s.send(s.administrator, {
        type: 'day:update',
        payload: { dayId: 'day-1', title: 'Day 1', startTime: null, plannedEnd: null },
      }),
    ).toMatchObject(blocked('day-already-opened'));
    expect(await s.send(s.chair, { type: 'day:remove', payload: { dayId: 'day-1' } })).toMatchObject(
      blocked('day-already-opened'),
    );
    expect(await server.store.head(s.sessionId)).toBe(head);

    // A pending item may still move into the open day, but never into an adjourned one.
    const dayTwo = await s.itemId('Day two');
    await s.ok(s.chair, { type: 'agenda:move-item', payload: { itemId: dayTwo, toDayId: 'day-1', position: 5 } });
    expect(await s.dayTopics('day-1')).toEqual(['Opening', 'Day two']);
    await s.ok(s.chair, { type: 'agenda:close-item', payload: { itemId: opening } });
    await s.ok(s.chair, { type: 'agenda:move-item', payload: { itemId: dayTwo, toDayId: 'day-2', position: 0 } });
    await s.ok(s.chair, { type: 'day:adjourn', payload: { dayId: 'day-1' } });
    expect(
      await s.send(s.administrator, {
        type: 'agenda:move-item',
        payload: { itemId: dayTwo, toDayId: 'day-1', position: 0 },
      }),
    ).toMatchObject(blocked('day-already-opened'));
  });
});

describe('the administrator on the socket', () => {
  test('P22: an administrator’s link opens any session it names, is never online to the chair and never recorded as attending', async () => {
    const server = await startTestServer({ presenceIntervalMs: 0 });
    const chair = watchPresence(await server.connect('chair'));
    await chair.join(server.sessionId);
    const official = await server.connect('official');
    await joinSession(official, server.sessionId);
    await chair.until((v) => v.online.has(server.participants.official.id), 'the official online');
    const attendanceBefore = Object.keys((await server.state()).attendance['day-1'] ?? {});
    expect(attendanceBefore).toContain(server.participants.official.id);

    const administrator = await server.connect('administrator');
    const joined = await joinSession(administrator, server.sessionId);
    expect(joined.you).toMatchObject({ role: 'administrator', id: server.participants.administrator.id });
    // A later presence change reaches the chair; the administrator is not in any of them.
    official.disconnect();
    await chair.until((v) => !v.online.has(server.participants.official.id), 'the official gone');
    expect(chair.messages.flatMap((m) => [...m.joined.map((j) => j.participantId), ...m.left])).not.toContain(
      server.participants.administrator.id,
    );
    expect(chair.online.has(server.participants.administrator.id)).toBe(false);
    expect(Object.keys((await server.state()).attendance['day-1'] ?? {})).not.toContain(
      server.participants.administrator.id,
    );
    // It may prepare (rename) but not run the floor.
    expectOk(
      await sendCommand(administrator, server.sessionId, { type: 'session:rename', payload: { title: 'Renamed' } }),
    );
    const floor = await sendCommand(administrator, server.sessionId, {
      type: 'agenda:start-item',
      payload: { itemId: 'item-2' },
    });
    expect(floor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('an administrator’s link must name an existing review session: none, an unknown one or the organisation’s own stream is refused', async () => {
    const server = await startTestServer();
    const token = server.tokens.administrator;
    expect((await expectRefused(server.url, { token })).data).toMatchObject({ code: 'FORBIDDEN' });
    expect((await expectRefused(server.url, { token, sessionId: 'no-such-session' })).data).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await expectRefused(server.url, { token, sessionId: 'org-northern-province' })).data).toMatchObject({
      code: 'FORBIDDEN',
    });
    // Negative control: a session invitation ignores a session it names; its own is the one it opens.
    const chair = await server.connect('chair', { sessionId: 'no-such-session' });
    expect((await joinSession(chair, server.sessionId)).you.role).toBe('chair');
  });

  test('P8: an administrator whose link is revoked is told why at its next request, refused and disconnected; the link is refused after', async () => {
    const server = await startTestServer();
    const administrator = await server.connect('administrator', { reconnection: false });
    await joinSession(administrator, server.sessionId);
    const told = waitForEvent(administrator, 'session:access-ended');
    const gone = waitForEvent(administrator, 'disconnect');
    // Revoked in the organisation's stream, where an administrator's invitation lives.
    const revoked = await server.store.revokeInvitations(
      'org-northern-province',
      server.participants.administrator.id,
      new Date().toISOString(),
    );
    expect(revoked).toBe(1);
    const refused = await sendCommand(administrator, server.sessionId, {
      type: 'session:rename',
      payload: { title: 'After revocation' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await told).toEqual({ reason: 'revoked' });
    await gone;
    const again = await expectRefused(server.url, { token: server.tokens.administrator, sessionId: server.sessionId });
    expect(again.data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('P8: a participant whose invitation is revoked is sent session:access-ended { reason: revoked } before the disconnect', async () => {
    const server = await startTestServer();
    const official = await server.connect('official', { reconnection: false });
    await joinSession(official, server.sessionId);
    const order: string[] = [];
    official.on('session:access-ended', (message) => order.push(`access-ended:${message.reason}`));
    const gone = new Promise<void>((resolve) =>
      official.on('disconnect', (reason) => {
        order.push(`disconnect:${reason}`);
        resolve();
      }),
    );
    await server.app.sessions.reissue(server.sessionId, server.participants.official);
    await gone;
    expect(order).toEqual(['access-ended:revoked', 'disconnect:io server disconnect']);
  });

  test('P8: the reason says what ended: changed when the invitation names another role, expired at its expiry', async () => {
    // The in-memory store replaces a record saved again under its hash, as the demotion needs.
    const server = await startTestServer({ store: 'memory' });
    const reasons = (socket: ClientSocket) => {
      const heard: string[] = [];
      socket.on('session:access-ended', (message) => heard.push(message.reason));
      return { heard, gone: waitForEvent(socket, 'disconnect') };
    };

    const { participant, token } = await server.invite('official');
    const demoted = await connectClient(server.url, { token, reconnection: false });
    const changed = reasons(demoted);
    const record = (await server.store.findInvitation(hashToken(token)))!;
    await server.store.saveInvitation({ ...record, participant: { ...participant, role: 'observer' } });
    await sendCommand(demoted, server.sessionId, { type: 'floor:raise-hand', payload: {} });
    await changed.gone;
    expect(changed.heard).toEqual(['changed']);

    const expiringToken = newInvitationToken();
    await server.store.saveInvitation({
      ...record,
      tokenHash: hashToken(expiringToken),
      expiresAt: new Date(Date.now() + 300).toISOString(),
    });
    const expiring = await connectClient(server.url, { token: expiringToken, reconnection: false });
    const expired = reasons(expiring);
    await expired.gone;
    expect(expired.heard).toEqual(['expired']);
  });
});
