import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createIssuedLinksActions, type IssuedLinksStore } from './actions';
import { initialIssuedLinksState } from './initialState';

export type { IssuedLinksStore } from './actions';
export type { IssuedLinksStoreState } from './initialState';
export { initialIssuedLinksState } from './initialState';
export { issuedLinksSelectors } from './selectors';

/** A store of invitation links just issued; the app uses the one below, tests may make their own. */
export function createIssuedLinksStore() {
  return createStore<IssuedLinksStore>()((set, get) => ({
    ...initialIssuedLinksState(),
    ...createIssuedLinksActions(set, get),
  }));
}
export type IssuedLinksStoreApi = ReturnType<typeof createIssuedLinksStore>;

/** The app's store of links just issued: it outlives the view that issued them, not the page. */
export const issuedLinksStore = createIssuedLinksStore();

/** Reads the app's issued-links store in a component; pass a selector returning stable values. */
export function useIssuedLinksStore<T>(selector: (state: IssuedLinksStore) => T): T {
  return useStore(issuedLinksStore, selector);
}
