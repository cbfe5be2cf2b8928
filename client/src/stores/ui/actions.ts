import type { StoreApi } from 'zustand/vanilla';
import { initialUiState, type SessionView, type UiStoreState } from './initialState';

export interface UiActions {
  setView: (view: SessionView) => void;
  /** Opens the history view on a unit. */
  showHistory: (unitId: string) => void;
  reset: () => void;
}

export type UiStore = UiStoreState & UiActions;

export function createUiActions(set: StoreApi<UiStore>['setState']): UiActions {
  return {
    setView: (view) => set({ view }),
    showHistory: (unitId) => set({ view: 'history', historyUnitId: unitId }),
    reset: () => set(initialUiState()),
  };
}
