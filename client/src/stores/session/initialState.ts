import { emptySessionState, type Participant, type SessionState } from '@plenum/shared';

/** What the client knows of one review session. */
export interface SessionStoreState {
  /** The fold of the session's log; it changes only through `applyEvents`. */
  session: SessionState;
  /** Identity of the log `session` was folded from; null before the first join answer. */
  epoch: string | null;
  /** The participant this client's invitation makes of it; null before the first join answer. */
  you: Participant | null;
  /**
   * True while `session` is the state kept from this device's last visit, shown at once while
   * the log catches up from its `lastSeq`: read, never acted on (commands wait until live).
   */
  isFromLastVisit: boolean;
}

/** The state before any join: an empty log for `sessionId`. */
export function initialSessionState(sessionId = ''): SessionStoreState {
  return { session: emptySessionState(sessionId), epoch: null, you: null, isFromLastVisit: false };
}
