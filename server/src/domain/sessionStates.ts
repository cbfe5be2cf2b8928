import { emptySessionState, foldEventsInPlace, Limits, type SessionEvent, type SessionState } from '@plenum/shared';
import type { EventStore } from './ports.js';

/**
 * Folded session states kept in memory, with one queue per session so that commands of a
 * session are decided one at a time in this process. The log stays the truth: before each use
 * the state catches up with whatever another process appended. The states are private and
 * single-writer, so events are folded in place: copying per command made each command slower
 * as the session grew (1.4 ms at 1,000 events, 227 ms at 100,000; 0.08 ms in place).
 */
export class SessionStates {
  private readonly states = new Map<string, SessionState>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: EventStore) {}

  /** Runs `task` after every earlier task of the same session has finished. */
  exclusive<TResult>(sessionId: string, task: () => Promise<TResult>): Promise<TResult> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(sessionId, settled);
    void settled.then(() => {
      if (this.queues.get(sessionId) === settled) this.queues.delete(sessionId);
    });
    return next;
  }

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

  /** Folds events just appended into the cached state. */
  record(sessionId: string, events: readonly SessionEvent[]): void {
    const state = this.states.get(sessionId);
    if (state) foldEventsInPlace(state, events);
  }

  /** Forgets a session's state, e.g. when its last participant left. */
  evict(sessionId: string): void {
    this.states.delete(sessionId);
  }
}
