import { describe, expect, test } from 'vitest';
import { closeItem, expectOk, openFloor, sendCommand, sendOk, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer } from '../helpers/startTestServer.js';

describe('reopening through sockets', () => {
  test('rehearsal 5: the chair reopens a closed item and an adjourned day with a reason; others are refused with the reason', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const official = await server.connect('official');
    const watching = recordEvents(official);
    await joinSession(official, server.sessionId);
    const send = (command: Parameters<typeof sendCommand>[2]) => sendCommand(chair, server.sessionId, command);

    await sendOk(chair, server.sessionId, startItem('item-4'));
    await sendOk(chair, server.sessionId, openFloor('item-4'));
    await sendOk(chair, server.sessionId, closeItem('item-4'));

    // Only the chair may reopen; the official is refused by the table and nothing is appended.
    const head = (await server.state()).lastSeq;
    const forbidden = await sendCommand(official, server.sessionId, {
      type: 'agenda:reopen-item',
      payload: { itemId: 'item-4', reason: 'I was speaking.' },
    });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await server.state()).lastSeq).toBe(head);

    const reopened = expectOk(
      await send({
        type: 'agenda:reopen-item',
        payload: { itemId: 'item-4', reason: 'Closed while Kim was speaking.' },
      }),
    );
    await watching.waitForSeq(reopened.seq);
    expect(watching.events.at(-1)).toMatchObject({
      type: 'agenda:item-reopened',
      payload: { itemId: 'item-4', reason: 'Closed while Kim was speaking.' },
    });
    expect((await server.state()).agenda['item-4']).toMatchObject({ status: 'floor-open', closedAt: null });

    // A reopened day needs the open day adjourned first, and says which.
    await sendOk(chair, server.sessionId, closeItem('item-4'));
    await sendOk(chair, server.sessionId, { type: 'day:adjourn', payload: { dayId: 'day-1' } });
    await sendOk(chair, server.sessionId, { type: 'day:open', payload: { dayId: 'day-2' } });
    const refused = await send({
      type: 'day:reopen',
      payload: { dayId: 'day-1', reason: 'Two items never presented.' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Adjourn "Day 2 — light industry and food" first: one day sits at a time.' },
    });
    await sendOk(chair, server.sessionId, { type: 'day:adjourn', payload: { dayId: 'day-2' } });
    const dayReopened = expectOk(
      await send({ type: 'day:reopen', payload: { dayId: 'day-1', reason: 'Two items never presented.' } }),
    );
    await watching.waitForSeq(dayReopened.seq);
    const state = await server.state();
    expect(state.days['day-1']).toMatchObject({
      status: 'open',
      reopenings: [{ reason: 'Two items never presented.', actorId: server.participants.chair.id }],
    });

    // A blank reason is bad input: typed error, nothing appended. (The head is read once the
    // attendance of the reopened day, which follows it in its own batch, is in.)
    const before = (await server.state()).lastSeq;
    const blank = await send({ type: 'agenda:reopen-item', payload: { itemId: 'item-4', reason: ' ' } });
    expect(blank).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect((await server.state()).lastSeq).toBe(before);
  });
});
