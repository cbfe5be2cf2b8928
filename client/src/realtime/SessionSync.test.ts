import { describe, expect, onTestFinished, test } from 'vitest';
import { demoSession, eventLog, ids, instant, joinAnswer, participants } from '../test/events';
import { FakeSocket, flushMicrotasks, type FakeAsk } from './testing/FakeSocket';
import {
  createAppliedState,
  demoHead,
  goLive,
  nextJoin,
  setup,
  startSync,
  syncOptions,
  untilStatus,
} from './testing/syncHarness';

describe('joining and catching up', () => {
  test('connects at once and joins on connect with afterSeq 0, then is live', async () => {
    const env = setup();
    expect(env.fake.connectCalls).toBe(1);
    expect(env.connection.getState().status).toBe('connecting');

    env.fake.serverAccepts();
    expect(env.connection.getState().status).toBe('catching-up');
    const join = await nextJoin(env, 0);

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
      const join = await nextJoin(env, seqBefore);
      const missed = log.add('session:renamed', { title: `Renamed ${round}` });
      join.answer(joinAnswer([missed]));
      await untilStatus(env.connection, 'live');
      expect(env.lastSeq()).toBe(seqBefore + 1);
    }
    expect(env.session.getState().session.definition?.title).toBe('Renamed 3');
  });

  test('asks again when a join gets no answer in time', async () => {
    const env = setup();
    env.fake.serverAccepts();
    const first = await env.fake.nextAsk('session:join');
    expect(first.timeoutMs).toBeGreaterThan(0);
    first.timeOut();
    const retry = await nextJoin(env, 0);
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

describe('the last visit restored while the socket connects', () => {
  /** A promise the test settles, as the restore of a last visit from IndexedDB would. */
  function restoring() {
    let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} };
    const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    return { promise, ...settle };
  }

  test('connects at once; the first join waits for the restore and asks from the restored lastSeq', async () => {
    const restore = restoring();
    const env = setup({ firstJoinAfter: restore.promise });
    expect(env.fake.connectCalls).toBe(1);
    env.fake.serverAccepts();
    await flushMicrotasks();
    expect(env.fake.sent.filter((m) => m.event === 'session:join')).toEqual([]);

    const log = demoSession();
    env.session.getState().restoreLastVisit({
      session: createAppliedState(log.events),
      epoch: 'epoch-1',
      you: participants.official,
    });
    restore.resolve();
    const join = await nextJoin(env, demoHead);
    join.answer(joinAnswer([], { headSeq: demoHead }));
    await untilStatus(env.connection, 'live');
    expect(env.fake.sent.filter((m) => m.event === 'session:join')).toHaveLength(1);
    expect(env.lastSeq()).toBe(demoHead);
  });

  test('a restore that fails does not hold the join: it asks from 0', async () => {
    const restore = restoring();
    const env = setup({ firstJoinAfter: restore.promise });
    env.fake.serverAccepts();
    restore.reject(new Error('storage unavailable'));
    (await nextJoin(env, 0)).answer(joinAnswer(demoSession().events));
    await untilStatus(env.connection, 'live');
  });

  test('a drop while the restore runs leaves one join, sent on the next connect', async () => {
    const restore = restoring();
    const env = setup({ firstJoinAfter: restore.promise });
    env.fake.serverAccepts();
    env.fake.serverDrops();
    restore.resolve();
    await flushMicrotasks();
    expect(env.fake.sent.filter((m) => m.event === 'session:join')).toEqual([]);
    env.fake.serverAccepts();
    (await nextJoin(env, 0)).answer(joinAnswer(demoSession().events));
    await untilStatus(env.connection, 'live');
    expect(env.fake.sent.filter((m) => m.event === 'session:join')).toHaveLength(1);
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

    const join = await nextJoin(env, demoHead);
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
    const more = await nextJoin(env, demoHead);
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
    const join = await nextJoin(env, demoHead);
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

  test('a connection the server closes after it was live connects once at once: a revoked link is refused and said', async () => {
    const env = setup();
    await goLive(env, demoSession().events);
    env.fake.serverDrops('io server disconnect');
    expect(env.fake.connectCalls).toBe(2);
    expect(env.connection.getState().status).toBe('connecting');

    env.fake.serverRefuses({ code: 'UNAUTHENTICATED', message: 'This invite link is not valid.' });
    expect(env.connection.getState().status).toBe('offline');
    expect(env.connection.getState().lastError?.code).toBe('UNAUTHENTICATED');
  });

  test('a connection the server closes again before it was live stays offline: no loop', async () => {
    const env = setup();
    await goLive(env, demoSession().events);
    env.fake.serverDrops('io server disconnect');
    env.fake.serverAccepts();
    env.fake.serverDrops('io server disconnect');
    expect(env.fake.connectCalls).toBe(2);
    expect(env.connection.getState().status).toBe('offline');
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

describe('the browser’s network', () => {
  test('going offline shows reconnecting at once, before socket.io’s ping timeout notices', async () => {
    const env = setup();
    await goLive(env, demoSession().events);
    window.dispatchEvent(new Event('offline'));
    expect(env.connection.getState().status).toBe('reconnecting');
    expect(env.fake.connected).toBe(false);
    // Dropped, not closed: socket.io goes on retrying by itself.
    expect(env.fake.active).toBe(true);
  });

  test('coming back online tries at once instead of waiting out the backoff, then catches up', async () => {
    const env = setup();
    const log = demoSession();
    await goLive(env, log.events);
    window.dispatchEvent(new Event('offline'));
    const connects = env.fake.connectCalls;
    window.dispatchEvent(new Event('online'));
    expect(env.fake.connectCalls).toBe(connects + 1);
    expect(env.connection.getState().status).toBe('reconnecting');

    env.fake.serverAccepts();
    (await nextJoin(env, demoHead)).answer(joinAnswer([log.add('session:renamed', { title: 'Back online' })]));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead + 1);
  });

  test('online changes nothing while connected, or once the server refused the link', async () => {
    const env = setup();
    await goLive(env, demoSession().events);
    window.dispatchEvent(new Event('online'));
    env.fake.serverRefuses({ code: 'UNAUTHENTICATED', message: 'unknown token' });
    window.dispatchEvent(new Event('online'));
    expect(env.fake.connectCalls).toBe(1);
    expect(env.connection.getState().status).toBe('offline');
  });

  test('a disposed sync no longer hears the network', async () => {
    const env = setup();
    await goLive(env, demoSession().events);
    env.handle.dispose();
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('offline'));
    expect(env.fake.connectCalls).toBe(1);
    expect(env.connection.getState().status).toBe('idle');
  });
});

describe('mount and unmount', () => {
  test('twenty mounts and disposals leave no listener behind and never duplicate them', () => {
    const fake = new FakeSocket();
    const options = syncOptions(fake);

    const before = fake.listenerCount();
    const first = startSync(options);
    const perMount = fake.listenerCount() - before;
    expect(perMount).toBeGreaterThan(0);
    first.dispose();
    expect(fake.listenerCount()).toBe(before);

    for (let i = 0; i < 20; i++) {
      const handle = startSync(options);
      expect(fake.listenerCount()).toBe(before + perMount);
      handle.dispose();
    }
    expect(fake.listenerCount()).toBe(before);
    expect(fake.disconnectCalls).toBe(21);
  });

  test('after remounting, one connect sends exactly one join', async () => {
    const fake = new FakeSocket();
    const options = syncOptions(fake);
    for (let i = 0; i < 20; i++) startSync(options).dispose();
    const handle = startSync(options);
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
