import { emptySessionState, foldEvents } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import {
  expectOk,
  openFloor,
  postCriticism,
  renameSession,
  sendJoin,
  sendOk,
  startItem,
} from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

const seqsOf = (events: readonly { seq: number }[]): number[] => events.map((e) => e.seq);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Five commands by chair and inspector while someone is away. */
async function meanwhile(server: TestServer): Promise<number> {
  const [chair, inspector] = await Promise.all([server.connect('chair'), server.connect('inspector')]);
  await sendOk(chair, server.sessionId, startItem('item-2'));
  await sendOk(chair, server.sessionId, openFloor('item-2'));
  await sendOk(
    inspector,
    server.sessionId,
    postCriticism('item-2', { text: 'Deliveries under state orders: 96 %, not 100 %.' }),
  );
  await sendOk(inspector, server.sessionId, postCriticism('item-2', { text: 'Rolled products short by 5,500 t.' }));
  return sendOk(chair, server.sessionId, renameSession('Northern Province — Q1 review, day 1'));
}

describe('catch-up', () => {
  test('P4: after a disconnect, joining with afterSeq = last seq returns exactly the missed events, in order, no gap, no duplicate', async () => {
    const server = await startTestServer();
    const official = await server.connect('official');
    const live = recordEvents(official);
    const first = await joinSettled(server, official);
    const lastSeq = first.headSeq;
    // The page, then the official's own attendance, heard live after the answer (P21).
    const heard = [...first.events, ...live.events];
    expect(seqsOf(heard)).toEqual(range(1, lastSeq));
    expect(heard.at(-1)?.type).toBe('attendance:batch-connected');

    const gone = waitForEvent(official, 'disconnect');
    official.disconnect();
    await gone;
    const head = await meanwhile(server);
    expect(head).toBe(lastSeq + 5);

    const back = waitForEvent(official, 'connect');
    official.connect();
    await back;
    const caughtUp = await joinSession(official, server.sessionId, { afterSeq: lastSeq });
    expect(seqsOf(caughtUp.events)).toEqual(range(lastSeq + 1, head));
    expect(caughtUp.events).toEqual(await server.store.read(server.sessionId, lastSeq, 100));
    expect(caughtUp.headSeq).toBe(head);
    expect(caughtUp.epoch).toBe(first.epoch);
    // Nothing new reached the client while it was away.
    expect(live.events.filter((e) => e.seq > lastSeq)).toEqual([]);
    const state = foldEvents(emptySessionState(server.sessionId), [...heard, ...caughtUp.events]);
    expect(state).toEqual(await server.state());
  });

  test('P4: after the transport drops and socket.io reconnects by itself, the catch-up pages with a small limit', async () => {
    const server = await startTestServer();
    const official = await server.connect('official');
    const first = await joinSettled(server, official);
    const lastSeq = first.headSeq;

    const dropped = waitForEvent(official, 'disconnect');
    const reconnected = waitForEvent(official, 'connect', undefined, { description: 'the automatic reconnection' });
    // Close the connection under the socket from the server's side, as a network drop would.
    const serverSide = server.app.io.sockets.sockets.get(official.id ?? '');
    if (!serverSide) throw new Error('the server does not know the official’s socket');
    serverSide.conn.close();
    expect(await dropped).toBe('transport close');
    const head = await meanwhile(server);
    await reconnected;

    const caughtUp = await joinSession(official, server.sessionId, { afterSeq: lastSeq, limit: 2 });
    expect(caughtUp.pages.map((p) => seqsOf(p.events))).toEqual([
      [lastSeq + 1, lastSeq + 2],
      [lastSeq + 3, lastSeq + 4],
      [lastSeq + 5],
    ]);
    expect(caughtUp.pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(caughtUp.events).toEqual(await server.store.read(server.sessionId, lastSeq, 100));
    expect(caughtUp.headSeq).toBe(head);
  });

  test('P4: paging the whole log from 0 returns ascending, dense pages no larger than the limit', async () => {
    const server = await startTestServer({ store: 'memory' });
    const chair = await server.connect('chair');
    // The first join of the day records the chair's attendance, after its answer: the log grows by one.
    const { headSeq: head } = await joinSettled(server, chair);
    for (const limit of [1, 5, 7, head, 500]) {
      const { pages, events, headSeq } = await joinSession(chair, server.sessionId, { afterSeq: 0, limit });
      expect(pages).toHaveLength(Math.ceil(head / limit));
      for (const page of pages) {
        expect(page.events.length).toBeLessThanOrEqual(limit);
        expect(page.headSeq).toBe(head);
      }
      expect(pages.map((p) => p.hasMore)).toEqual(pages.map((_, i) => i < pages.length - 1));
      expect(seqsOf(events)).toEqual(range(1, head));
      expect(headSeq).toBe(head);
    }
    expect((await joinSession(chair, server.sessionId)).events).toEqual(
      await server.store.read(server.sessionId, 0, 1000),
    );
  });

  test('P4: a join from the head returns no events and no more', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const { headSeq: head } = await joinSettled(server, chair);
    const page = expectOk(await sendJoin(chair, { sessionId: server.sessionId, afterSeq: head }));
    expect(page).toMatchObject({ sessionId: server.sessionId, events: [], hasMore: false, headSeq: head });
    expect(page.you).toEqual(server.participants.chair);
    expect(Date.parse(page.serverTime)).not.toBeNaN();
  });

  test('P4: the client drops duplicates: overlapping pages and live events fold to the server’s state', async () => {
    const server = await startTestServer();
    const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
    const live = recordEvents(official);
    const first = await joinSettled(server, official);
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const head = await sendOk(chair, server.sessionId, openFloor('item-2'));
    await live.waitForSeq(head);
    // A join that overlaps what the client already has, e.g. a retry of an earlier join.
    const overlap = await joinSession(official, server.sessionId, { afterSeq: head - 4 });
    expect(seqsOf(overlap.events)).toEqual(range(head - 3, head));
    const received = [...first.events, ...live.events, ...overlap.events];
    expect(received.length).toBeGreaterThan(head);
    let state = emptySessionState(server.sessionId);
    for (const event of received) state = foldEvents(state, [event]);
    expect(state).toEqual(await server.state());
  });

  test('P6: the epoch is the store’s, the same in every join and across a reconnect', async () => {
    const server = await startTestServer();
    const official = await server.connect('official');
    const epoch = await server.store.epoch();
    expect((await joinSession(official, server.sessionId)).epoch).toBe(epoch);
    official.disconnect();
    const back = waitForEvent(official, 'connect');
    official.connect();
    await back;
    expect((await joinSession(official, server.sessionId, { afterSeq: 3, limit: 2 })).epoch).toBe(epoch);
  });

  test('P4/P6: a join with afterSeq beyond the head is told the real head', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    // The first join of the day records attendance; read the head after it.
    await joinSession(chair, server.sessionId);
    const head = await server.head();
    const page = expectOk(await sendJoin(chair, { sessionId: server.sessionId, afterSeq: head + 5 }));
    expect(page.events).toEqual([]);
    expect(page.headSeq).toBe(head);
  });
});

describe('heartbeat', () => {
  test('P5: joined clients receive session:head with the epoch and the current head, also after a new event', async () => {
    const server = await startTestServer({ heartbeatMs: 100 });
    const [chair, lurker] = await Promise.all([server.connect('chair'), server.connect('observer')]);
    const lurking: unknown[] = [];
    lurker.on('session:head', (m) => lurking.push(m));
    const { epoch, headSeq } = await joinSettled(server, chair);
    const first = await waitForEvent(chair, 'session:head', undefined, { timeoutMs: 3000 });
    expect(first).toEqual({ sessionId: server.sessionId, epoch, headSeq });
    const seq = await sendOk(chair, server.sessionId, startItem('item-1'));
    const next = await waitForEvent(chair, 'session:head', (m) => m.headSeq === seq, {
      timeoutMs: 3000,
      description: `headSeq ${seq}`,
    });
    expect(next).toEqual({ sessionId: server.sessionId, epoch, headSeq: seq });
    // The heartbeat goes to the session's room: a socket that never joined hears nothing.
    expect(lurking).toEqual([]);
  });
});
