import { describe, expect, test } from 'vitest';
import {
  expectOk,
  newCommandId,
  openFloor,
  postCriticism,
  renameSession,
  sendCommand,
  sendOk,
  startItem,
} from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

describe('idempotent commands', () => {
  test('P2: the same commandId twice yields one event and the same ack', async () => {
    const server = await startTestServer();
    const [chair, observer] = await Promise.all([server.connect('chair'), server.connect('observer')]);
    await Promise.all([joinSession(chair, server.sessionId), joinSettled(server, observer)]);
    const head = await server.head();
    const seen = recordEvents(observer);
    const commandId = newCommandId();

    const first = await sendCommand(chair, server.sessionId, startItem('item-1'), commandId);
    const second = await sendCommand(chair, server.sessionId, startItem('item-1'), commandId);
    expect(first).toEqual({ ok: true, data: { seq: head + 1 } });
    expect(second).toEqual(first);
    expect(await server.head()).toBe(head + 1);

    // A later command is the next event the observer hears: the repeat broadcast nothing.
    const fence = await sendOk(chair, server.sessionId, openFloor('item-1'));
    await seen.waitForSeq(fence);
    expect(seen.events.map((e) => [e.seq, e.type])).toEqual([
      [head + 1, 'agenda:item-started'],
      [head + 2, 'agenda:floor-opened'],
    ]);
  });

  test('P2: two copies sent at once still append once and both get the first answer', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const head = await server.head();
    const commandId = newCommandId();
    const copies = await Promise.all(
      Array.from({ length: 5 }, () => sendCommand(chair, server.sessionId, renameSession('Renamed once'), commandId)),
    );
    for (const ack of copies) expect(ack).toEqual({ ok: true, data: { seq: head + 1 } });
    expect(await server.head()).toBe(head + 1);
  });

  test('P2: a retry after a reconnect gets the first answer and appends nothing', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const commandId = newCommandId();
    const first = expectOk(await sendCommand(chair, server.sessionId, startItem('item-1'), commandId));
    chair.disconnect();
    const back = waitForEvent(chair, 'connect');
    chair.connect();
    await back;
    // On the new connection the command would now conflict (the item is running), yet the
    // retry is recognised by its id and answered as the first time.
    expect(await sendCommand(chair, server.sessionId, startItem('item-1'), commandId)).toEqual({
      ok: true,
      data: first,
    });
    expect(await server.head()).toBe(first.seq);
  });

  test('P2: the command id decides: a repeat with another body still gets the first answer', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const commandId = newCommandId();
    const first = expectOk(await sendCommand(chair, server.sessionId, renameSession('First title'), commandId));
    expect(await sendCommand(chair, server.sessionId, renameSession('Second title'), commandId)).toEqual({
      ok: true,
      data: first,
    });
    expect((await server.state()).definition?.title).toBe('First title');
    expect(await server.head()).toBe(first.seq);
  });

  test('P2: another participant reusing a command id is refused with CONFLICT and appends nothing', async () => {
    const server = await startTestServer();
    const [chair, inspector] = await Promise.all([server.connect('chair'), server.connect('inspector')]);
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const commandId = newCommandId();
    const seq = await sendOk(
      chair,
      server.sessionId,
      postCriticism('item-2', { text: 'The chair’s point.' }),
      commandId,
    );
    const reused = await sendCommand(
      inspector,
      server.sessionId,
      postCriticism('item-2', { text: 'The inspector’s point.' }),
      commandId,
    );
    expect(reused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await server.head()).toBe(seq);
  });

  test('P2: a refused command does not use up its id: the retry is decided again', async () => {
    const server = await startTestServer();
    const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
    const commandId = newCommandId();
    const criticism = postCriticism('item-2', { text: 'Rolled products short of plan.' });
    // Not on the floor yet: refused, and nothing is remembered under the id.
    expect(await sendCommand(official, server.sessionId, criticism, commandId)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const started = await sendOk(chair, server.sessionId, startItem('item-2'));
    expect(await sendCommand(official, server.sessionId, criticism, commandId)).toEqual({
      ok: true,
      data: { seq: started + 1 },
    });
  });
});
