import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createPresenceActions, type PresenceStore } from './actions';
import { initialPresenceState } from './initialState';

export type { PresenceStore } from './actions';
export type { PresenceStoreState } from './initialState';
export { initialPresenceState } from './initialState';
export { presenceSelectors } from './selectors';

/** A store of who is online (ephemeral presence); the app uses the one below, tests may make their own. */
export function createPresenceStore() {
  return createStore<PresenceStore>()((set, get) => ({
    ...initialPresenceState(),
    ...createPresenceActions(set, get),
  }));
}
export type PresenceStoreApi = ReturnType<typeof createPresenceStore>;

/** The app's presence store. */
export const presenceStore = createPresenceStore();

/** Reads the app's presence store in a component; pass a selector returning stable values. */
export function usePresenceStore<T>(selector: (state: PresenceStore) => T): T {
  return useStore(presenceStore, selector);
}
