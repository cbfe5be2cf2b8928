import type { StoreApi } from 'zustand/vanilla';
import {
  initialConnectionState,
  type ConnectionProblem,
  type CatchUpProgress,
  type ConnectionStatus,
  type ConnectionStoreState,
} from './initialState';

export interface ConnectionActions {
  /** Moves to `status`; `live` clears the last error, other statuses keep it unless one is given. */
  setStatus: (status: ConnectionStatus, problem?: ConnectionProblem) => void;
  setServerClockOffset: (offsetMs: number) => void;
  /** Shows how far a long catch-up has come; cleared by any status but `catching-up`. */
  setCatchUpProgress: (progress: CatchUpProgress | null) => void;
  reset: () => void;
}

export type ConnectionStore = ConnectionStoreState & ConnectionActions;

export function createConnectionActions(set: StoreApi<ConnectionStore>['setState']): ConnectionActions {
  return {
    setStatus: (status, problem) =>
      set((s) => ({
        status,
        lastError: problem ?? (status === 'live' ? null : s.lastError),
        catchUp: status === 'catching-up' ? s.catchUp : null,
      })),
    setServerClockOffset: (offsetMs) => set({ serverClockOffsetMs: offsetMs }),
    setCatchUpProgress: (progress) => set({ catchUp: progress }),
    reset: () => set(initialConnectionState()),
  };
}
