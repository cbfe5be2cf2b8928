import type { SessionEvent } from '@plenum/shared';
import type { CommandService } from '../domain/commandService.js';
import type { SessionService } from '../domain/sessionService.js';
import type { Clock, Store } from '../domain/ports.js';
import type { Logger } from '../lib/logger.js';
import type { AttendanceBatcher } from './attendance.js';
import type { Broadcaster } from './gateway/broadcaster.js';
import type { Handshake } from './gateway/handshake.js';
import type { Limiter } from './gateway/limiter.js';
import type { Presence } from './presence.js';
import type { Protections } from './protections.js';
import type { GatewayServer } from './types.js';

/** What the request steps share. */
export interface GatewayContext {
  io: GatewayServer;
  store: Store;
  commands: CommandService;
  sessions: SessionService;
  presence: Presence;
  attendance: AttendanceBatcher;
  clock: Clock;
  logger: Logger;
  protections: Protections;
  /** The invitation behind each socket, checked again on each request (P8). */
  handshake: Handshake;
  /** The budgets of commands and reads (P12). */
  limiter: Limiter;
  /** Sends committed events to everyone in the session's room, sender included (P3). */
  broadcaster: Broadcaster;
  /** One page of the log (P4); a full page asked for again comes from memory. */
  readPage(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
}
