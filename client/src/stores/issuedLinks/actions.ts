import type { IssuedLink } from '@plenum/shared';
import type { StoreApi } from 'zustand/vanilla';
import { initialIssuedLinksState, type IssuedLinksStoreState } from './initialState';

export interface IssuedLinksActions {
  /**
   * Keeps links just issued in a session, after those still shown; a participant's earlier link
   * among them goes, as the reissue that made the new one ended it.
   */
  add: (sessionId: string, links: readonly IssuedLink[]) => void;
  /** Puts away a session's links: the person has copied or saved them. */
  dismiss: (sessionId: string) => void;
  reset: () => void;
}

export type IssuedLinksStore = IssuedLinksStoreState & IssuedLinksActions;

export function createIssuedLinksActions(
  set: StoreApi<IssuedLinksStore>['setState'],
  get: StoreApi<IssuedLinksStore>['getState'],
): IssuedLinksActions {
  return {
    add: (sessionId, links) => {
      if (links.length === 0) return;
      const { bySession } = get();
      const renewed = new Set(links.map((link) => link.participant.id));
      const kept = (bySession[sessionId] ?? []).filter((link) => !renewed.has(link.participant.id));
      set({ bySession: { ...bySession, [sessionId]: [...kept, ...links] } });
    },
    dismiss: (sessionId) => {
      const { [sessionId]: _dismissed, ...others } = get().bySession;
      set({ bySession: others });
    },
    reset: () => set(initialIssuedLinksState()),
  };
}
