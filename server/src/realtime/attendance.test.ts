import { newEvent, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { AttendanceBatcher } from './attendance.js';

const sessionId = 'session-1';

/** A batcher whose appends are recorded (one event per connection) and whose broadcasts are listed. */
function batcher(windowMs: number) {
  const recorded: string[][] = [];
  const published: SessionEvent[][] = [];
  let seq = 0;
  const attendance = new AttendanceBatcher({
    windowMs,
    record: (_sessionId, connections) => {
      recorded.push(connections.map((c) => c.participantId));
      return Promise.resolve(
        connections.map(({ participantId, at }) => ({
          ...newEvent('attendance:connected', { dayId: 'day-1', participantId, at }),
          seq: ++seq,
          sessionId,
          at,
          actorId: 'system',
        })) as SessionEvent[],
      );
    },
    publish: (_sessionId, events) => published.push(events),
    logger: createLogger({ level: 'silent' }),
  });
  return { attendance, recorded, published };
}

function deferredAnswer() {
  let resolve!: (yes: boolean) => void;
  const promise = new Promise<boolean>((done) => (resolve = done));
  return { promise, resolve };
}

describe('AttendanceBatcher', () => {
  test('P21: connections within one window are recorded in one append, each participant once', async () => {
    const { attendance, recorded, published } = batcher(60_000);
    const at = '2026-03-02T09:00:00.000Z';
    attendance.connected(sessionId, 'p1', at);
    attendance.connected(sessionId, 'p2', at);
    attendance.connected(sessionId, 'p1', at);
    expect(recorded).toEqual([]);
    await attendance.settle();
    expect(recorded).toEqual([['p1', 'p2']]);
    expect(published.map((events) => events.length)).toEqual([2]);
  });

  test('P21: settle and close wait for a check still running, and record what it adds; a check that says no adds nothing', async () => {
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
    no.resolve(false);
    yes.resolve(true);
    await closing;
    expect(recorded).toEqual([['p1']]);
    // Closed: a later connection is recorded at once, not after the window.
    attendance.connected(sessionId, 'p3', at);
    expect(recorded).toEqual([['p1'], ['p3']]);
    await attendance.settle();
  });
});
