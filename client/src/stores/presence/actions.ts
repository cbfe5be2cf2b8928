import type { PresenceChanged, PresenceEntry } from '@plenum/shared';
import type { StoreApi } from 'zustand/vanilla';
import { initialPresenceState, type PresenceStoreState } from './initialState';

export interface PresenceActions {
  /** Takes the whole list from a join answer. */
  replace: (sessionId: string, online: readonly PresenceEntry[]) => void;
  /** Applies one `presence:changed` delta of the current session, on top of the list. */
  applyChange: (change: PresenceChanged) => void;
  /** Forgets everything, e.g. when the connection drops. */
  reset: () => void;
}

export type PresenceStore = PresenceStoreState & PresenceActions;

export function createPresenceActions(
  set: StoreApi<PresenceStore>['setState'],
  get: StoreApi<PresenceStore>['getState'],
): PresenceActions {
  return {
    replace: (sessionId, online) =>
      set({ sessionId, online: Object.fromEntries(online.map((p) => [p.participantId, p.isTyping])) }),
    applyChange: (change) => {
      if (change.sessionId !== get().sessionId) return;
      const online = { ...get().online };
      for (const participantId of change.left) delete online[participantId];
      // Setting is idempotent: a delta may repeat what the join answer already held.
      for (const { participantId, isTyping } of [...change.joined, ...change.typing]) online[participantId] = isTyping;
      set({ online });
    },
    reset: () => set(initialPresenceState()),
  };
}
