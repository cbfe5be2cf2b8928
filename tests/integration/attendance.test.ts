import { newEvent, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

const connectedTo = (events: readonly SessionEvent[], dayId: string): string[] =>
  events.flatMap((e) =>
    e.type === 'attendance:connected' && e.payload.dayId === dayId ? [e.payload.participantId] : [],
  );

/** The chair and an official, both joined while day 1 is open; day 1 then adjourned. */
async function seatedThroughDayOne(server: TestServer) {
  const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
  await Promise.all([joinSession(chair, server.sessionId), joinSession(official, server.sessionId)]);
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

    expect(connectedTo(seen.events, 'day-2').sort()).toEqual(ids);
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

    expect(connectedTo(seen.events, 'day-2').sort()).toEqual(ids);
  });
});
