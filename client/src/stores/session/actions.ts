import { foldBatch, type Participant, type SessionEvent, type SessionState } from '@plenum/shared';
import type { StoreApi } from 'zustand/vanilla';
import { initialSessionState, type SessionStoreState } from './initialState';

export interface SessionActions {
  /**
   * Folds events with the shared reducer. Events at or below `lastSeq` are dropped as
   * duplicates; a gap throws the shared `SeqGapError` and leaves the state untouched.
   */
  applyEvents: (events: readonly SessionEvent[]) => void;
  /**
   * Replaces the state with the session's state as the server saved it (P26), read from a join
   * answer: the log's events after its `lastSeq` follow. No longer the last visit's state.
   */
  adoptState: (session: SessionState) => void;
  /** Records who this client is and which log it follows, from a join answer. */
  setIdentity: (identity: { epoch: string; you: Participant }) => void;
  /** Shows the state kept from the last visit until the log has caught up (`isFromLastVisit`). */
  restoreLastVisit: (visit: { session: SessionState; epoch: string; you: Participant }) => void;
  /** The state now follows the log to its head: no longer the last visit's. */
  caughtUp: () => void;
  /** Forgets everything, e.g. when the log's epoch changed; keeps the session id unless given. */
  reset: (sessionId?: string) => void;
}

export type SessionStore = SessionStoreState & SessionActions;

export function createSessionActions(
  set: StoreApi<SessionStore>['setState'],
  get: StoreApi<SessionStore>['getState'],
): SessionActions {
  return {
    applyEvents: (events) => {
      const current = get().session;
      const next = foldBatch(current, events);
      // Nothing new when every event was a duplicate: keep the state object, so no render.
      if (next.lastSeq !== current.lastSeq) set({ session: next });
    },
    adoptState: (session) => set({ session, isFromLastVisit: false }),
    setIdentity: ({ epoch, you }) => set({ epoch, you }),
    restoreLastVisit: ({ session, epoch, you }) => set({ session, epoch, you, isFromLastVisit: true }),
    caughtUp: () => {
      if (get().isFromLastVisit) set({ isFromLastVisit: false });
    },
    reset: (sessionId) => set(initialSessionState(sessionId ?? get().session.sessionId)),
  };
}
