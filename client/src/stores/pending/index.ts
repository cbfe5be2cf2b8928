import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createPendingActions, type PendingStore } from './actions';
import { initialPendingState } from './initialState';

export type { PendingStore } from './actions';
export type { PendingCommand, PendingStoreState } from './initialState';
export { initialPendingState } from './initialState';
export { pendingSelectors, type PendingCriticism } from './selectors';

/** A store of commands in flight; the app uses the one below, tests may make their own. */
export function createPendingStore() {
  return createStore<PendingStore>()((set, get) => ({
    ...initialPendingState(),
    ...createPendingActions(set, get),
  }));
}
export type PendingStoreApi = ReturnType<typeof createPendingStore>;

/** The app's store of commands in flight. */
export const pendingStore = createPendingStore();

/** Reads the app's pending store in a component; pass a selector returning stable values. */
export function usePendingStore<T>(selector: (state: PendingStore) => T): T {
  return useStore(pendingStore, selector);
}
