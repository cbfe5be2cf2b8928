import { beforeEach, expect, test } from 'vitest';
import { createPendingStore, pendingSelectors, type PendingStoreApi } from './index';

let store: PendingStoreApi;
beforeEach(() => {
  store = createPendingStore();
});

const post = (itemId: string, text: string) =>
  ({
    type: 'criticism:post',
    payload: { itemId, category: 'shortfall', severity: 'low', indicatorId: null, text },
  }) as const;

test('an acknowledged command stays until the session has folded its seq', () => {
  store.getState().add('cmd-1', post('item-1', 'first'));
  store.getState().add('cmd-2', post('item-1', 'second'));
  store.getState().acknowledge('cmd-1', 14);

  store.getState().settle(13);
  expect(Object.keys(store.getState().byId)).toEqual(['cmd-1', 'cmd-2']);

  store.getState().settle(14);
  // cmd-2 has no ack yet: settling never drops a command still in flight.
  expect(Object.keys(store.getState().byId)).toEqual(['cmd-2']);
});

test('settle without anything to drop keeps the same object, so nothing re-renders', () => {
  store.getState().add('cmd-1', post('item-1', 'first'));
  const before = store.getState().byId;
  store.getState().settle(100);
  expect(store.getState().byId).toBe(before);
});

test('remove drops a failed command; removing twice is harmless', () => {
  store.getState().add('cmd-1', post('item-1', 'first'));
  store.getState().remove('cmd-1');
  store.getState().remove('cmd-1');
  expect(store.getState().byId).toEqual({});
});

test('selectors: criticisms being sent per item newest first, endorsements and busy agenda items', () => {
  store.getState().add('cmd-1', post('item-1', 'first'));
  store.getState().add('cmd-2', post('item-2', 'elsewhere'));
  store.getState().add('cmd-3', post('item-1', 'third'));
  store.getState().add('cmd-4', { type: 'criticism:endorse', payload: { criticismId: 'crit-9' } });
  store.getState().add('cmd-5', { type: 'agenda:start-item', payload: { itemId: 'item-7' } });
  const { byId } = store.getState();

  expect(pendingSelectors.criticismsOfItem(byId, 'item-1').map((p) => p.draft.text)).toEqual(['third', 'first']);
  expect([...pendingSelectors.endorsingIds(byId)]).toEqual(['crit-9']);
  expect([...pendingSelectors.busyItemIds(byId)]).toEqual(['item-7']);
});
