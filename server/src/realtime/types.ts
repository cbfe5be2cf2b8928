import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@plenum/shared';
import type { Server, Socket } from 'socket.io';

/** The typed socket.io server of the gateway. */
export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A typed connected socket. */
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A socket.io adapter (e.g. Redis), so several processes share rooms. */
export type AdapterFactory = Parameters<GatewayServer['adapter']>[0];
