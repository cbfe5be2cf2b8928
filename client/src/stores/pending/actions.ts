import type { CommandInput } from '@plenum/shared';
import type { StoreApi } from 'zustand/vanilla';
import { initialPendingState, type PendingStoreState } from './initialState';

export interface PendingActions {
  /** Registers a command about to be sent. */
  add: (commandId: string, command: CommandInput) => void;
  /** Records the server's ack; the entry waits for the session to reach `seq`. */
  acknowledge: (commandId: string, seq: number) => void;
  /** Drops a command: it failed, or its events are folded. */
  remove: (commandId: string) => void;
  /** Drops every acknowledged command whose events the session has folded (`seq <= lastSeq`). */
  settle: (lastSeq: number) => void;
  reset: () => void;
}

export type PendingStore = PendingStoreState & PendingActions;

export function createPendingActions(
  set: StoreApi<PendingStore>['setState'],
  get: StoreApi<PendingStore>['getState'],
): PendingActions {
  return {
    add: (commandId, command) =>
      set((s) => ({ byId: { ...s.byId, [commandId]: { commandId, command, ackedSeq: null } } })),
    acknowledge: (commandId, seq) => {
      const entry = get().byId[commandId];
      if (entry) set((s) => ({ byId: { ...s.byId, [commandId]: { ...entry, ackedSeq: seq } } }));
    },
    remove: (commandId) => {
      if (!(commandId in get().byId)) return;
      set((s) => {
        const byId = { ...s.byId };
        delete byId[commandId];
        return { byId };
      });
    },
    settle: (lastSeq) => {
      const entries = Object.values(get().byId);
      const kept = entries.filter((e) => e.ackedSeq === null || e.ackedSeq > lastSeq);
      // Same object when nothing settled, so subscribers do not re-render on every event.
      if (kept.length !== entries.length) set({ byId: Object.fromEntries(kept.map((e) => [e.commandId, e])) });
    },
    reset: () => set(initialPendingState()),
  };
}
