import type { SessionService } from '../../domain/sessionService.js';
import type { Logger } from '../../lib/logger.js';
import { AttendanceBatcher, defaultAttendanceWindowMs } from '../attendance.js';
import { defaultPresenceIntervalMs, Presence } from '../presence.js';
import { presenceRoom } from '../rooms.js';
import type { GatewayServer } from '../types.js';
import type { Broadcaster } from './broadcaster.js';

/**
 * Who is online in each session, its deltas sent to the session's presence room. With an
 * adapter shared by several processes (`processId` names this one), each process sends the deltas of the
 * whole room to its own sockets, and shares its own participants with the others through the
 * adapter's server-side messages (see {@link Presence}).
 *
 * Why server-side messages rather than a set in Redis or `fetchSockets`: they work the same
 * over either Redis adapter and need no connection of their own; the join answer stays
 * synchronous with the deltas that follow it (a `fetchSockets` round trip would let a delta
 * slip between the two); and a killed process leaves nothing behind in Redis to clean up, its
 * list simply expires.
 */
export function createPresence(io: GatewayServer, options: { intervalMs?: number; processId?: string }): Presence {
  const presence = new Presence({
    intervalMs: options.intervalMs ?? defaultPresenceIntervalMs,
    // Not volatile: each delta builds on the one before, so a dropped one would leave a client
    // wrong until it reconnects. There is at most one per interval, and P13 bounds a slow reader.
    // Uncompressed, as every broadcast (see Broadcaster).
    publish: (change) => io.local.to(presenceRoom(change.sessionId)).compress(false).emit('presence:changed', change),
    ...(options.processId !== undefined
      ? { processId: options.processId, share: (share) => io.serverSideEmit('presence:share', share) }
      : {}),
  });
  if (options.processId !== undefined) {
    io.on('presence:share', (share) => presence.receive(share));
    // A process that starts asks the others for their lists rather than wait for their heartbeat.
    io.on('presence:hello', () => presence.shareAll());
    io.serverSideEmit('presence:hello');
  }
  return presence;
}

/** First connections of the day, appended in batches and broadcast with the session's events. */
export function createAttendance(deps: {
  sessions: SessionService;
  broadcaster: Broadcaster;
  logger: Logger;
  windowMs?: number;
  appendSize?: number;
}): AttendanceBatcher {
  return new AttendanceBatcher({
    windowMs: deps.windowMs ?? defaultAttendanceWindowMs,
    roomSize: (sessionId) => deps.broadcaster.roomSize(sessionId),
    ...(deps.appendSize !== undefined ? { appendSize: deps.appendSize } : {}),
    record: (sessionId, connections) => deps.sessions.recordConnections(sessionId, connections),
    // At once: the batch's own participants learn their attendance from this broadcast.
    publish: (sessionId, events) => {
      deps.broadcaster.broadcast(sessionId, events);
      deps.broadcaster.send(sessionId);
    },
    logger: deps.logger,
  });
}
