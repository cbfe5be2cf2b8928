import {
  emptySessionState,
  foldEvents,
  Limits,
  parseStateText,
  readSavedState,
  stateText,
  stateVersion,
  type Role,
  type SessionEvent,
  type SessionJoinResult,
  type SessionState,
} from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import { appendCriticisms } from '../helpers/criticisms.js';
import { expectOk, openFloor, sendJoin, sendOk, startItem } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

/** Appends `count` criticisms on item 2 as the chair; the log's head after them. */
async function criticise(server: TestServer, count: number, tag: string): Promise<number> {
  await appendCriticisms(server.app, server.sessionId, server.participants.chair.id, count, tag);
  return server.store.head(server.sessionId);
}

/**
 * A session of a few thousand events: the demo, item 2 on the floor, 3,000 criticisms, the
 * state saved, then 700 more criticisms after the snapshot.
 */
async function busySession(): Promise<{ server: TestServer; snapshotSeq: number; head: number }> {
  const server = await startTestServer();
  const chair = await server.connect('chair');
  await sendOk(chair, server.sessionId, startItem('item-2'));
  await sendOk(chair, server.sessionId, openFloor('item-2'));
  const snapshotSeq = await criticise(server, 3_000, 'before');
  await server.app.commands.saveSnapshots();
  expect((await server.store.loadSnapshot(server.sessionId))?.seq).toBe(snapshotSeq);
  const head = await criticise(server, 700, 'after');
  return { server, snapshotSeq, head };
}

/**
 * Joins as `role` from `afterSeq` and pages to the end of the log; the first answer and every
 * event. Each role has a read budget of its own (P12).
 */
async function joinAll(
  server: TestServer,
  request: { afterSeq: number; stateVersion?: number },
  role: Role = 'official',
): Promise<{ first: SessionJoinResult; events: SessionEvent[] }> {
  const official = await server.connect(role);
  const first = expectOk(await sendJoin(official, { sessionId: server.sessionId, ...request }));
  const events = [...first.events];
  for (let page = first; page.hasMore;) {
    const afterSeq = events.at(-1)!.seq;
    page = expectOk(await sendJoin(official, { sessionId: server.sessionId, afterSeq }));
    events.push(...page.events);
  }
  return { first, events };
}

/** The whole log up to `seq`, read from the store. */
async function logUpTo(server: TestServer, seq: number): Promise<SessionEvent[]> {
  return server.store.read(server.sessionId, 0, seq);
}

describe('the saved state in the join answer (P26)', () => {
  test('P26: a client from 0 gets the saved state as bytes and the events after it; folding them gives the reducer’s fold of the whole log', async () => {
    const { server, snapshotSeq, head } = await busySession();
    const loadSnapshot = vi.spyOn(server.store, 'loadSnapshot');
    const loadSnapshotBytes = vi.spyOn(server.store, 'loadSnapshotBytes');
    const { first, events } = await joinAll(server, { afterSeq: 0, stateVersion });
    // The state is read once, as bytes, and never parsed on the way.
    expect(loadSnapshotBytes).toHaveBeenCalledTimes(1);
    expect(loadSnapshot).not.toHaveBeenCalled();
    expect(first.state?.seq).toBe(snapshotSeq);
    expect(first.state?.value).toBeInstanceOf(Uint8Array);
    expect(first.events).toHaveLength(Limits.pageSize);
    expect(first.events[0]?.seq).toBe(snapshotSeq + 1);
    expect(first.hasMore).toBe(true);
    expect(events.at(-1)?.seq).toBeGreaterThanOrEqual(head);

    const saved = readSavedState(first.state!.value, server.sessionId, snapshotSeq);
    expect(saved).not.toBeNull();
    const adopted = foldEvents(saved!, events);
    const folded = foldEvents(emptySessionState(server.sessionId), await logUpTo(server, adopted.lastSeq));
    expect(adopted).toEqual(folded);
  });

  test('P26: a client near the head gets events only', async () => {
    const { server, head } = await busySession();
    const { first, events } = await joinAll(server, { afterSeq: head - 100, stateVersion });
    expect(first.state).toBeUndefined();
    expect(first.events[0]?.seq).toBe(head - 99);
    // Up to what the client read: an attendance event may be appended after its last page.
    const last = events.at(-1)!.seq;
    expect(last).toBeGreaterThanOrEqual(head);
    expect(events.map((e) => e.seq)).toEqual(
      (await server.store.read(server.sessionId, head - 100, last - (head - 100))).map((e) => e.seq),
    );
  });

  test('P26: a client more than a page behind the snapshot gets the state; one within a page of it gets events only', async () => {
    const { server, snapshotSeq } = await busySession();
    const far = await joinAll(server, { afterSeq: snapshotSeq - Limits.pageSize - 1, stateVersion });
    expect(far.first.state?.seq).toBe(snapshotSeq);
    const near = await joinAll(server, { afterSeq: snapshotSeq - Limits.pageSize, stateVersion }, 'inspector');
    expect(near.first.state).toBeUndefined();
    expect(near.first.events[0]?.seq).toBe(snapshotSeq - Limits.pageSize + 1);
  });

  test('P26: a client of another stateVersion, or one that does not say, gets events only, and no snapshot is looked at', async () => {
    const { server } = await busySession();
    const loadSnapshotHead = vi.spyOn(server.store, 'loadSnapshotHead');
    const requests = [
      { role: 'official', request: { afterSeq: 0, stateVersion: stateVersion + 1 } },
      { role: 'inspector', request: { afterSeq: 0 } },
    ] as const;
    for (const { role, request } of requests) {
      const { first, events } = await joinAll(server, request, role);
      expect(first.state).toBeUndefined();
      expect(first.events[0]?.seq).toBe(1);
      const fromLog = foldEvents(emptySessionState(server.sessionId), events);
      expect(fromLog).toEqual(foldEvents(emptySessionState(server.sessionId), await logUpTo(server, fromLog.lastSeq)));
    }
    expect(loadSnapshotHead).not.toHaveBeenCalled();
  });

  test('P26: a snapshot ahead of the log (a log restored from an older backup) is never sent', async () => {
    const { server, head } = await busySession();
    const snapshot = (await server.store.loadSnapshot(server.sessionId))!;
    const ahead = head + 1_000;
    const state = { ...(parseStateText(snapshot.state) as SessionState), lastSeq: ahead };
    await server.store.saveSnapshot({ ...snapshot, seq: ahead, state: stateText(state) });
    const { first, events } = await joinAll(server, { afterSeq: 0, stateVersion });
    expect(first.state).toBeUndefined();
    expect(first.events[0]?.seq).toBe(1);
    expect(events.at(-1)?.seq).toBeGreaterThanOrEqual(head);
  });

  test('P26: a state over half the socket’s outbound budget is not sent (P13), nor read: the client folds the log', async () => {
    const server = await startTestServer({ protections: { outboundBytes: 2 * 1024 * 1024 } });
    const chair = await server.connect('chair');
    await sendOk(chair, server.sessionId, startItem('item-2'));
    await sendOk(chair, server.sessionId, openFloor('item-2'));
    await criticise(server, 3_500, 'big');
    await server.app.commands.saveSnapshots();
    const size = Buffer.byteLength((await server.store.loadSnapshot(server.sessionId))!.state);
    expect(size).toBeGreaterThan(1024 * 1024);
    const loadSnapshotHead = vi.spyOn(server.store, 'loadSnapshotHead');
    const loadSnapshot = vi.spyOn(server.store, 'loadSnapshot');
    const loadSnapshotBytes = vi.spyOn(server.store, 'loadSnapshotBytes');
    const { first } = await joinAll(server, { afterSeq: 0, stateVersion });
    expect(first.state).toBeUndefined();
    // Refused on its head's size: the state itself is never read.
    expect(loadSnapshotHead).toHaveBeenCalledTimes(1);
    expect(loadSnapshot).not.toHaveBeenCalled();
    expect(loadSnapshotBytes).not.toHaveBeenCalled();
  });
});
