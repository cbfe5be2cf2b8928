import type { Participant } from '@plenum/shared';
import type { CommandService } from '../domain/commandService.js';
import type { Clock, Store } from '../domain/ports.js';
import type { Logger } from '../lib/logger.js';
import type { Presence } from './presence.js';
import type { GatewayServer, GatewaySocket } from './types.js';

/** What the socket handlers share. */
export interface GatewayContext {
  io: GatewayServer;
  store: Store;
  commands: CommandService;
  presence: Presence;
  clock: Clock;
  logger: Logger;
  /** The socket's participant, if its invitation is still valid; else throws `UNAUTHENTICATED`. */
  authenticate(socket: GatewaySocket): Promise<Participant>;
  broadcastPresence(sessionId: string): void;
}
