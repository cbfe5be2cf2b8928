import type { StoreApi } from 'zustand/vanilla';
import { initialUiState, type SessionView, type UiStoreState } from './initialState';

export interface UiActions {
  setView: (view: SessionView) => void;
  reset: () => void;
}

export type UiStore = UiStoreState & UiActions;

export function createUiActions(set: StoreApi<UiStore>['setState']): UiActions {
  return {
    setView: (view) => set({ view }),
    reset: () => set(initialUiState()),
  };
}
