import type { SessionEvent, SessionEventsMessage } from '@plenum/shared';
import type { ClientSocket } from './connectClient.js';

/** Every `session:events` message a client received, and a way to wait for a `seq`. */
export interface EventRecorder {
  /** The messages, in arrival order. */
  readonly messages: SessionEventsMessage[];
  /** Every event of every message, in arrival order (duplicates kept). */
  readonly events: SessionEvent[];
  /** The highest `seq` received so far; 0 before any. */
  lastSeq(): number;
  /** Resolves once an event with `seq >= seq` has arrived; rejects after `timeoutMs`. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
  /** Stops listening. */
  stop(): void;
}

/**
 * Records the live `session:events` a socket receives from now on. Start it before the
 * actions whose broadcasts it should see.
 */
export function recordEvents(socket: ClientSocket): EventRecorder {
  const messages: SessionEventsMessage[] = [];
  const events: SessionEvent[] = [];
  const waiters = new Set<{ seq: number; resolve: () => void }>();
  const lastSeq = (): number => events.reduce((max, e) => Math.max(max, e.seq), 0);
  const listener = (message: SessionEventsMessage): void => {
    messages.push(message);
    events.push(...message.events);
    const last = lastSeq();
    for (const waiter of waiters) {
      if (last >= waiter.seq) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };
  socket.on('session:events', listener);
  return {
    messages,
    events,
    lastSeq,
    waitForSeq(seq, timeoutMs = 5000) {
      if (lastSeq() >= seq) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          seq,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for seq ${seq} on socket ${socket.id ?? '?'} (last seq ${lastSeq()})`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop() {
      socket.off('session:events', listener);
    },
  };
}
