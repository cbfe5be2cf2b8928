import type { SessionService } from '../../domain/sessionService.js';
import type { Clock, Store } from '../../domain/ports.js';
import type { Logger } from '../../lib/logger.js';
import type { AttendanceBatcher } from '../attendance.js';
import type { Presence } from '../presence.js';
import type { Broadcaster } from './broadcaster.js';

/** Records the given session's online participants as attending, from `at`. */
export type RecordConnected = (sessionId: string, at: string) => void;

/**
 * Those already connected when a day opens attend it as much as those who join later (P21):
 * they are recorded as the opening leaves this process and, for a day opened through another
 * process, at the next heartbeat. Those already recorded that day are left out.
 */
export function connectedRecorder(deps: {
  presence: Presence;
  sessions: SessionService;
  attendance: AttendanceBatcher;
  logger: Logger;
}): RecordConnected {
  return (sessionId, at) => {
    const online = deps.presence.participants(sessionId);
    if (online.length === 0) return;
    deps.sessions.connectionsToRecord(sessionId, online).then(
      (connections) => {
        for (const connection of connections) deps.attendance.connected(sessionId, { ...connection, at });
      },
      (error: unknown) => deps.logger.error({ err: error, sessionId }, 'attendance check failed'),
    );
  };
}

/**
 * Every `intervalMs`, each active session's room is sent its epoch and head `seq` (P5), and its
 * online participants are recorded as attending. Returns what stops it.
 */
export function startHeartbeat(deps: {
  broadcaster: Broadcaster;
  store: Store;
  presence: Presence;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  recordConnected: RecordConnected;
}): () => void {
  const { broadcaster, store, logger } = deps;
  const heartbeat = setInterval(() => {
    deps.presence.refresh(deps.intervalMs);
    for (const sessionId of deps.presence.activeSessions()) {
      deps.recordConnected(sessionId, deps.clock.now().toISOString());
      Promise.all([store.epoch(), store.head(sessionId)]).then(
        // To this process's sockets only: every process beats for the sessions it serves, from the
        // database, so a client hears the head even while Redis is away (and hears it once).
        ([epoch, headSeq]) => broadcaster.sendHead({ sessionId, epoch, headSeq }),
        (error: unknown) => logger.error({ err: error, sessionId }, 'heartbeat failed'),
      );
    }
  }, deps.intervalMs);
  heartbeat.unref();
  return () => clearInterval(heartbeat);
}
