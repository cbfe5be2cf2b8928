import { randomUUID } from 'node:crypto';
import type { ServerResponse, Server as HttpServer, IncomingMessage } from 'node:http';
import { CommandRequestSchema, type AccessEndedReason, type SessionEvent } from '@plenum/shared';
import { Server } from 'socket.io';
import type { CommandService } from '../domain/commandService.js';
import type { SessionService } from '../domain/sessionService.js';
import type { Clock, Store } from '../domain/ports.js';
import { clientAddress, type TrustProxy } from '../lib/clientAddress.js';
import type { Logger } from '../lib/logger.js';
import type { GatewayContext } from './context.js';
import { Broadcaster } from './gateway/broadcaster.js';
import { checkOrigins, Handshake, type OriginOptions } from './gateway/handshake.js';
import { connectedRecorder, startHeartbeat } from './gateway/heartbeat.js';
import { createLimiter } from './gateway/limiter.js';
import { createAttendance, createPresence } from './gateway/presenceWiring.js';
import { shareBroadcastFrames } from './gateway/sharedFrames.js';
import { registerPresenceHandlers } from './handlers/presence.handlers.js';
import { registerSessionHandlers } from './handlers/session.handlers.js';
import { watchOutbound } from './outbound.js';
import { PageCache } from './pageCache.js';
import { commandSteps, type CommandStep } from './pipeline/commandSteps.js';
import { resolveProtections, type Protections } from './protections.js';
import { register } from './register.js';
import { processRoom } from './rooms.js';
import { monotonicNow, type MonotonicClock } from './tokenBucket.js';
import type { AdapterFactory, GatewayServer, GatewaySocket } from './types.js';

/** Full catch-up pages kept in memory for repeated identical requests (500 events each at most). */
const pageCacheEntries = 32;

/** Largest message a client may send; schema limits keep every valid message well below it. */
export const maxMessageBytes = 64 * 1024;

const knownChannels = new Set(['session:join', 'command', 'presence:update']);

/** How often full buckets and past cooldowns are forgotten. */
const sweepMs = 30_000;

export interface GatewayOptions extends OriginOptions {
  httpServer: HttpServer;
  store: Store;
  commands: CommandService;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
  /** Sets the security headers of every HTTP response (helmet's), refusals included (P16). */
  securityHeaders?: HttpMiddleware;
  /** How often each active session's head `seq` is sent (P5). */
  heartbeatMs: number;
  /** How long presence changes are gathered per session before one delta goes out; 0: none. */
  presenceIntervalMs?: number;
  /** How long first connections are gathered per session before one attendance append; 0: none. */
  attendanceWindowMs?: number;
  /** Most first connections in one attendance append. */
  attendanceAppendSize?: number;
  /** socket.io adapter shared by several processes; default: in-process rooms. */
  adapter?: AdapterFactory;
  /** Limits and protections; omitted ones take their defaults. */
  protections?: Partial<Protections>;
  /** The steps every command runs through; default {@link commandSteps}. */
  commandSteps?: readonly CommandStep[];
  /** Monotonic time for the rate limits; injected by tests. */
  monotonic?: MonotonicClock;
  /** Reverse proxies whose X-Forwarded-For names the client; null or omitted: none. */
  trustProxy?: TrustProxy | null;
}

/** A middleware of node's HTTP server, as engine.io runs them for every request and upgrade. */
type HttpMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The socket side of the app, as the composition root holds it. */
export interface Gateway {
  io: GatewayServer;
  /** Tells every socket of a participant why, then disconnects them, on every process sharing the adapter (P8). */
  disconnectParticipant: (sessionId: string, participantId: string, reason: AccessEndedReason) => void;
  /** Sends events committed outside a command (invitations changed over REST) to the session's room. */
  publish: (sessionId: string, events: readonly SessionEvent[]) => void;
  /** Resolves once the attendance of every join answered so far is recorded and broadcast (P21). */
  settleAttendance: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * WebSocket messages over 1 kB are deflated: join answers and catch-up pages shrink to a fifth
 * on a slow link. Each socket keeps its own compressor, so its window and memory are kept small
 * (about 8 kB a socket rather than zlib's default 256 kB); broadcasts are sent uncompressed
 * (see Broadcaster), since compressing one message once per socket costs a room more than it saves.
 */
export const messageCompression = {
  threshold: 1024,
  serverMaxWindowBits: 10,
  clientMaxWindowBits: 10,
  zlibDeflateOptions: { memLevel: 3 },
};

/**
 * A slow link delays pings behind what is already queued: a 250 kB catch-up page takes 8 s at
 * 256 kbit/s. socket.io's 20 s to answer a ping is kept explicit and raised to 30 s, so two such
 * pages in flight still leave the pong time to come back; a dead connection is noticed within
 * a minute (one interval plus the timeout).
 */
const heartbeat = { pingInterval: 25_000, pingTimeout: 30_000 };

/** The socket.io server on the HTTP server: message limit, compression, heartbeat, headers, origins, adapter. */
function socketServer(options: GatewayOptions, protections: Protections): GatewayServer {
  const io: GatewayServer = new Server(options.httpServer, {
    maxHttpBufferSize: maxMessageBytes,
    serveClient: false,
    perMessageDeflate: messageCompression,
    ...heartbeat,
  });
  if (options.securityHeaders) io.engine.use(options.securityHeaders);
  if (protections.checkOrigin) checkOrigins(io, options, options.logger);
  if (options.adapter) io.adapter(options.adapter);
  return io;
}

/** A socket past the handshake: its limits and watches, then the handlers of its requests. */
function connected(socket: GatewaySocket, ctx: GatewayContext, steps: readonly CommandStep[]): void {
  const { handshake, protections, logger, limiter } = ctx;
  handshake.connected(socket);
  shareBroadcastFrames(socket);
  watchOutbound(socket, protections.outboundBytes, (queuedBytes) => {
    const { sessionId, participant } = socket.data;
    logger.warn({ sessionId, participantId: participant.id, queuedBytes }, 'slow consumer disconnected');
  });
  limiter.watch(socket);
  // Unknown channels are dropped here, before any listener, and logged.
  socket.use(([event], next) => {
    if (knownChannels.has(event)) next();
    else logger.warn({ event: String(event).slice(0, 64), socketId: socket.id }, 'unknown message dropped');
  });
  registerSessionHandlers(socket, ctx);
  register(socket, 'command', CommandRequestSchema, steps, ctx);
  registerPresenceHandlers(socket, ctx);
}

/**
 * The socket.io gateway, wired from its parts. Transport only: every decision is the domain's.
 *
 * | part                      | what it does                                                               |
 * | ------------------------- | -------------------------------------------------------------------------- |
 * | gateway/handshake.ts      | origin check, version, invitation, cooldown, sockets per participant       |
 * | gateway/limiter.ts        | the budgets of handshakes, messages, reads and commits; strikes, cooldowns |
 * | gateway/broadcaster.ts    | committed events to the session's room, one message per tick               |
 * | gateway/heartbeat.ts      | each active session's head (P5); attendance of those online                |
 * | gateway/presenceWiring.ts | who is online; first connections recorded as attendance                    |
 * | handlers/, pipeline/      | the requests: `session:join`, `command` ({@link commandSteps}), presence   |
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { store, logger, clock, sessions } = options;
  const protections = resolveProtections(options.protections);
  const trustProxy = options.trustProxy ?? null;
  const addressOf = (socket: GatewaySocket): string => clientAddress(socket.request, trustProxy);
  const io = socketServer(options, protections);

  const isClustered = options.adapter !== undefined;
  const monotonic = options.monotonic ?? monotonicNow;
  const { limiter, stop: stopSharingBudgets } = createLimiter(io, {
    protections,
    monotonic,
    logger,
    addressOf,
    isClustered,
  });
  const handshake = new Handshake({ io, store, clock, logger, protections, limiter, addressOf });
  // This process among those sharing the adapter: its presence, and the room of its sockets.
  const processId = isClustered ? randomUUID() : undefined;
  const presence = createPresence(io, { intervalMs: options.presenceIntervalMs, processId });
  const broadcaster = new Broadcaster(io, {
    onDayOpened: (sessionId, at) => recordConnected(sessionId, at),
    ...(processId !== undefined ? { processRoom: processRoom(processId) } : {}),
  });
  const attendance = createAttendance({
    sessions,
    broadcaster,
    logger,
    windowMs: options.attendanceWindowMs,
    appendSize: options.attendanceAppendSize,
  });
  const recordConnected = connectedRecorder({ presence, sessions, attendance, logger });
  const stopHeartbeat = startHeartbeat({
    broadcaster,
    store,
    presence,
    clock,
    logger,
    intervalMs: options.heartbeatMs,
    recordConnected,
  });
  const pages = new PageCache(store, pageCacheEntries);
  const ctx: GatewayContext = {
    io,
    store,
    commands: options.commands,
    sessions,
    presence,
    attendance,
    clock,
    logger,
    protections,
    handshake,
    limiter,
    broadcaster,
    readPage: (sessionId, afterSeq, limit) => pages.read(sessionId, afterSeq, limit),
  };
  const steps = options.commandSteps ?? commandSteps;

  io.use(handshake.middleware);
  io.on('connection', (socket) => {
    if (processId !== undefined) void socket.join(processRoom(processId));
    connected(socket, ctx, steps);
  });

  const sweep = setInterval(() => limiter.sweep(), sweepMs);
  sweep.unref();

  return {
    io,
    disconnectParticipant: (...args) => handshake.disconnectParticipant(...args),
    publish: (sessionId, events) => broadcaster.broadcast(sessionId, events),
    settleAttendance: () => attendance.settle(),
    close: async () => {
      stopHeartbeat();
      clearInterval(sweep);
      stopSharingBudgets();
      presence.close();
      // Recorded and broadcast while the sockets are still open.
      await attendance.close();
      broadcaster.sendAll();
      await io.close();
    },
  };
}
