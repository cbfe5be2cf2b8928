import type { Participant, SessionEvent } from '@plenum/shared';
import type { CommandService } from '../domain/commandService.js';
import type { SessionService } from '../domain/sessionService.js';
import type { Clock, Store } from '../domain/ports.js';
import type { Logger } from '../lib/logger.js';
import type { Presence } from './presence.js';
import type { GatewayServer, GatewaySocket } from './types.js';

/** What the socket handlers share. */
export interface GatewayContext {
  io: GatewayServer;
  store: Store;
  commands: CommandService;
  sessions: SessionService;
  presence: Presence;
  clock: Clock;
  logger: Logger;
  /**
   * The socket's participant, if its invitation is still valid; else throws `UNAUTHENTICATED`,
   * which `register()` answers and then disconnects.
   */
  authenticate(socket: GatewaySocket): Promise<Participant>;
  broadcastPresence(sessionId: string): void;
  /** Sends committed events to everyone in the session's room, sender included (P3). */
  broadcastEvents(sessionId: string, events: readonly SessionEvent[]): void;
}
