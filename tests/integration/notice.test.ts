import { demoData } from '@plenum/server';
import { describe, expect, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

describe('the notice and the days', () => {
  test('rehearsal 7: a notice dated after the first day is refused naming both dates and the field; the chair moves the days and publishes', async () => {
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
      [],
      'Chair',
    );
    const chair = await connectClient(server.url, { token: invitation.token });
    const send = (command: Parameters<typeof sendCommand>[2]) => sendCommand(chair, sessionId, command);
    const head = async () => (await server.app.commands.state(sessionId)).lastSeq;
    const before = await head();

    const late = await send({ type: 'session:publish-notice', payload: { noticeDate: '2026-04-10' } });
    expect(late).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The notice date 2026-04-10 is after the first day 2026-04-07: change the notice date or the days.',
        refusal: {
          kind: 'notice-after-first-day',
          field: 'noticeDate',
          noticeDate: '2026-04-10',
          firstDay: '2026-04-07',
        },
      },
    });
    expect(await head()).toBe(before);

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
