import { expect, test } from 'vitest';
import { createPendingStore } from '../stores/pending';
import { createSessionStore } from '../stores/session';
import { demoSession, ids, joinAnswer } from '../test/events';
import { LogFollower } from './LogFollower';

function follower(applyEvery = 10_000) {
  const session = createSessionStore(ids.session);
  return { session, log: new LogFollower(session, createPendingStore(), applyEvery) };
}
const page = (...args: Parameters<typeof joinAnswer>) => joinAnswer(...args).data;

test('pages are held until the last, then applied at once; a long catch-up is applied every applyEvery events', () => {
  const events = demoSession().events;
  const { log } = follower(6);
  expect(log.takePage(page(events.slice(0, 3), { hasMore: true, headSeq: events.length }), 0)).toBe('more');
  expect([log.lastSeq(), log.caughtUpTo()]).toEqual([0, 3]);
  expect(log.takePage(page(events.slice(3, 6), { hasMore: true, headSeq: events.length }), 3)).toBe('more');
  expect(log.lastSeq()).toBe(6);
  expect(log.takePage(page(events.slice(6)), 6)).toBe('done');
  expect(log.lastSeq()).toBe(events.length);
});

test('an answer that moves nothing forward, or leaves a gap, breaks the protocol', () => {
  const events = demoSession().events;
  const { log } = follower();
  expect(log.takePage(page([], { hasMore: true }), 0)).toEqual({ problem: 'no progress after seq 0' });
  expect(log.takePage(page(events.slice(2)), 0)).toEqual({ problem: 'no progress after seq 0' });
});

test('live events apply in order and drop duplicates; a gap or a heartbeat ahead asks for a catch-up', () => {
  const log = demoSession();
  const { log: follow } = follower();
  expect(follow.takeEvents({ sessionId: ids.session, events: log.events.slice(0, 4) })).toBe(false);
  expect(follow.takeEvents({ sessionId: ids.session, events: log.events.slice(2, 5) })).toBe(false);
  expect(follow.lastSeq()).toBe(5);
  expect(follow.takeEvents({ sessionId: ids.session, events: log.events.slice(6, 7) })).toBe(true);
  expect(follow.lastSeq()).toBe(5);
  expect(follow.takeHead({ sessionId: ids.session, epoch: 'epoch-1', headSeq: 5 })).toBe(false);
  expect(follow.takeHead({ sessionId: ids.session, epoch: 'epoch-1', headSeq: 6 })).toBe(true);
});

test('another epoch, or a head behind what is held, is another history; reset starts from 0', () => {
  const events = demoSession().events;
  const { log, session } = follower();
  expect(log.takePage(page(events), 0)).toBe('done');
  session.getState().setIdentity({ epoch: 'epoch-1', you: page([]).you });
  expect(log.isOtherHistory(page([], { headSeq: events.length }))).toBe(false);
  expect(log.isOtherHistory(page([], { headSeq: events.length, epoch: 'epoch-2' }))).toBe(true);
  expect(log.isOtherHistory(page([], { headSeq: events.length - 1 }))).toBe(true);
  expect(log.takeHead({ sessionId: ids.session, epoch: 'epoch-2', headSeq: 1 })).toBe(true);
  log.reset();
  expect(log.caughtUpTo()).toBe(0);
});
