import { demoData } from '@plenum/server';
import { newEvent, type AgendaItemKind } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

describe('the notice and the days', () => {
  test('rehearsal 7: a notice with problems is refused naming every one; the chair fixes them, moves the days and publishes', async () => {
    const server = await startTestServer({ store: 'memory' });
    const { sessionId, chair: invitation } = await server.app.sessions.createSession(
      {
        ...demoData.demoSession,
        days: [
          { id: 'd1', date: '2026-04-07', title: 'Day 1' },
          { id: 'd2', date: '2026-04-08', title: 'Day 2' },
        ],
        organiserUnitId: null,
      },
      demoData.demoUnits,
      'Chair',
    );
    const chair = await connectClient(server.url, { token: invitation.token });
    const send = (command: Parameters<typeof sendCommand>[2]) => sendCommand(chair, sessionId, command);
    const head = async () => (await server.app.commands.state(sessionId)).lastSeq;
    const addItem = async (unitId: string | null, kind: AgendaItemKind) =>
      expectOk(
        await send({
          type: 'agenda:add-item',
          payload: { dayId: 'd1', unitId, kind, topic: 'Report', plannedMinutes: 20 },
        }),
      );
    await addItem(null, 'report');
    await addItem('eastfield-cement', 'report');
    const [unitless] = (await server.app.commands.state(sessionId)).agendaOrder;
    const before = await head();

    const refused = await send({ type: 'session:publish-notice', payload: { noticeDate: '2026-04-10' } });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^The notice cannot go out yet/) as unknown,
        refusal: {
          kind: 'notice-problems',
          problems: [
            { problem: 'day-in-past', dayId: 'd1', date: '2026-04-07', noticeDate: '2026-04-10' },
            { problem: 'day-in-past', dayId: 'd2', date: '2026-04-08', noticeDate: '2026-04-10' },
            { problem: 'day-without-items', dayId: 'd2' },
            { problem: 'item-without-unit', itemId: unitless },
            { problem: 'unit-without-presenter', unitId: 'eastfield-cement' },
          ],
        },
      },
    });
    expect(await head()).toBe(before);

    // Each problem fixed as the refusal names it.
    expectOk(
      await send({
        type: 'agenda:update-item',
        payload: { itemId: unitless!, unitId: 'riverside-steel', kind: 'report', topic: 'Steel', plannedMinutes: 20 },
      }),
    );
    expectOk(await send({ type: 'agenda:move-item', payload: { itemId: unitless!, toDayId: 'd2', position: 0 } }));
    for (const unitId of ['eastfield-cement', 'riverside-steel']) {
      await server.app.sessions.invite(sessionId, { name: `Director ${unitId}`, role: 'presenter', unitId });
    }
    // The days of a draft can be moved, in order.
    const outOfOrder = await send({ type: 'day:reschedule', payload: { dayId: 'd1', date: '2026-04-14' } });
    expect(outOfOrder).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        refusal: { kind: 'day-out-of-order', field: 'date', after: null, before: '2026-04-08' },
      },
    });
    expectOk(await send({ type: 'day:reschedule', payload: { dayId: 'd2', date: '2026-04-15' } }));
    expectOk(await send({ type: 'day:reschedule', payload: { dayId: 'd1', date: '2026-04-14' } }));
    expectOk(await send({ type: 'session:publish-notice', payload: { noticeDate: '2026-04-10' } }));

    const state = await server.app.commands.state(sessionId);
    expect(state.status).toBe('noticed');
    expect(state.definition?.days.map((d) => d.date)).toEqual(['2026-04-14', '2026-04-15']);
    // After the notice, the first day may not move before it.
    const early = await send({ type: 'day:reschedule', payload: { dayId: 'd1', date: '2026-04-09' } });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', refusal: { kind: 'day-before-notice', field: 'date', noticeDate: '2026-04-10' } },
    });
  });

  test('a revoked presenter no longer counts: the notice names the unit again', async () => {
    const server = await startTestServer({ store: 'memory' });
    const { sessionId, chair: invitation } = await server.app.sessions.createSession(
      { ...demoData.demoSession, days: [{ id: 'd1', date: '2026-04-14', title: 'Day 1' }], organiserUnitId: null },
      demoData.demoUnits,
      'Chair',
    );
    const chair = await connectClient(server.url, { token: invitation.token });
    expectOk(
      await sendCommand(chair, sessionId, {
        type: 'agenda:add-item',
        payload: { dayId: 'd1', unitId: 'coal-mine-3', topic: 'Coal', plannedMinutes: 20 },
      }),
    );
    const { participant } = await server.app.sessions.invite(sessionId, {
      name: 'Director',
      role: 'presenter',
      unitId: 'coal-mine-3',
    });
    await server.app.commands.appendSystem(sessionId, 'system', () => [
      newEvent('participant:revoked', { participantId: participant.id, at: '2026-04-01T00:00:00.000Z' }),
    ]);
    const refused = await sendCommand(chair, sessionId, {
      type: 'session:publish-notice',
      payload: { noticeDate: '2026-04-10' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        refusal: { kind: 'notice-problems', problems: [{ problem: 'unit-without-presenter', unitId: 'coal-mine-3' }] },
      },
    });
  });

  test('rehearsal 7: a floor action refused carries what stands in the way, typed, for the screen to name', async () => {
    const server = await startTestServer({ store: 'memory' });
    const chair = await server.connect('chair');
    const state = await server.state();
    const [first, second] = ['item-2', 'item-3'].map((id) => state.agenda[id]!);
    expectOk(await sendCommand(chair, server.sessionId, { type: 'agenda:start-item', payload: { itemId: first!.id } }));
    const before = await server.head();

    const refused = await sendCommand(chair, server.sessionId, {
      type: 'agenda:start-item',
      payload: { itemId: second!.id },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        refusal: {
          kind: 'floor-blocked',
          blocker: 'item-live',
          liveItem: first!.topic,
          openDay: state.definition!.days[0]!.title,
        },
      },
    });
    expect(await server.head()).toBe(before);
  });
});
