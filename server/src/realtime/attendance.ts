import type { SessionEvent } from '@plenum/shared';
import type { Logger } from '../lib/logger.js';

/**
 * How long first connections of a session are gathered before they are recorded: a room being
 * seated then costs one append and one broadcast per window instead of one per arrival (each
 * broadcast reaching everyone already seated). Short, because a first join waits for its
 * window before its answer: a room that arrives together still lands in a few windows.
 */
export const defaultAttendanceWindowMs = 150;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

export interface AttendanceOptions {
  /** Connections are gathered this long, then recorded together; 0 records each at once. */
  windowMs: number;
  /** Appends the batch's `attendance:connected` events (those not yet recorded that day). */
  record: (sessionId: string, connections: { participantId: string; at: string }[]) => Promise<SessionEvent[]>;
  /** Broadcasts what `record` appended. */
  publish: (sessionId: string, events: SessionEvent[]) => void;
  logger: Logger;
}

/**
 * The automatic half of attendance, batched per session. Nothing is lost when a batch is not
 * recorded (the process stops during the window, or the append fails): the participant's next
 * connection that day records it, since a connection is recorded only if none was yet. On a
 * graceful shutdown, `close` records what is pending.
 */
export class AttendanceBatcher {
  /** Session id → the batch being gathered: participant id → when they connected. */
  private readonly pending = new Map<string, { connections: Map<string, string>; done: Deferred }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly recording = new Set<Promise<void>>();

  constructor(private readonly options: AttendanceOptions) {}

  /**
   * Notes a connection (the first time within a batch counts). Resolves once its batch is
   * recorded and broadcast, or failed (logged): it never rejects.
   */
  connected(sessionId: string, participantId: string, at: string): Promise<void> {
    const batch = this.pending.get(sessionId) ?? { connections: new Map<string, string>(), done: deferred() };
    if (!batch.connections.has(participantId)) batch.connections.set(participantId, at);
    this.pending.set(sessionId, batch);
    if (this.options.windowMs <= 0) {
      this.flush(sessionId);
    } else if (!this.timers.has(sessionId)) {
      const timer = setTimeout(() => this.flush(sessionId), this.options.windowMs);
      timer.unref();
      this.timers.set(sessionId, timer);
    }
    return batch.done.promise;
  }

  /** Records every pending batch now and waits for all recordings in progress. */
  async close(): Promise<void> {
    for (const sessionId of [...this.pending.keys()]) this.flush(sessionId);
    await Promise.all(this.recording);
  }

  private flush(sessionId: string): void {
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
    const batch = this.pending.get(sessionId);
    this.pending.delete(sessionId);
    if (!batch) return;
    const connections = [...batch.connections].map(([participantId, at]) => ({ participantId, at }));
    const recording = this.options
      .record(sessionId, connections)
      .then(
        (events) => this.options.publish(sessionId, events),
        (error: unknown) =>
          this.options.logger.error(
            { err: error, sessionId, participants: connections.length },
            'attendance not recorded; the next connection records it',
          ),
      )
      .finally(() => {
        this.recording.delete(recording);
        batch.done.resolve();
      });
    this.recording.add(recording);
  }
}
