import { newEvent } from '@plenum/shared';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { AttendanceBatcher, maxAttendanceWindowMs } from './attendance.js';

const sessionId = 'session-1';

/** A batcher whose appends are recorded (one event per day, as the service logs them) and whose broadcasts are listed. */
function batcher(windowMs: number, appendSize?: number, commandAfterAppend?: number, roomSize?: () => number) {
  const recorded: string[][] = [];
  /** The participants each broadcast names. */
  const published: string[][] = [];
  /** The seqs the room is sent, in the order sent: the batcher's broadcasts and any command's. */
  const room: number[] = [];
  /** Appends not yet answered, at the time of each append. */
  const inFlightAtAppend: number[] = [];
  let inFlight = 0;
  let seq = 0;
  const attendance = new AttendanceBatcher({
    windowMs,
    ...(appendSize !== undefined ? { appendSize } : {}),
    ...(roomSize !== undefined ? { roomSize } : {}),
    record: async (_sessionId, connections) => {
      inFlightAtAppend.push(inFlight++);
      recorded.push(connections.map((c) => `${c.dayId} ${c.participantId}`));
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      const at = connections[0]!.at;
      const events = [...new Set(connections.map((c) => c.dayId))].map((dayId) => ({
        ...newEvent('attendance:batch-connected', {
          dayId,
          at,
          participants: connections.filter((c) => c.dayId === dayId).map((c): [string, number] => [c.participantId, 0]),
        }),
        seq: ++seq,
        sessionId,
        at,
        actorId: 'system',
      }));
      // A command's batch that the lane ran next, committed and sent to the room at once.
      if (recorded.length === commandAfterAppend) setImmediate(() => room.push(++seq));
      return events;
    },
    publish: (_sessionId, events) => {
      room.push(...events.map((e) => e.seq));
      published.push(
        events.flatMap((e) =>
          e.type === 'attendance:batch-connected' ? e.payload.participants.map(([id]) => String(id)) : [],
        ),
      );
    },
    logger: createLogger({ level: 'silent' }),
  });
  return { attendance, recorded, published, inFlightAtAppend, room };
}

function deferredAnswer() {
  let resolve!: (dayId: string | null) => void;
  const promise = new Promise<string | null>((done) => (resolve = done));
  return { promise, resolve };
}

describe('AttendanceBatcher', () => {
  test('P21: connections within one window are recorded in one append, each participant once per day', async () => {
    const { attendance, recorded, published } = batcher(60_000);
    const at = '2026-03-02T09:00:00.000Z';
    attendance.connected(sessionId, { participantId: 'p1', dayId: 'day-1', at });
    attendance.connected(sessionId, { participantId: 'p2', dayId: 'day-1', at });
    attendance.connected(sessionId, { participantId: 'p1', dayId: 'day-1', at });
    // The next day opened within the window: p1 attended both.
    attendance.connected(sessionId, { participantId: 'p1', dayId: 'day-2', at });
    expect(recorded).toEqual([]);
    await attendance.settle();
    expect(recorded).toEqual([['day-1 p1', 'day-1 p2', 'day-2 p1']]);
    expect(published.map((names) => names.length)).toEqual([3]);
  });

  test('P21: settle and close wait for a check still running, and record what it adds; a check that finds nothing to record adds nothing', async () => {
    const { attendance, recorded } = batcher(60_000);
    const at = '2026-03-02T09:00:00.000Z';
    const yes = deferredAnswer();
    const no = deferredAnswer();
    attendance.connectedIf(yes.promise, sessionId, 'p1', at);
    attendance.connectedIf(no.promise, sessionId, 'p2', at);
    let isClosed = false;
    const closing = attendance.close().then(() => (isClosed = true));
    await Promise.resolve();
    expect(isClosed).toBe(false);
    no.resolve(null);
    yes.resolve('day-1');
    await closing;
    expect(recorded).toEqual([['day-1 p1']]);
    // Closed: a later connection is recorded at once, not after the window.
    attendance.connected(sessionId, { participantId: 'p3', dayId: 'day-1', at });
    expect(recorded).toEqual([['day-1 p1'], ['day-1 p3']]);
    await attendance.settle();
  });

  test('P21: a window that gathered more connections than one append takes is recorded in appends of that size, one after another, each participant once', async () => {
    const { attendance, recorded, published, inFlightAtAppend } = batcher(60_000, 250);
    const at = '2026-03-02T09:00:00.000Z';
    const ids = Array.from({ length: 600 }, (_, i) => `p${i}`);
    for (const participantId of ids) attendance.connected(sessionId, { participantId, dayId: 'day-1', at });
    // Repeats within the window count once.
    for (const participantId of ids.slice(0, 50))
      attendance.connected(sessionId, { participantId, dayId: 'day-1', at });
    await attendance.settle();
    expect(recorded.map((part) => part.length)).toEqual([250, 250, 100]);
    expect(recorded.flat()).toEqual(ids.map((id) => `day-1 ${id}`));
    // Each append starts once the one before is answered, and is broadcast on its own.
    expect(inFlightAtAppend).toEqual([0, 0, 0]);
    expect(published.map((names) => names.length)).toEqual([250, 250, 100]);
  });

  test('P3: a command committed between two appends of a window reaches the room after the first append and before the second, in seq order', async () => {
    const { attendance, room } = batcher(60_000, 250, 1);
    const at = '2026-03-02T09:00:00.000Z';
    for (let i = 0; i < 300; i++) attendance.connected(sessionId, { participantId: `p${i}`, dayId: 'day-1', at });
    await attendance.settle();
    // Sent out of order, every client of the room would see a gap and catch up at once.
    expect(room).toEqual([1, 2, 3]);
  });

  describe('a window that grows with the room', () => {
    afterEach(() => vi.useRealTimers());

    /** When a connection noted in a room of `sockets` is recorded, in ms after it, with a base window of 1 s. */
    async function recordedAfter(sockets: number): Promise<number> {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const { attendance, recorded } = batcher(1000, undefined, undefined, () => sockets);
      attendance.connected(sessionId, { participantId: 'p1', dayId: 'day-1', at: '2026-03-02T09:00:00.000Z' });
      const start = Date.now();
      while (recorded.length === 0 && Date.now() - start < 60_000) await vi.advanceTimersByTimeAsync(250);
      return Date.now() - start;
    }

    test('P21: a room of up to a thousand sockets keeps the base window; one of 5,000 gathers for 5 s; none longer than the cap', async () => {
      expect(await recordedAfter(0)).toBe(1000);
      expect(await recordedAfter(800)).toBe(1000);
      expect(await recordedAfter(5000)).toBe(5000);
      expect(await recordedAfter(50_000)).toBe(maxAttendanceWindowMs);
    });
  });
});
