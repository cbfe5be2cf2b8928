import { expect, test } from 'vitest';
import { connectionSelectors, createConnectionStore } from './index';

test('live clears the last error; other statuses keep it unless given a new one', () => {
  const store = createConnectionStore();
  store.getState().setStatus('offline', { code: 'OFFLINE', message: 'Cannot reach the server.' });
  store.getState().setStatus('connecting');
  expect(store.getState().lastError?.code).toBe('OFFLINE');
  store.getState().setStatus('live');
  expect(store.getState().lastError).toBeNull();
  expect(connectionSelectors.isLive(store.getState())).toBe(true);
});

test('serverNow adds the measured clock offset', () => {
  const store = createConnectionStore();
  store.getState().setServerClockOffset(-2500);
  expect(connectionSelectors.serverNow(store.getState(), 10_000)).toBe(7500);
});
