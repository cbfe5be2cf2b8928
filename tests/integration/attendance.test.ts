import { newEvent, type SessionJoinResult } from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import { connectedIds } from '../helpers/attendance.js';
import { deferred, withTimeout } from '../helpers/deferred.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

/** The chair and an official, both joined while day 1 is open; day 1 then adjourned. */
async function seatedThroughDayOne(server: TestServer) {
  const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
  // Their attendance of day 1 is appended after the answers: in before the day closes.
  await Promise.all([joinSettled(server, chair), joinSettled(server, official)]);
  expectOk(await sendCommand(chair, server.sessionId, { type: 'day:adjourn', payload: { dayId: 'day-1' } }));
  return { chair, official, ids: [server.participants.chair.id, server.participants.official.id].sort() };
}

describe('attendance of those already connected', () => {
  test('rehearsal 1 / P21: a day opened while participants are connected records each of them as connected that day, without a new join', async () => {
    const server = await startTestServer();
    const { chair, official, ids } = await seatedThroughDayOne(server);
    const seen = recordEvents(official);

    const opened = expectOk(
      await sendCommand(chair, server.sessionId, { type: 'day:open', payload: { dayId: 'day-2' } }),
    );
    await seen.waitForSeq(opened.seq + 1);

    expect(connectedIds(seen.events, (await server.state()).participantOrder, 'day-2').sort()).toEqual(ids);
    const state = await server.state();
    for (const id of ids) expect(state.attendance['day-2']?.[id]?.connectedAt).not.toBeNull();
    // Once per participant and day: their next join adds nothing.
    const head = await server.head();
    await joinSession(official, server.sessionId, { afterSeq: head });
    expect(await server.head()).toBe(head);
  });

  test('rehearsal 1 / P21: a day opened through another process is recorded for those connected here at the next heartbeat', async () => {
    const server = await startTestServer({ heartbeatMs: 50 });
    const { official, ids } = await seatedThroughDayOne(server);
    const seen = recordEvents(official);

    // Appended without passing through this process's broadcast, as another process would.
    const opened = await server.app.commands.appendSystem(server.sessionId, server.participants.chair.id, () => [
      newEvent('day:opened', { dayId: 'day-2', at: new Date().toISOString() }),
    ]);
    await seen.waitForSeq(opened.result.seq + 1);

    expect(connectedIds(seen.events, (await server.state()).participantOrder, 'day-2').sort()).toEqual(ids);
  });
});

describe('the join answered before its attendance', () => {
  test('P21: a first join’s answer arrives before its attendance, which follows live and is logged once, also across joins and a second socket', async () => {
    const server = await startTestServer();
    const official = await server.connect('official');
    const id = server.participants.official.id;
    const { participantOrder: order } = await server.state();
    const heard: string[] = [];
    official.on('session:events', (m) => heard.push(...m.events.map((e) => `${e.type} ${e.seq}`)));
    const answered = deferred<SessionJoinResult>();
    // A raw callback records the answer synchronously, in arrival order with the events.
    official.emit('session:join', { sessionId: server.sessionId, afterSeq: 0 }, (answer) => {
      heard.push('answer');
      answered.resolve(expectOk(answer));
    });
    const page = await withTimeout(answered.promise, 5000, 'the join answer');
    const attended = await waitForEvent(official, 'session:events', (m) => connectedIds(m.events, order).includes(id));
    const seq = attended.events[0]!.seq;
    expect(heard).toEqual(['answer', `attendance:batch-connected ${seq}`]);
    expect(seq).toBe(page.headSeq + 1);
    expect(connectedIds(page.events, order, 'day-1')).not.toContain(id);

    // Its later joins, and a join from a second socket, record nothing more.
    await joinSession(official, server.sessionId, { afterSeq: seq });
    const second = await server.connect('official');
    await joinSession(second, server.sessionId);
    const log = await server.store.read(server.sessionId, 0, 1000);
    expect(connectedIds(log, order, 'day-1').filter((p) => p === id)).toEqual([id]);
    expect(await server.head()).toBe(seq);
  });

  test('P21: a connection is recorded for the day open when it joined, even when that day is adjourned before the batch is appended', async () => {
    const server = await startTestServer({ attendanceWindowMs: 60_000 });
    const chair = await server.connect('chair');
    const official = await server.connect('official');
    await joinSession(official, server.sessionId);
    // The batch still waits for its window when the day closes.
    expectOk(await sendCommand(chair, server.sessionId, { type: 'day:adjourn', payload: { dayId: 'day-1' } }));
    const state = await server.state();
    expect(state.days['day-1']?.status).toBe('adjourned');
    expect(state.attendance['day-1']?.[server.participants.official.id]?.connectedAt).toEqual(expect.any(String));
  });

  test('P21: an append that fails after the answer loses nothing: the next join records it, once', async () => {
    const server = await startTestServer();
    const id = server.participants.official.id;
    const { participantOrder: order } = await server.state();
    const sessions = server.app.sessions;
    const record = sessions.recordConnections.bind(sessions);
    const failOnce = vi
      .spyOn(sessions, 'recordConnections')
      .mockRejectedValueOnce(new Error('the store is away'))
      .mockImplementation(record);
    const first = await server.connect('official');
    const page = await joinSession(first, server.sessionId);
    expect(await server.head()).toBe(page.headSeq);
    expect(failOnce).toHaveBeenCalledTimes(1);
    expect(connectedIds(await server.store.read(server.sessionId, 0, 1000), order, 'day-1')).not.toContain(id);

    const second = await server.connect('official');
    await joinSession(second, server.sessionId);
    expect(await server.head()).toBe(page.headSeq + 1);
    expect(
      connectedIds(await server.store.read(server.sessionId, 0, 1000), order, 'day-1').filter((p) => p === id),
    ).toEqual([id]);
  });
});
