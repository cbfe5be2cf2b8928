import { Limits, type SessionEvent } from '@plenum/shared';
import type { Connection } from '../domain/sessionService.js';
import type { Logger } from '../lib/logger.js';

/**
 * How long first connections of a session are gathered before they are recorded: a room being
 * seated then costs one append and one broadcast per window instead of one per arrival, each
 * broadcast reaching everyone already seated. No join waits for it (its answer goes out first,
 * its attendance follows as a live event), so the window can be long enough that those
 * broadcasts cost little next to the joins: with 150 ms, they took most of the time to seat a
 * room of 1,000.
 */
export const defaultAttendanceWindowMs = 1000;

/**
 * A large room's window grows with it: every attendance message is a write to every socket
 * seated, and on loopback that write's cost is the kernel's path, not the bytes (see
 * tests/bench/README.md, findings 29 and 34). A window of a millisecond per socket keeps those
 * writes near a thousand a second however large the room; a connection's entry keeps its own
 * time whatever the window, so a longer one only makes the chair's count arrive later.
 */
export const attendanceWindowPerSocketMs = 1;

/** The longest a large room's window grows: the chair's count is at most this late. */
export const maxAttendanceWindowMs = 10_000;

/** The window for a room of `sockets`: `baseMs`, or longer for a large room (see {@link attendanceWindowPerSocketMs}). */
export function attendanceWindowMs(baseMs: number, sockets: number): number {
  return Math.max(baseMs, Math.min(maxAttendanceWindowMs, sockets * attendanceWindowPerSocketMs));
}

/**
 * Most connections recorded in one append: a window of a room being seated can gather thousands,
 * and appending and sending them at once held the event loop for as long as that took (see
 * tests/bench/README.md). Appends of a batch follow one another, each after the one before is
 * committed and sent. As many as one `attendance:batch-connected` holds, so an append is one event.
 */
export const defaultAttendanceAppendSize = Limits.attendanceBatch;

export interface AttendanceOptions {
  /** Connections are gathered this long, then recorded together; 0 records each at once. */
  windowMs: number;
  /** The sockets in the session's room now: a large room's window is longer ({@link attendanceWindowMs}). */
  roomSize?: (sessionId: string) => number;
  /** Most connections per append ({@link defaultAttendanceAppendSize}). */
  appendSize?: number;
  /** Appends the batch's attendance (those not yet recorded for their day). */
  record: (sessionId: string, connections: Connection[]) => Promise<SessionEvent[]>;
  /** Broadcasts what `record` appended. */
  publish: (sessionId: string, events: SessionEvent[]) => void;
  logger: Logger;
}

/**
 * The automatic half of attendance, batched per session. Nothing is lost when a batch is not
 * recorded (the process stops during the window, or the append fails): the participant's next
 * connection that day records it, since a connection is recorded only if none was yet. On a
 * graceful shutdown, `close` records what is pending, and what is still being checked.
 */
export class AttendanceBatcher {
  /** Session id → the batch being gathered, by day and participant. */
  private readonly pending = new Map<string, Map<string, Connection>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Checks before a connection is noted, and recordings in progress: `close` waits for both. */
  private readonly running = new Set<Promise<void>>();
  private isClosing = false;

  constructor(private readonly options: AttendanceOptions) {}

  /**
   * Notes a connection to the day open now (the first within a batch counts), recorded and
   * broadcast with its batch: for that day, even if it is adjourned before the batch is.
   */
  connected(sessionId: string, connection: Connection): void {
    const batch = this.pending.get(sessionId) ?? new Map<string, Connection>();
    const key = `${connection.dayId} ${connection.participantId}`;
    if (!batch.has(key)) batch.set(key, connection);
    this.pending.set(sessionId, batch);
    if (this.options.windowMs <= 0 || this.isClosing) {
      this.flush(sessionId);
    } else if (!this.timers.has(sessionId)) {
      const sockets = this.options.roomSize?.(sessionId) ?? 0;
      const timer = setTimeout(() => this.flush(sessionId), attendanceWindowMs(this.options.windowMs, sockets));
      timer.unref();
      this.timers.set(sessionId, timer);
    }
  }

  /**
   * Notes a connection once `dayToRecord` names the open day it is not recorded for yet (null:
   * none); a failed check is logged (the participant's next connection checks again).
   */
  connectedIf(dayToRecord: Promise<string | null>, sessionId: string, participantId: string, at: string): void {
    this.track(
      dayToRecord.then(
        (dayId) => {
          if (dayId !== null) this.connected(sessionId, { participantId, dayId, at });
        },
        (error: unknown) =>
          this.options.logger.error(
            { err: error, sessionId, participantId },
            'attendance check failed; the next connection records it',
          ),
      ),
    );
  }

  /**
   * Records every pending batch now, and those the checks still running add, and resolves once
   * all of them are recorded and broadcast: every connection noted before the call is then in
   * the log (or its failure logged).
   */
  async settle(): Promise<void> {
    while (this.pending.size > 0 || this.running.size > 0) {
      for (const sessionId of [...this.pending.keys()]) this.flush(sessionId);
      await Promise.all(this.running);
    }
  }

  /** Settles, and records every later connection at once: for a graceful shutdown. */
  close(): Promise<void> {
    this.isClosing = true;
    return this.settle();
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  private flush(sessionId: string): void {
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
    const batch = this.pending.get(sessionId);
    this.pending.delete(sessionId);
    if (!batch) return;
    this.track(this.record(sessionId, [...batch.values()]));
  }

  /** Records a batch in appends of at most `appendSize`, one after another. */
  private async record(sessionId: string, connections: readonly Connection[]): Promise<void> {
    const size = Math.max(1, this.options.appendSize ?? defaultAttendanceAppendSize);
    for (let from = 0; from < connections.length; from += size) {
      const part = connections.slice(from, from + size);
      let events: SessionEvent[];
      try {
        events = await this.options.record(sessionId, part);
      } catch (error) {
        this.options.logger.error(
          { err: error, sessionId, participants: part.length },
          'attendance not recorded; the next connection records it',
        );
        continue;
      }
      this.options.publish(sessionId, events);
    }
  }
}
