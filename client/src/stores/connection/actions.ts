import type { StoreApi } from 'zustand/vanilla';
import {
  initialConnectionState,
  type ConnectionProblem,
  type ConnectionStatus,
  type ConnectionStoreState,
} from './initialState';

export interface ConnectionActions {
  /** Moves to `status`; `live` clears the last error, other statuses keep it unless one is given. */
  setStatus: (status: ConnectionStatus, problem?: ConnectionProblem) => void;
  setServerClockOffset: (offsetMs: number) => void;
  reset: () => void;
}

export type ConnectionStore = ConnectionStoreState & ConnectionActions;

export function createConnectionActions(set: StoreApi<ConnectionStore>['setState']): ConnectionActions {
  return {
    setStatus: (status, problem) =>
      set((s) => ({ status, lastError: problem ?? (status === 'live' ? null : s.lastError) })),
    setServerClockOffset: (offsetMs) => set({ serverClockOffsetMs: offsetMs }),
    reset: () => set(initialConnectionState()),
  };
}
