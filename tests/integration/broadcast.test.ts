import type { Ack, CommandResult, SessionEventsMessage } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { deferred, withTimeout } from '../helpers/deferred.js';
import { expectOk, newCommandId, postCriticism, sendCommand, startItem } from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

describe('broadcast', () => {
  test('P3: the chair starts an item and official, observer and chair all receive it with the same seq', async () => {
    const server = await startTestServer();
    const [chair, official, observer] = await Promise.all([
      server.connect('chair'),
      server.connect('official'),
      server.connect('observer'),
    ]);
    const clients = [chair, official, observer];
    const joined = await Promise.all(clients.map((c) => joinSettled(server, c)));
    // Each first join of the day appends an attendance event after its answer; all have heard them.
    const head = await server.head();
    expect(joined.map((log) => log.headSeq)).toEqual([head, head, head]);

    const isStart = (m: SessionEventsMessage) => m.events.some((e) => e.type === 'agenda:item-started');
    const received = clients.map((c) =>
      waitForEvent(c, 'session:events', isStart, { description: 'agenda:item-started' }),
    );
    const ack = expectOk(await sendCommand(chair, server.sessionId, startItem('item-1')));
    expect(ack.seq).toBe(head + 1);

    const messages = await Promise.all(received);
    for (const message of messages) {
      expect(message.sessionId).toBe(server.sessionId);
      expect(message.events).toHaveLength(1);
      expect(message.events[0]).toMatchObject({
        seq: head + 1,
        type: 'agenda:item-started',
        actorId: server.participants.chair.id,
        payload: { itemId: 'item-1' },
      });
    }
    // Everyone received the very same event, equal to what the log holds.
    expect(messages[1]).toEqual(messages[0]);
    expect(messages[2]).toEqual(messages[0]);
    expect(await server.store.read(server.sessionId, head, 10)).toEqual(messages[0]!.events);
  });

  test('P3: the sender gets its ack before the broadcast of its own event, and the event is committed by then', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const { headSeq } = await joinSettled(server, chair);
    const order: string[] = [];
    chair.on('session:events', (m) => order.push(...m.events.map((e) => `event ${e.seq}`)));
    const acked = deferred<Ack<CommandResult>>();
    const event = waitForEvent(chair, 'session:events');
    // A raw callback records the ack synchronously, in arrival order with the events.
    chair.emit(
      'command',
      { commandId: newCommandId(), sessionId: server.sessionId, command: startItem('item-1') },
      (ack) => {
        order.push(`ack ${ack.ok ? ack.data.seq : ack.error.code}`);
        acked.resolve(ack);
      },
    );
    const ack = expectOk(await withTimeout(acked.promise, 5000, 'the ack of agenda:start-item'));
    // The log holds the event once the sender holds the ack.
    expect((await server.store.read(server.sessionId, headSeq, 10)).map((e) => e.seq)).toEqual([ack.seq]);
    await event;
    expect(order).toEqual([`ack ${headSeq + 1}`, `event ${headSeq + 1}`]);
  });

  test('P3: a refused command broadcasts nothing', async () => {
    const server = await startTestServer();
    const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
    await Promise.all([joinSettled(server, chair), joinSettled(server, official)]);
    const head = await server.head();
    const seen = recordEvents(official);
    // Posting on an item that is not on the floor conflicts.
    const refused = await sendCommand(official, server.sessionId, postCriticism('item-3'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A later command is the next thing the official hears: nothing came in between.
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-3')));
    await seen.waitForSeq(head + 1);
    expect(seen.events.map((e) => e.seq)).toEqual([head + 1]);
    expect(seen.events[0]?.type).toBe('agenda:item-started');
  });

  test('P3: a client that has not joined receives no broadcast', async () => {
    const server = await startTestServer();
    const [chair, lurker] = await Promise.all([server.connect('chair'), server.connect('observer')]);
    await joinSettled(server, chair);
    const lurking = recordEvents(lurker);
    const chairSees = waitForEvent(chair, 'session:events', (m) =>
      m.events.some((e) => e.type === 'agenda:item-started'),
    );
    const started = expectOk(await sendCommand(chair, server.sessionId, startItem('item-1'))).seq;
    await chairSees;
    const { events } = await joinSession(lurker, server.sessionId, { afterSeq: started - 1 });
    // Messages on one connection arrive in order: a broadcast of the item's start sent to the
    // lurker would have come before its join's answer. Only its own attendance, appended after
    // that answer, reaches it live.
    expect(events.map((e) => [e.seq, e.type])).toEqual([[started, 'agenda:item-started']]);
    await lurking.waitForSeq(started + 1);
    expect(lurking.events.map((e) => [e.seq, e.type])).toEqual([[started + 1, 'attendance:batch-connected']]);
  });

  test('P1: concurrent commands from several clients get distinct, dense seqs, seen in one order by all, in fewer messages than events', async () => {
    const server = await startTestServer();
    const [chair, official, inspector, observer] = await Promise.all([
      server.connect('chair'),
      server.connect('official'),
      server.connect('inspector'),
      server.connect('observer'),
    ]);
    await Promise.all([chair, official, inspector, observer].map((c) => joinSettled(server, c)));
    const before = await server.head();
    const recorders = [chair, official, inspector, observer].map(recordEvents);
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    const head = await server.head();
    const perClient = 8;
    const acks = await Promise.all(
      [chair, official, inspector].flatMap((client, c) =>
        Array.from({ length: perClient }, (_, i) =>
          sendCommand(client, server.sessionId, postCriticism('item-2', { text: `Point ${c}.${i}` })),
        ),
      ),
    );
    const seqs = acks.map((ack) => expectOk(ack).seq).sort((a, b) => a - b);
    const total = 3 * perClient;
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => head + i + 1));
    await Promise.all(recorders.map((r) => r.waitForSeq(head + total)));
    const logged = await server.store.read(server.sessionId, before, 100);
    expect(logged).toHaveLength(1 + total);
    for (const recorder of recorders) expect(recorder.events).toEqual(logged);
    // Commands committed together are broadcast together: fewer messages than events.
    for (const recorder of recorders) expect(recorder.messages.length).toBeLessThan(logged.length);
  });
});
