import { emptySessionState, foldEventsInPlace, Limits, type SessionEvent, type SessionState } from '@plenum/shared';
import type { EventStore } from './ports.js';

/**
 * Folded session states kept in memory. The log stays the truth: before each use a state
 * catches up with whatever another process appended. The states are private and single-writer,
 * so events are folded in place: copying per command made each command slower as the session
 * grew (1.4 ms at 1,000 events, 227 ms at 100,000; 0.08 ms in place).
 */
export class SessionStates {
  private readonly states = new Map<string, SessionState>();

  constructor(private readonly store: EventStore) {}

  /** The session's state, caught up with the log. */
  async current(sessionId: string): Promise<SessionState> {
    const state = this.states.get(sessionId) ?? emptySessionState(sessionId);
    for (;;) {
      const events = await this.store.read(sessionId, state.lastSeq, Limits.pageSize * 10);
      if (events.length === 0) break;
      foldEventsInPlace(state, events);
    }
    this.states.set(sessionId, state);
    return state;
  }

  /** Folds events, numbered as the log will number them, into the session's cached state. */
  record(sessionId: string, events: readonly SessionEvent[]): void {
    const state = this.states.get(sessionId);
    if (state) foldEventsInPlace(state, events);
  }

  /** Forgets a session's state, e.g. when its last participant left or its folded events were not committed. */
  evict(sessionId: string): void {
    this.states.delete(sessionId);
  }
}
