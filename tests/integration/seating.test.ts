import type { SessionEventsMessage } from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import { connectedIds } from '../helpers/attendance.js';
import { connectClient } from '../helpers/connectClient.js';
import { deferred } from '../helpers/deferred.js';
import { expectOk, sendJoin } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { watchPresence } from '../helpers/watchPresence.js';

const seated = 50;
/** The interval (presence) and window (attendance) of the coalescing runs. */
const intervalMs = 200;

const isAttendance = (m: SessionEventsMessage) => m.events.some((e) => e.type === 'attendance:batch-connected');

/**
 * Seats `seated` officials at once while an observer watches, and counts what the observer
 * received until it saw all of them online and all their attendance.
 */
async function seatRoom(coalesceMs: number, attendanceAppendSize?: number) {
  const server = await startTestServer({
    presenceIntervalMs: coalesceMs,
    attendanceWindowMs: coalesceMs,
    attendanceAppendSize,
  });
  const invited: Awaited<ReturnType<typeof server.invite>>[] = [];
  // One at a time: each invitation is an append.
  for (let i = 0; i < seated; i++) invited.push(await server.invite('official', null, `Official ${i + 1}`));
  const { participantOrder: order } = await server.state();
  // The chair, the one role that is sent presence.
  const observer = watchPresence(await server.connect('chair'));
  await observer.join(server.sessionId);
  const observerId = server.participants.chair.id;
  await observer.until((v) => v.online.has(observerId), 'the observer online');
  const presenceBefore = observer.messages.length;
  const attendance: SessionEventsMessage[] = [];
  observer.socket.on('session:events', (m) => {
    if (isAttendance(m)) attendance.push(m);
  });
  const sockets = await Promise.all(invited.map(({ token }) => connectClient(server.url, { token })));

  const started = performance.now();
  await Promise.all(
    sockets.map(async (socket) => expectOk(await sendJoin(socket, { sessionId: server.sessionId, afterSeq: 0 }))),
  );
  await observer.until((v) => invited.every(({ participant }) => v.online.has(participant.id)), 'everyone online');
  const attended = () =>
    connectedIds(
      attendance.flatMap((m) => m.events),
      order,
    ).length;
  await observer.until(() => attended() >= seated, 'every attendance', 5000);
  const elapsedMs = performance.now() - started;

  const log = await server.store.read(server.sessionId, 0, 10_000);
  const attendanceEvents = log.filter((e) => e.type === 'attendance:batch-connected');
  return {
    presenceMessages: observer.messages.length - presenceBefore,
    attendanceBroadcasts: attendance.length,
    /** The events recording the room's first connections: one per append. */
    attendanceEvents: attendanceEvents.length,
    /** Most participants in one broadcast. */
    largestAttendance: Math.max(...attendance.map((m) => connectedIds(m.events, order).length)),
    /** At most one message per interval (trailing edge) over the time it took, plus one. */
    bound: Math.floor(elapsedMs / intervalMs) + 1,
    invitedIds: invited.map(({ participant }) => participant.id),
    recorded: connectedIds(log, order),
    /** Whether the log records any connection the way logs did before batches. */
    hasLegacyAttendance: log.some((e) => e.type === 'attendance:connected'),
    observerId,
  };
}

describe('seating a room', () => {
  test(`P20/P21: presence and attendance are broadcast at most once per ${intervalMs} ms while ${seated} join at once, and every attendance is recorded once, one event per append`, async () => {
    const run = await seatRoom(intervalMs);
    expect(run.presenceMessages).toBeLessThanOrEqual(run.bound);
    expect(run.attendanceBroadcasts).toBeLessThanOrEqual(run.bound);
    // A window's batch is one event however many it names, not one per participant.
    expect(run.attendanceEvents).toBeLessThanOrEqual(run.bound);
    expect(run.hasLegacyAttendance).toBe(false);
    expect(run.recorded.sort()).toEqual([...run.invitedIds, run.observerId].sort());
  });

  test('P20/P21 negative control: without coalescing (interval 0) the same bounds are broken, one message per join', async () => {
    const run = await seatRoom(0);
    expect(run.presenceMessages).toBeGreaterThan(run.bound);
    expect(run.attendanceBroadcasts).toBeGreaterThan(run.bound);
    // Nothing is lost either way.
    expect(run.recorded.sort()).toEqual([...run.invitedIds, run.observerId].sort());
  });

  test('P21: a window of more first joins than one append takes is appended in parts of that size, each broadcast, every attendance recorded once', async () => {
    // The window is long enough to gather every join of the room at once.
    const run = await seatRoom(intervalMs, 8);
    expect(run.largestAttendance).toBeLessThanOrEqual(8);
    expect(run.attendanceBroadcasts).toBeGreaterThanOrEqual(Math.ceil(seated / 8));
    expect(run.attendanceEvents).toBeGreaterThanOrEqual(Math.ceil(seated / 8));
    expect(run.attendanceEvents).toBeLessThan(seated);
    expect(run.recorded.sort()).toEqual([...run.invitedIds, run.observerId].sort());
  });

  test('P21: a graceful close records the attendance still waiting for its window', async () => {
    const server = await startTestServer({ attendanceWindowMs: 60_000 });
    const sessions = server.app.sessions;
    const check = sessions.dayToRecord.bind(sessions);
    const waiting = deferred();
    vi.spyOn(sessions, 'dayToRecord').mockImplementation(async (...args) => {
      const answer = await check(...args);
      // The handler hands the connection to the batch right after this answer.
      setImmediate(waiting.resolve);
      return answer;
    });
    const chair = await server.connect('chair');
    const { participantOrder: order } = await server.state();
    void sendJoin(chair, { sessionId: server.sessionId, afterSeq: 0 }).catch(() => undefined);
    await waiting.promise;
    // From the store itself: the test server's `head` would settle the batch first.
    const head = await server.store.head(server.sessionId);
    await server.app.close();
    const after = await server.store.read(server.sessionId, head, 10);
    expect(after.map((e) => [e.type, connectedIds([e], order)])).toEqual([
      ['attendance:batch-connected', [server.participants.chair.id]],
    ]);
  });
});
