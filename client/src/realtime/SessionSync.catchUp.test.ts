import type { SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoSession, ids, joinAnswer, participants } from '../test/events';
import { flushMicrotasks } from './testing/FakeSocket';
import {
  createAppliedState,
  demoHead,
  goLive,
  nextJoin,
  recordApplications,
  setup,
  untilStatus,
  type SyncEnv,
} from './testing/syncHarness';

/** Connects and answers the first join with the first five events of `log`, more to come up to `headSeq`. */
async function answerFirstPage(env: SyncEnv, log: { events: SessionEvent[] }, headSeq = demoHead): Promise<void> {
  env.fake.serverAccepts();
  (await env.fake.nextAsk('session:join')).answer(joinAnswer(log.events.slice(0, 5), { hasMore: true, headSeq }));
}

describe('catch-up in one batch', () => {
  test('P4: pages while hasMore, and applies the pages of one catch-up together when the last arrives, with no gap or repeat', async () => {
    const env = setup();
    const applications = recordApplications(env.session);
    const log = demoSession();
    await answerFirstPage(env, log);
    const second = await nextJoin(env, 5);
    expect(env.connection.getState().status).toBe('catching-up');
    second.answer(joinAnswer(log.events.slice(5, 9), { hasMore: true, headSeq: demoHead }));
    const third = await nextJoin(env, 9);
    expect(env.lastSeq()).toBe(0);
    expect(applications()).toEqual([]);

    third.answer(joinAnswer(log.events.slice(9)));
    await untilStatus(env.connection, 'live');
    expect(applications()).toEqual([demoHead]);
    expect(env.session.getState().session).toEqual(createAppliedState(log.events));
    expect(env.fake.openAsks('session:join')).toHaveLength(0);
  });

  test('a catch-up of several pages shows how far it has come, and the progress goes once live', async () => {
    const env = setup();
    const log = demoSession();
    await answerFirstPage(env, log);
    const second = await nextJoin(env, 5);
    expect(env.connection.getState().catchUp).toEqual({ received: 5, total: demoHead });
    second.answer(joinAnswer(log.events.slice(5, 9), { hasMore: true, headSeq: demoHead }));
    const third = await nextJoin(env, 9);
    expect(env.connection.getState().catchUp).toEqual({ received: 9, total: demoHead });
    third.answer(joinAnswer(log.events.slice(9)));
    await untilStatus(env.connection, 'live');
    expect(env.connection.getState().catchUp).toBeNull();
  });

  test('a long catch-up is applied every catchUpApplyEvery events, and stays "catching up" meanwhile', async () => {
    const env = setup({ catchUpApplyEvery: 5 });
    const applications = recordApplications(env.session);
    const log = demoSession();
    env.fake.serverAccepts();

    const pages = [log.events.slice(0, 3), log.events.slice(3, 6), log.events.slice(6, 9), log.events.slice(9)];
    const seenAfterEachPage: number[] = [];
    for (const [i, page] of pages.entries()) {
      const join = await nextJoin(env, i * 3);
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
    await answerFirstPage(env, log);
    const second = await env.fake.nextAsk('session:join');
    // Committed after the pages were read: one already fetched, one beyond the head they know.
    const live = log.add('session:renamed', { title: 'Renamed during the catch-up' });
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [log.events[3]!] });
    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [live] });
    expect(env.lastSeq()).toBe(0);
    expect(env.fake.openAsks('session:join')).toEqual([second]);

    second.answer(joinAnswer(log.events.slice(5, demoHead)));
    const more = await nextJoin(env, demoHead);
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
    const second = await nextJoin(env, demoHead + 2);
    second.answer(joinAnswer(missed.slice(2)));
    await untilStatus(env.connection, 'live');
    expect(env.lastSeq()).toBe(demoHead + 3);
    expect(env.session.getState().session.definition?.title).toBe('Renamed 3');
  });

  test('a drop mid catch-up applies the pages fetched so far; the next join goes on from them', async () => {
    const env = setup();
    const log = demoSession();
    await answerFirstPage(env, log);
    const stale = await env.fake.nextAsk('session:join');

    env.fake.serverDrops();
    expect(env.lastSeq()).toBe(5);
    env.fake.serverAccepts();
    const latest = await nextJoin(env, 5);

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
    await answerFirstPage(env, oldLog, demoHead + 1);
    const second = await env.fake.nextAsk('session:join');

    // Restored meanwhile: the same seqs, another history.
    const newLog = demoSession();
    newLog.add('session:renamed', { title: 'Restored' });
    second.answer(joinAnswer(newLog.events.slice(5), { epoch: 'epoch-2' }));
    const fromZero = await nextJoin(env, 0);
    // Only the reset: nothing of the old log reached the store.
    expect(applications()).toEqual([0]);

    fromZero.answer(joinAnswer(newLog.events, { epoch: 'epoch-2' }));
    await untilStatus(env.connection, 'live');
    expect(env.session.getState().epoch).toBe('epoch-2');
    expect(env.session.getState().session.definition?.title).toBe('Restored');
    expect(applications()).toEqual([0, demoHead + 1]);
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
    const join = await nextJoin(env, demoHead + 1);

    // The log was restored from a backup: a new epoch, a shorter and different history.
    const newLog = demoSession();
    newLog.add('session:renamed', { title: 'Restored' });
    newLog.add('session:renamed', { title: 'Restored, then renamed' });
    join.answer(joinAnswer(newLog.events.slice(demoHead + 1), { epoch: 'epoch-2' }));
    const fromZero = await nextJoin(env, 0);
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
    await nextJoin(env, 0);
    expect(env.lastSeq()).toBe(0);
  });

  test('a first join takes the epoch it is given without resetting', async () => {
    const env = setup();
    await goLive(env, demoSession().events, { epoch: 'epoch-7' });
    expect(env.session.getState().epoch).toBe('epoch-7');
    expect(env.fake.openAsks('session:join')).toHaveLength(0);
  });
});
