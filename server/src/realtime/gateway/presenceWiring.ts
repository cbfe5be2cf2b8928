import type { SessionService } from '../../domain/sessionService.js';
import type { Logger } from '../../lib/logger.js';
import { AttendanceBatcher, defaultAttendanceWindowMs } from '../attendance.js';
import { defaultPresenceIntervalMs, Presence } from '../presence.js';
import { presenceRoom } from '../rooms.js';
import type { GatewayServer } from '../types.js';
import type { Broadcaster } from './broadcaster.js';

/** Who is online in each session, its deltas sent to the session's presence room. */
export function createPresence(io: GatewayServer, intervalMs = defaultPresenceIntervalMs): Presence {
  return new Presence({
    intervalMs,
    // Not volatile: each delta builds on the one before, so a dropped one would leave a client
    // wrong until it reconnects. There is at most one per interval, and P13 bounds a slow reader.
    // Uncompressed, as every broadcast (see Broadcaster).
    publish: (change) => io.to(presenceRoom(change.sessionId)).compress(false).emit('presence:changed', change),
  });
}

/** First connections of the day, appended in batches and broadcast with the session's events. */
export function createAttendance(deps: {
  sessions: SessionService;
  broadcaster: Broadcaster;
  logger: Logger;
  windowMs?: number;
}): AttendanceBatcher {
  return new AttendanceBatcher({
    windowMs: deps.windowMs ?? defaultAttendanceWindowMs,
    record: (sessionId, connections) => deps.sessions.recordConnections(sessionId, connections),
    // At once: the joins of the batch wait for it, and their answers come after their attendance.
    publish: (sessionId, events) => {
      deps.broadcaster.broadcast(sessionId, events);
      deps.broadcaster.send(sessionId);
    },
    logger: deps.logger,
  });
}
