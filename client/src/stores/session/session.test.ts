import { criticismOf, SeqGapError } from '@plenum/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import { demoSession, ids, instant, participants } from '../../test/events';
import { criticise, floorOpen } from '../../test/stories';
import { createSessionStore, sessionSelectors, type SessionStoreApi } from './index';

/** Opens the floor on item one, if not yet, and posts `count` criticisms numbered after `from`. */
function postCriticisms(log: ReturnType<typeof demoSession>, count: number, from = 0): void {
  if (from === 0) log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
  for (let n = from + 1; n <= from + count; n++) criticise(log, `crit-${n}`, { text: `Criticism ${n}` });
}

let store: SessionStoreApi;
beforeEach(() => {
  store = createSessionStore(ids.session);
});

describe('session store', () => {
  test('applyEvents folds the log with the shared reducer', () => {
    const log = demoSession();
    store.getState().applyEvents(log.events);
    const { session } = store.getState();
    expect(session.lastSeq).toBe(log.events.length);
    expect(session.definition?.title).toBe('Quarterly review, Northern Province');
    expect(session.agendaOrder).toEqual([ids.itemOne, ids.itemTwo]);
    expect(session.reports[ids.unit]?.indicators).toHaveLength(2);
    expect(Object.keys(session.participants)).toHaveLength(5);
  });

  test('events already applied are dropped, and the state object stays the same', () => {
    const log = demoSession();
    store.getState().applyEvents(log.events);
    const before = store.getState().session;
    store.getState().applyEvents(log.events.slice(3));
    expect(store.getState().session).toBe(before);

    const started = log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    store.getState().applyEvents([...log.events.slice(-3, -1), started]);
    expect(store.getState().session.lastSeq).toBe(started.seq);
    expect(store.getState().session.currentItemId).toBe(ids.itemOne);
  });

  test('a gap throws SeqGapError and leaves the state untouched', () => {
    const log = demoSession();
    store.getState().applyEvents(log.events.slice(0, 3));
    const before = store.getState().session;
    expect(() => store.getState().applyEvents(log.events.slice(4))).toThrow(SeqGapError);
    expect(store.getState().session).toBe(before);
    expect(store.getState().session.lastSeq).toBe(3);
  });

  test('a big batch, as a catch-up brings, is folded on a copy: the same state, frozen, nothing shared', () => {
    const log = demoSession();
    store.getState().applyEvents(log.events);
    const before = store.getState().session;
    postCriticisms(log, 300);
    const batch = log.events.slice(before.lastSeq);
    store.getState().applyEvents(batch);
    const after = store.getState().session;

    const inSmallBatches = createSessionStore(ids.session);
    for (let i = 0; i < log.events.length; i += 50) inSmallBatches.getState().applyEvents(log.events.slice(i, i + 50));
    expect(after).toEqual(inSmallBatches.getState().session);
    expect(Object.isFrozen(criticismOf(after, 'crit-300'))).toBe(true);
    expect(after.units).not.toBe(before.units);

    // Only duplicates: the state object stays, so nothing renders again.
    store.getState().applyEvents(batch);
    expect(store.getState().session).toBe(after);
  });

  test('a batch small beside the state goes through immer, keeping what did not change the same object', () => {
    const log = demoSession();
    postCriticisms(log, 900);
    store.getState().applyEvents(log.events);
    const before = store.getState().session;
    postCriticisms(log, 300, 900);
    store.getState().applyEvents(log.events.slice(before.lastSeq));
    expect(store.getState().session.lastSeq).toBe(log.events.length);
    expect(store.getState().session.units).toBe(before.units);
  });

  test('reset forgets the log, the epoch and the participant but keeps the session id', () => {
    store.getState().applyEvents(demoSession().events);
    store.getState().setIdentity({ epoch: 'epoch-1', you: participants.official });
    store.getState().reset();
    const state = store.getState();
    expect(state.session.lastSeq).toBe(0);
    expect(state.session.definition).toBeNull();
    expect(state.session.sessionId).toBe(ids.session);
    expect(state.epoch).toBeNull();
    expect(state.you).toBeNull();
  });
});

describe('session selectors', () => {
  test('focusItem is the current item, else the one closed last', () => {
    const log = demoSession();
    log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    store.getState().applyEvents(log.events);
    expect(sessionSelectors.focusItem(store.getState().session)?.id).toBe(ids.itemOne);

    log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(200) });
    store.getState().applyEvents(log.events);
    expect(store.getState().session.currentItemId).toBeNull();
    expect(sessionSelectors.focusItem(store.getState().session)?.id).toBe(ids.itemOne);
  });

  test('agendaByDay groups items under their day; laterDays lists where an item may be deferred', () => {
    store.getState().applyEvents(demoSession().events);
    const { session } = store.getState();
    const days = sessionSelectors.agendaByDay(session);
    expect(days.map((d) => [d.day.id, d.items.map((i) => i.id)])).toEqual([
      [ids.dayOne, [ids.itemOne, ids.itemTwo]],
      [ids.dayTwo, []],
    ]);
    expect(sessionSelectors.laterDays(session, session.agenda[ids.itemOne]!).map((d) => d.id)).toEqual([ids.dayTwo]);
  });

  test('canEndorse refuses one’s own criticism and a second endorsement', () => {
    const log = demoSession();
    floorOpen(log);
    criticise(log, 'crit-1');
    store.getState().applyEvents(log.events);
    const criticism = () => criticismOf(store.getState().session, 'crit-1')!;
    expect(sessionSelectors.canEndorse(criticism(), participants.official)).toBe(false);
    expect(sessionSelectors.canEndorse(criticism(), participants.otherOfficial)).toBe(true);

    log.add('criticism:endorsed', { criticismId: 'crit-1', participantId: ids.otherOfficial }, ids.otherOfficial);
    store.getState().applyEvents(log.events);
    expect(sessionSelectors.canEndorse(criticism(), participants.otherOfficial)).toBe(false);
    expect(sessionSelectors.canEndorse(criticism(), null)).toBe(false);
  });
});
