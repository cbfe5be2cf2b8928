import { criticismsOfItem as scanCriticismsOfItem, type SessionState } from '@plenum/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import { demoSession, ids, instant } from '../../test/events';
import { criticise } from '../../test/stories';
import { criticismsOfItem } from './criticismIndex';
import { createSessionStore, type SessionStoreApi } from './index';

let store: SessionStoreApi;
beforeEach(() => {
  store = createSessionStore(ids.session);
});

/** The state with its criticisms' buckets read through a proxy that counts the criticisms looked up. */
function countingLookups(state: SessionState) {
  const counter = { lookups: 0 };
  const buckets = new Proxy(state.criticisms.buckets, {
    get(target, key, receiver) {
      counter.lookups++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { state: { ...state, criticisms: { ...state.criticisms, buckets } }, counter };
}

describe('criticisms of an item, indexed', () => {
  test('gives what the shared scan gives, newest first, as criticisms are posted on both items', () => {
    const log = demoSession();
    store.getState().applyEvents(log.events);
    log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    for (let n = 1; n <= 12; n++) {
      criticise(log, `crit-${n}`, { itemId: n % 3 === 0 ? ids.itemTwo : ids.itemOne, text: `Criticism ${n}` });
      store.getState().applyEvents(log.events);
      const { session } = store.getState();
      for (const itemId of [ids.itemOne, ids.itemTwo, 'no-such-item']) {
        expect(criticismsOfItem(session, itemId)).toEqual(scanCriticismsOfItem(session, itemId));
      }
    }
    expect(criticismsOfItem(store.getState().session, ids.itemTwo).map((c) => c.id)).toEqual([
      'crit-12',
      'crit-9',
      'crit-6',
      'crit-3',
    ]);
  });

  test('an endorsement keeps the pages of the order, so the list looks up its item’s criticisms alone', () => {
    const log = demoSession();
    log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    for (let n = 1; n <= 20; n++) criticise(log, `crit-${n}`);
    store.getState().applyEvents(log.events);
    criticismsOfItem(store.getState().session, ids.itemOne);

    store.getState().applyEvents([log.add('criticism:endorsed', { criticismId: 'crit-7', participantId: ids.chair })]);
    const { state, counter } = countingLookups(store.getState().session);
    expect(criticismsOfItem(state, ids.itemTwo)).toEqual([]);
    expect(counter.lookups).toBe(0);
    expect(criticismsOfItem(state, ids.itemOne)[13]?.endorsedBy).toEqual([ids.chair]);
    expect(counter.lookups).toBe(20);
  });
});
