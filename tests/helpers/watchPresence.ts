import type { Ack, PresenceChanged, SessionJoinResult } from '@plenum/shared';
import type { ClientSocket } from './connectClient.js';
import { ackTimeoutMs } from './factories.js';

/** What one client knows of who is online: its join answers' lists and the deltas after them. */
export interface PresenceView {
  socket: ClientSocket;
  /** Participant id → typing, as this client would show it. */
  online: Map<string, boolean>;
  /** Every `presence:changed` received, in order. */
  messages: PresenceChanged[];
  /** Sends `session:join` and takes the answer's list; resolves with the answer. */
  join(sessionId: string): Promise<SessionJoinResult>;
  /**
   * Resolves once `predicate` holds for this view; rejects after `timeoutMs`. Checked after
   * every message the socket receives, so a predicate may also read what the test gathers from
   * other messages (such as attendance in `session:events`).
   */
  until(predicate: (view: PresenceView) => boolean, description: string, timeoutMs?: number): Promise<void>;
}

/**
 * Follows presence as a client does: the list of each join answer replaces what it knew, and
 * each delta is applied on top in arrival order. The list is taken in the ack callback, in
 * order with the messages around it.
 */
export function watchPresence(socket: ClientSocket): PresenceView {
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiters) wake();
  };
  const view: PresenceView = {
    socket,
    online: new Map(),
    messages: [],
    join: (sessionId) =>
      new Promise((resolve, reject) => {
        socket
          .timeout(ackTimeoutMs)
          .emit('session:join', { sessionId, afterSeq: 0 }, (error: Error | null, answer: Ack<SessionJoinResult>) => {
            if (error) return reject(error);
            if (!answer.ok) return reject(new Error(`join refused: ${answer.error.code}`));
            if (answer.data.online) view.online = new Map(answer.data.online.map((p) => [p.participantId, p.isTyping]));
            wakeAll();
            resolve(answer.data);
          });
      }),
    until: (predicate, description, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const wake = () => {
          if (!predicate(view)) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const known = JSON.stringify([...view.online]);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; online: ${known}`));
        }, timeoutMs);
        waiters.add(wake);
        wake();
      }),
  };
  socket.on('presence:changed', (change) => {
    view.messages.push(change);
    for (const participantId of change.left) view.online.delete(participantId);
    for (const { participantId, isTyping } of [...change.joined, ...change.typing]) {
      view.online.set(participantId, isTyping);
    }
    wakeAll();
  });
  // Any other message may be the one a predicate waits for: the last attendance can arrive after
  // the last presence delta (message compression changes their order). Checked once every
  // listener, the test's own included, has taken the message.
  socket.onAny(() => queueMicrotask(wakeAll));
  return view;
}

/** True when `view` shows exactly these participants online. */
export function showsOnline(view: PresenceView, participantIds: readonly string[]): boolean {
  return view.online.size === participantIds.length && participantIds.every((id) => view.online.has(id));
}
