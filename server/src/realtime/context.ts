import type { Participant, SessionEvent } from '@plenum/shared';
import type { CommandService } from '../domain/commandService.js';
import type { SessionService } from '../domain/sessionService.js';
import type { Clock, Store } from '../domain/ports.js';
import type { Logger } from '../lib/logger.js';
import type { AttendanceBatcher } from './attendance.js';
import type { Faults } from './faults.js';
import type { Presence } from './presence.js';
import type { AfterAnswer } from './register.js';
import type { Protections } from './protections.js';
import type { GatewayServer, GatewaySocket } from './types.js';

/** What the socket handlers share. */
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
  /** Test-only fault hooks; undefined in production. */
  faults: Faults | undefined;
  /**
   * The socket's participant, if its invitation is still valid; else throws `UNAUTHENTICATED`,
   * which `register()` answers and then disconnects.
   */
  authenticate(socket: GatewaySocket): Promise<Participant>;
  /** Sends committed events to everyone in the session's room, sender included (P3). */
  broadcastEvents(sessionId: string, events: readonly SessionEvent[]): void;
  /**
   * Reserves a place among the participant's commands in flight and one commit of its rate
   * (P12). Call `release` when the command is decided, and `refund` too if it appended nothing.
   * Throws `RATE_LIMITED` (and counts a strike) when either is used up.
   */
  reserveCommit(socket: GatewaySocket): { release: () => void; refund: () => void };
  /**
   * Admits a page if the participant's and the address's read budgets are not used up and the
   * participant has fewer pages in flight than allowed (P12); `served` charges the events the
   * page served once it is answered. Throws `RATE_LIMITED` (and counts a strike) otherwise.
   */
  reserveRead(socket: GatewaySocket): { served: (events: number) => void };
  /** One page of the log (P4); a full page asked for again comes from memory. */
  readPage(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
  /**
   * Called with the participant the invitation names now: if its role or unit is no longer the
   * one the socket connected with, every socket of the participant is disconnected once the
   * answer in hand is sent (through `afterAnswer`), so that each reconnects and learns its new
   * authority (P8).
   */
  authorityChanged(socket: GatewaySocket, current: Participant, afterAnswer: AfterAnswer): void;
}
