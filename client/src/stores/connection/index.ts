import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createConnectionActions, type ConnectionStore } from './actions';
import { initialConnectionState } from './initialState';

export type { ConnectionStore } from './actions';
export type {
  ClientErrorCode,
  ConnectionProblem,
  ConnectionReason,
  ConnectionStatus,
  ConnectionStoreState,
} from './initialState';
export { initialConnectionState } from './initialState';
export { connectionSelectors } from './selectors';

/** A connection store; the app uses the one below, tests may make their own. */
export function createConnectionStore() {
  return createStore<ConnectionStore>()((set) => ({
    ...initialConnectionState(),
    ...createConnectionActions(set),
  }));
}
export type ConnectionStoreApi = ReturnType<typeof createConnectionStore>;

/** The app's connection store. */
export const connectionStore = createConnectionStore();

/** Reads the app's connection store in a component; pass a selector returning stable values. */
export function useConnectionStore<T>(selector: (state: ConnectionStore) => T): T {
  return useStore(connectionStore, selector);
}
