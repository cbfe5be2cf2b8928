import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createUiActions, type UiStore } from './actions';
import { initialUiState } from './initialState';

export type { UiStore } from './actions';
export type { SessionView, UiStoreState } from './initialState';
export { initialUiState } from './initialState';
export { uiSelectors } from './selectors';

/** A UI store; the app uses the one below, tests may make their own. */
export function createUiStore() {
  return createStore<UiStore>()((set) => ({
    ...initialUiState(),
    ...createUiActions(set),
  }));
}
export type UiStoreApi = ReturnType<typeof createUiStore>;

/** The app's local UI state. */
export const uiStore = createUiStore();

/** Reads the app's UI store in a component; pass a selector returning stable values. */
export function useUiStore<T>(selector: (state: UiStore) => T): T {
  return useStore(uiStore, selector);
}
