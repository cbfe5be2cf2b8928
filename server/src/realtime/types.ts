import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@plenum/shared';
import type { Server, Socket } from 'socket.io';
import type { LimiterSpending } from './gateway/limiter.js';
import type { PresenceShare } from './presence.js';

/** What the server processes sharing an adapter tell each other (`serverSideEmit`). */
export interface InterServerEvents {
  /** One process's participants of a session (see {@link PresenceShare}). */
  'presence:share': (share: PresenceShare) => void;
  /** A process started: the others share their lists at once. */
  'presence:hello': () => void;
  /** An invitation cut for flooding may not connect to any process for `ms` (P12). */
  'limiter:cooldown': (invitationHash: string, ms: number) => void;
  /** What one process took from the budgets every process keeps alike (P12). */
  'limiter:spent': (spending: LimiterSpending) => void;
}

/** The typed socket.io server of the gateway. */
export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A typed connected socket. */
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A socket.io adapter (e.g. Redis), so several processes share rooms. */
export type AdapterFactory = Parameters<GatewayServer['adapter']>[0];
