import { emptySessionState, foldEvents, type SessionEvent } from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createConnectionStore, type ConnectionStatus, type ConnectionStoreApi } from '../stores/connection';
import { createPendingStore } from '../stores/pending';
import { createSessionStore, type SessionStoreApi } from '../stores/session';
import { demoSession, eventLog, ids, instant, joinAnswer, participants, type JoinAnswerOptions } from '../test/events';
import { connectSession, type ConnectSessionOptions } from './connection';
import { FakeSocket, flushMicrotasks, type FakeAsk } from './testing/FakeSocket';

/** The last seq of the demo log. */
const demoHead = demoSession().events.length;

/**
 * The state a client holds once it has applied `events`. Folded from a copy: the reducer keeps
 * parts of payloads in the state, and the store under test has frozen them.
 */
const createAppliedState = (events: SessionEvent[]) =>
  foldEvents(emptySessionState(ids.session), structuredClone(events));

function untilStatus(store: ConnectionStoreApi, status: ConnectionStatus): Promise<void> {
  if (store.getState().status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe((state) => {
      if (state.status !== status) return;
      unsubscribe();
      resolve();
    });
  });
}

function setup(options: Partial<ConnectSessionOptions> = {}) {
  const fake = new FakeSocket();
  const session = createSessionStore(ids.session);
  const connection = createConnectionStore();
  const pending = createPendingStore();
  const handle = connectSession({
    socket: fake.asSocket(),
    sessionId: ids.session,
    session,
    connection,
    pending,
    ...options,
  });
  onTestFinished(() => handle.dispose());
  const lastSeq = () => session.getState().session.lastSeq;
  return { fake, session, connection, pending, handle, lastSeq };
}

/** Connects, answers the first join with `events`, and waits until the connection is live. */
async function goLive(env: ReturnType<typeof setup>, events: SessionEvent[], options?: JoinAnswerOptions) {
  env.fake.serverAccepts();
  const join = await env.fake.nextAsk('session:join');
  join.answer(joinAnswer(events, options));
  await untilStatus(env.connection, 'live');
}

describe('joining and catching up', () => {
  test('connects at once and joins on connect with afterSeq 0, then is live', async () => {
    const env = setup();
    expect(env.fake.connectCalls).toBe(1);
    expect(env.connection.getState().status).toBe('connecting');

    env.fake.serverAccepts();
    expect(env.connection.getState().status).toBe('catching-up');
    const join = await env.fake.nextAsk('session:join');
    expect(join.payload).toEqual({ sessionId: ids.session, afterSeq: 0 });

    const log = demoSession();
    join.answer(joinAnswer(log.events));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(log.events.length);
    expect(env.session.getState().you).toEqual(participants.official);
    expect(env.session.getState().epoch).toBe('epoch-1');
  });

  test('joins again on every reconnect, asking only for what came after lastSeq', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);

    for (let round = 1; round <= 3; round++) {
      env.fake.serverDrops();
      expect(env.connection.getState().status).toBe('reconnecting');
      const seqBefore = env.lastSeq();
      env.fake.serverAccepts();
      const join = await env.fake.nextAsk('session:join');
      expect(join.payload).toEqual({ sessionId: ids.session, afterSeq: seqBefore });
      const missed = log.add('session:renamed', { title: `Renamed ${round}` });
      join.answer(joinAnswer([missed]));
      await untilStatus(env.connection, 'live');
      expect(env.lastSeq()).toBe(seqBefore + 1);
    }
    expect(env.session.getState().session.definition?.title).toBe('Renamed 3');
  });

  test('pages through the log while the answer says hasMore', async () => {
    const env = setup();
    const log = demoSession();
    env.fake.serverAccepts();

    const first = await env.fake.nextAsk('session:join');
    first.answer(joinAnswer(log.events.slice(0, 5), { hasMore: true, headSeq: demoHead }));
    const second = await env.fake.nextAsk('session:join');
    expect(second.payload).toEqual({ sessionId: ids.session, afterSeq: 5 });
    expect(env.connection.getState().status).toBe('catching-up');

    second.answer(joinAnswer(log.events.slice(5, 9), { hasMore: true, headSeq: demoHead }));
    const third = await env.fake.nextAsk('session:join');
    expect(third.payload).toEqual({ sessionId: ids.session, afterSeq: 9 });

    third.answer(joinAnswer(log.events.slice(9)));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead);
    expect(env.fake.openAsks('session:join')).toHaveLength(0);
  });

  test('asks again when a join gets no answer in time', async () => {
    const env = setup();
    env.fake.serverAccepts();
    const first = await env.fake.nextAsk('session:join');
    expect(first.timeoutMs).toBeGreaterThan(0);
    first.timeOut();
    const retry = await env.fake.nextAsk('session:join');
    expect(retry.payload).toEqual({ sessionId: ids.session, afterSeq: 0 });
    retry.answer(joinAnswer(demoSession().events));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead);
  });

  test('measures the server clock offset from the join answer', async () => {
    let deviceNow = Date.parse(instant(0));
    const env = setup({ now: () => deviceNow });
    env.fake.serverAccepts();
    const join = await env.fake.nextAsk('session:join');
    // Sent at t, answered at t + 200 ms; the server's clock read t + 100 ms + 5 s in between.
    deviceNow += 200;
    join.answer(joinAnswer(demoSession().events, { serverTime: instant(5.1) }));
    await untilStatus(env.connection, 'live');
    expect(env.connection.getState().serverClockOffsetMs).toBe(5000);
  });
});

/** The `lastSeq` of each state the store takes: one entry per time events are applied (or a reset). */
function recordApplications(session: SessionStoreApi): () => number[] {
  const seen: number[] = [];
  const unsubscribe = session.subscribe((state, previous) => {
    if (state.session !== previous.session) seen.push(state.session.lastSeq);
  });
  onTestFinished(unsubscribe);
  return () => seen;
}

describe('catch-up in one batch', () => {
  test('P4: the pages of one catch-up are applied together when the last arrives, with no gap or repeat', async () => {
    const env = setup();
    const applications = recordApplications(env.session);
    const log = demoSession();
    env.fake.serverAccepts();

    const first = await env.fake.nextAsk('session:join');
    first.answer(joinAnswer(log.events.slice(0, 5), { hasMore: true, headSeq: demoHead }));
    const second = await env.fake.nextAsk('session:join');
    expect(second.payload).toEqual({ sessionId: ids.session, afterSeq: 5 });
    second.answer(joinAnswer(log.events.slice(5, 9), { hasMore: true, headSeq: demoHead }));
    const third = await env.fake.nextAsk('session:join');
    expect(third.payload).toEqual({ sessionId: ids.session, afterSeq: 9 });
    expect(env.lastSeq()).toBe(0);
    expect(applications()).toEqual([]);

    third.answer(joinAnswer(log.events.slice(9)));
    await untilStatus(env.connection, 'live');
    expect(applications()).toEqual([demoHead]);
    expect(env.session.getState().session).toEqual(createAppliedState(log.events));
    expect(env.fake.openAsks('session:join')).toHaveLength(0);
  });

  test('a long catch-up is applied every catchUpApplyEvery events, and stays "catching up" meanwhile', async () => {
    const env = setup({ catchUpApplyEvery: 5 });
    const applications = recordApplications(env.session);
    const log = demoSession();
    env.fake.serverAccepts();

    const pages = [log.events.slice(0, 3), log.events.slice(3, 6), log.events.slice(6, 9), log.events.slice(9)];
    const seenAfterEachPage: number[] = [];
    for (const [i, page] of pages.entries()) {
      const join = await env.fake.nextAsk('session:join');
      expect(join.payload).toEqual({ sessionId: ids.session, afterSeq: i * 3 });
      join.answer(joinAnswer(page, { hasMore: i < pages.length - 1, headSeq: demoHead }));
      if (i < pages.length - 1) {
        await flushMicrotasks();
        seenAfterEachPage.push(env.lastSeq());
        expect(env.connection.getState().status).toBe('catching-up');
      }
    }
    await untilStatus(env.connection, 'live');
    // 3 fetched, 6 reach the bound and are applied, 3 more wait for the last page.
    expect(seenAfterEachPage).toEqual([0, 6, 6]);
    expect(applications()).toEqual([6, demoHead]);
    expect(env.lastSeq()).toBe(demoHead);
  });

  test('a live event arriving mid catch-up is neither lost nor applied twice', async () => {
    const env = setup();
    const applications = recordApplications(env.session);
    const log = demoSession();
    env.fake.serverAccepts();

    const first = await env.fake.nextAsk('session:join');
    first.answer(joinAnswer(log.events.slice(0, 5), { hasMore: true, headSeq: demoHead }));
    const second = await env.fake.nextAsk('session:join');
    // Committed after the pages were read: one already fetched, one beyond the head they know.
    const live = log.add('session:renamed', { title: 'Renamed during the catch-up' });
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [log.events[3]!] });
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [live] });
    expect(env.lastSeq()).toBe(0);
    expect(env.fake.openAsks('session:join')).toEqual([second]);

    second.answer(joinAnswer(log.events.slice(5, demoHead)));
    const more = await env.fake.nextAsk('session:join');
    expect(more.payload).toEqual({ sessionId: ids.session, afterSeq: demoHead });
    more.answer(joinAnswer([live]));
    await untilStatus(env.connection, 'live');
    expect(applications()).toEqual([demoHead + 1]);
    expect(env.session.getState().session).toEqual(createAppliedState(log.events));
  });

  test('a live event applied before the page that carries it is not fetched or applied again', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);
    env.fake.serverDrops();
    env.fake.serverAccepts();
    const first = await env.fake.nextAsk('session:join');

    const missed = [1, 2, 3].map((n) => log.add('session:renamed', { title: `Renamed ${n}` }));
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [missed[0]] });
    expect(env.lastSeq()).toBe(demoHead + 1);

    first.answer(joinAnswer(missed.slice(0, 2), { hasMore: true, headSeq: demoHead + 3 }));
    const second = await env.fake.nextAsk('session:join');
    expect(second.payload).toEqual({ sessionId: ids.session, afterSeq: demoHead + 2 });
    second.answer(joinAnswer(missed.slice(2)));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead + 3);
    expect(env.session.getState().session.definition?.title).toBe('Renamed 3');
  });

  test('a drop mid catch-up applies the pages fetched so far; the next join goes on from them', async () => {
    const env = setup();
    const log = demoSession();
    env.fake.serverAccepts();
    const first = await env.fake.nextAsk('session:join');
    first.answer(joinAnswer(log.events.slice(0, 5), { hasMore: true, headSeq: demoHead }));
    const stale = await env.fake.nextAsk('session:join');

    env.fake.serverDrops();
    expect(env.lastSeq()).toBe(5);
    env.fake.serverAccepts();
    const latest = await env.fake.nextAsk('session:join');
    expect(latest.payload).toEqual({ sessionId: ids.session, afterSeq: 5 });

    // The answer to the join sent before the drop is stale: dropped, and it pages no further.
    stale.answer(joinAnswer(log.events.slice(5, 9), { hasMore: true, headSeq: demoHead }));
    await flushMicrotasks();
    expect(env.lastSeq()).toBe(5);
    expect(env.fake.openAsks('session:join')).toEqual([latest]);

    latest.answer(joinAnswer(log.events.slice(5)));
    await untilStatus(env.connection, 'live');
    expect(env.session.getState().session).toEqual(createAppliedState(log.events));
  });

  test('P6: another epoch mid catch-up drops the pages fetched from the old log and joins again from 0', async () => {
    const env = setup();
    const applications = recordApplications(env.session);
    const oldLog = demoSession();
    oldLog.add('session:renamed', { title: 'Old history' });
    env.fake.serverAccepts();
    const first = await env.fake.nextAsk('session:join');
    first.answer(joinAnswer(oldLog.events.slice(0, 5), { hasMore: true, headSeq: demoHead + 1 }));
    const second = await env.fake.nextAsk('session:join');

    // Restored meanwhile: the same seqs, another history.
    const newLog = demoSession();
    newLog.add('session:renamed', { title: 'Restored' });
    second.answer(joinAnswer(newLog.events.slice(5), { epoch: 'epoch-2' }));
    const fromZero = await env.fake.nextAsk('session:join');
    expect(fromZero.payload).toEqual({ sessionId: ids.session, afterSeq: 0 });
    // Only the reset: nothing of the old log reached the store.
    expect(applications()).toEqual([0]);

    fromZero.answer(joinAnswer(newLog.events, { epoch: 'epoch-2' }));
    await untilStatus(env.connection, 'live');
    expect(env.session.getState().epoch).toBe('epoch-2');
    expect(env.session.getState().session.definition?.title).toBe('Restored');
    expect(applications()).toEqual([0, demoHead + 1]);
  });
});

describe('live events', () => {
  test('events at or below lastSeq are dropped as duplicates', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);
    const before = env.session.getState().session;

    env.fake.serverEmits('session:events', { sessionId: ids.session, events: log.events.slice(-2) });
    expect(env.session.getState().session).toBe(before);

    const renamed = log.add('session:renamed', { title: 'Renamed live' });
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: log.events.slice(-2) });
    expect(env.lastSeq()).toBe(renamed.seq);
    expect(env.session.getState().session.definition?.title).toBe('Renamed live');
    expect(env.fake.openAsks('session:join')).toHaveLength(0);
    expect(env.connection.getState().status).toBe('live');
  });

  test('a gap starts a catch-up from lastSeq instead of applying out of order', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);

    const missed = log.add('session:renamed', { title: 'Missed' });
    const seen = log.add('session:renamed', { title: 'Seen' });
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [seen] });
    expect(env.lastSeq()).toBe(demoHead);
    expect(env.connection.getState().status).toBe('catching-up');

    const join = await env.fake.nextAsk('session:join');
    expect(join.payload).toEqual({ sessionId: ids.session, afterSeq: demoHead });
    join.answer(joinAnswer([missed, seen]));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(seen.seq);
    expect(env.session.getState().session.definition?.title).toBe('Seen');
  });

  test('a gap seen while a catch-up runs is fetched by that catch-up, not by a second join', async () => {
    const env = setup();
    const log = demoSession();
    env.fake.serverAccepts();
    const join = await env.fake.nextAsk('session:join');

    const later = [log.add('session:renamed', { title: 'A' }), log.add('session:renamed', { title: 'B' })];
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [later[1]] });
    expect(env.fake.openAsks('session:join')).toHaveLength(1);

    // The answer was read before the last two events were committed.
    join.answer(joinAnswer(log.events.slice(0, demoHead)));
    const more = await env.fake.nextAsk('session:join');
    expect(more.payload).toEqual({ sessionId: ids.session, afterSeq: demoHead });
    more.answer(joinAnswer(later));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead + 2);
  });

  test('a heartbeat ahead of lastSeq starts a catch-up; one at lastSeq does not', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);

    env.fake.serverEmits('session:head', { sessionId: ids.session, epoch: 'epoch-1', headSeq: demoHead });
    await flushMicrotasks();
    expect(env.fake.openAsks('session:join')).toHaveLength(0);

    env.fake.serverEmits('session:head', { sessionId: ids.session, epoch: 'epoch-1', headSeq: demoHead + 1 });
    const join = await env.fake.nextAsk('session:join');
    expect(join.payload).toEqual({ sessionId: ids.session, afterSeq: demoHead });
    join.answer(joinAnswer([log.add('session:renamed', { title: 'Heard of' })]));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead + 1);
  });

  test('events of another session are ignored', async () => {
    const env = setup();
    await goLive(env, demoSession().events);
    const other = eventLog('session-2');
    for (let i = 0; i <= demoHead; i++) other.add('session:renamed', { title: `Other ${i}` });
    env.fake.serverEmits('session:events', { sessionId: 'session-2', events: other.events.slice(demoHead) });
    expect(env.lastSeq()).toBe(demoHead);
    expect(env.session.getState().session.definition?.title).toBe('Quarterly review, Northern Province');
  });

  test('an acknowledged command leaves the pending store once its event is applied', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);
    env.pending.getState().add('cmd-1', { type: 'session:rename', payload: { title: 'New title' } });
    env.pending.getState().acknowledge('cmd-1', demoHead + 1);

    env.fake.serverEmits('session:events', {
      sessionId: ids.session,
      events: [log.add('session:renamed', { title: 'New title' })],
    });
    expect(env.pending.getState().byId).toEqual({});
  });
});

describe('stale answers and epochs', () => {
  test('the answer to a join that is no longer the latest is ignored', async () => {
    const env = setup();
    const log = demoSession();
    env.fake.serverAccepts();
    const stale = await env.fake.nextAsk('session:join');
    env.fake.serverDrops();
    env.fake.serverAccepts();
    const latest = await env.fake.nextAsk('session:join');

    stale.answer(joinAnswer(log.events.slice(0, 4), { hasMore: true, you: participants.chair }));
    await flushMicrotasks();
    expect(env.lastSeq()).toBe(0);
    expect(env.session.getState().you).toBeNull();
    // Nor does a stale answer page on: only the latest join is open, and no third was sent.
    expect(env.fake.openAsks('session:join')).toEqual([latest]);
    expect(env.fake.sent.filter((m) => m.event === 'session:join')).toHaveLength(2);
    expect(env.connection.getState().status).toBe('catching-up');

    latest.answer(joinAnswer(log.events));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead);
    expect(env.session.getState().you).toEqual(participants.official);
  });

  test('a changed epoch resets the session and joins again from 0', async () => {
    const env = setup();
    const oldLog = demoSession();
    oldLog.add('session:renamed', { title: 'Old history' });
    await goLive(env, oldLog.events);
    expect(env.lastSeq()).toBe(demoHead + 1);

    env.fake.serverDrops();
    env.fake.serverAccepts();
    const join = await env.fake.nextAsk('session:join');
    expect(join.payload).toEqual({ sessionId: ids.session, afterSeq: demoHead + 1 });

    // The log was restored from a backup: a new epoch, a shorter and different history.
    const newLog = demoSession();
    newLog.add('session:renamed', { title: 'Restored' });
    newLog.add('session:renamed', { title: 'Restored, then renamed' });
    join.answer(joinAnswer(newLog.events.slice(demoHead + 1), { epoch: 'epoch-2' }));
    const fromZero = await env.fake.nextAsk('session:join');
    expect(fromZero.payload).toEqual({ sessionId: ids.session, afterSeq: 0 });
    expect(env.lastSeq()).toBe(0);
    expect(env.session.getState().session.definition).toBeNull();

    fromZero.answer(joinAnswer(newLog.events, { epoch: 'epoch-2' }));
    await untilStatus(env.connection, 'live');
    expect(env.session.getState().epoch).toBe('epoch-2');
    expect(env.lastSeq()).toBe(demoHead + 2);
    expect(env.session.getState().session.definition?.title).toBe('Restored, then renamed');
  });

  test('P6: a head behind what was folded, in the same epoch, also resets and joins again from 0', async () => {
    const env = setup();
    const log = demoSession();
    log.add('session:renamed', { title: 'Seen before the rewind' });
    await goLive(env, log.events);
    env.fake.serverDrops();
    env.fake.serverAccepts();
    const join = await env.fake.nextAsk('session:join');
    join.answer(joinAnswer([], { headSeq: demoHead - 1 }));
    const fromZero = await env.fake.nextAsk('session:join');
    expect(fromZero.payload).toEqual({ sessionId: ids.session, afterSeq: 0 });
    expect(env.lastSeq()).toBe(0);
  });

  test('a first join takes the epoch it is given without resetting', async () => {
    const env = setup();
    await goLive(env, demoSession().events, { epoch: 'epoch-7' });
    expect(env.session.getState().epoch).toBe('epoch-7');
    expect(env.fake.openAsks('session:join')).toHaveLength(0);
  });
});

describe('refusals', () => {
  test('a handshake refused for another protocol version asks for a reload', () => {
    const env = setup();
    env.fake.serverRefuses({ code: 'INCOMPATIBLE_PROTOCOL', message: 'protocol 2 required' });
    const state = env.connection.getState();
    expect(state.status).toBe('incompatible');
    expect(state.lastError?.message).toMatch(/Plenum was updated: reload the page/);
  });

  test('a handshake refused for the token says the invite link is invalid or revoked', () => {
    const env = setup();
    env.fake.serverRefuses({ code: 'UNAUTHENTICATED', message: 'unknown token' });
    const state = env.connection.getState();
    expect(state.status).toBe('offline');
    expect(state.lastError?.code).toBe('UNAUTHENTICATED');
    expect(state.lastError?.message).toMatch(/invite link is invalid or has been revoked/);
  });

  test('a join refused as forbidden leaves the connection offline with the reason', async () => {
    const env = setup();
    env.fake.serverAccepts();
    const join = await env.fake.nextAsk('session:join');
    join.answer({ ok: false, error: { code: 'FORBIDDEN', message: 'not invited to this session' } });
    await untilStatus(env.connection, 'offline');
    expect(env.connection.getState().lastError?.code).toBe('FORBIDDEN');
  });

  test('reconnect asks the socket to connect again after going offline', () => {
    const env = setup();
    env.fake.serverDrops('io server disconnect');
    expect(env.connection.getState().status).toBe('offline');
    env.handle.reconnect();
    expect(env.fake.connectCalls).toBe(2);
    expect(env.connection.getState().status).toBe('connecting');
  });
});

describe('mount and unmount', () => {
  test('twenty mounts and disposals leave no listener behind and never duplicate them', () => {
    const fake = new FakeSocket();
    const session = createSessionStore(ids.session);
    const connection = createConnectionStore();
    const pending = createPendingStore();
    const options = { socket: fake.asSocket(), sessionId: ids.session, session, connection, pending };

    const before = fake.listenerCount();
    const first = connectSession(options);
    const perMount = fake.listenerCount() - before;
    expect(perMount).toBeGreaterThan(0);
    first.dispose();
    expect(fake.listenerCount()).toBe(before);

    for (let i = 0; i < 20; i++) {
      const handle = connectSession(options);
      expect(fake.listenerCount()).toBe(before + perMount);
      handle.dispose();
    }
    expect(fake.listenerCount()).toBe(before);
    expect(fake.disconnectCalls).toBe(21);
  });

  test('after remounting, one connect sends exactly one join', async () => {
    const fake = new FakeSocket();
    const session = createSessionStore(ids.session);
    const options = {
      socket: fake.asSocket(),
      sessionId: ids.session,
      session,
      connection: createConnectionStore(),
      pending: createPendingStore(),
    };
    for (let i = 0; i < 20; i++) connectSession(options).dispose();
    const handle = connectSession(options);
    onTestFinished(() => handle.dispose());

    fake.serverAccepts();
    await fake.nextAsk('session:join');
    await flushMicrotasks();
    expect(fake.sent.filter((m) => m.event === 'session:join')).toHaveLength(1);
  });

  test('an answer arriving after dispose changes nothing', async () => {
    const env = setup();
    env.fake.serverAccepts();
    const join: FakeAsk = await env.fake.nextAsk('session:join');
    env.handle.dispose();
    expect(env.connection.getState().status).toBe('idle');

    join.answer(joinAnswer(demoSession().events));
    await flushMicrotasks();
    expect(env.lastSeq()).toBe(0);
    expect(env.connection.getState().status).toBe('idle');
  });
});
