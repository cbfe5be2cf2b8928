import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { HandshakeAuthSchema, PROTOCOL_VERSION, type HandshakeErrorData, type Participant } from '@plenum/shared';
import { Server } from 'socket.io';
import type { CommandService } from '../domain/commandService.js';
import type { SessionService } from '../domain/sessionService.js';
import { DomainError } from '../domain/errors.js';
import type { Clock, InvitationRecord, Store } from '../domain/ports.js';
import { hashToken } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import type { GatewayContext } from './context.js';
import { registerCommandHandlers } from './handlers/command.handlers.js';
import { registerPresenceHandlers } from './handlers/presence.handlers.js';
import { registerSessionHandlers } from './handlers/session.handlers.js';
import { Presence } from './presence.js';
import { sessionRoom } from './rooms.js';
import type { AdapterFactory, GatewayServer } from './types.js';

/** Largest message a client may send; schema limits keep every valid message well below it. */
export const maxMessageBytes = 64 * 1024;

const knownChannels = new Set(['session:join', 'command', 'presence:update']);

export interface GatewayOptions {
  httpServer: HttpServer;
  store: Store;
  commands: CommandService;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
  /** Origins allowed to connect from a browser; empty means the server's own origin only. */
  allowedOrigins: readonly string[];
  /** How often each active session's head `seq` is sent (P5). */
  heartbeatMs: number;
  /** socket.io adapter shared by several processes; default: in-process rooms. */
  adapter?: AdapterFactory;
}

class HandshakeError extends Error {
  readonly data: HandshakeErrorData;
  constructor(data: HandshakeErrorData) {
    super(data.message);
    this.data = data;
  }
}

/** True when a browser at `origin` may open a socket to this request's host. */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true; // not a browser: the invitation token still decides
  if (allowed.length > 0) return allowed.includes(origin);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function isUsable(record: InvitationRecord | null, now: Date): record is InvitationRecord {
  return (
    record !== null &&
    record.revokedAt === null &&
    (record.expiresAt === null || Date.parse(record.expiresAt) > now.getTime())
  );
}

/**
 * The socket.io gateway: handshake (origin, protocol version, invitation), the request
 * handlers, presence and the head heartbeat. Transport only: every decision is the domain's.
 */
export function createGateway(options: GatewayOptions): { io: GatewayServer; close: () => Promise<void> } {
  const { store, logger, clock } = options;
  const io: GatewayServer = new Server(options.httpServer, {
    maxHttpBufferSize: maxMessageBytes,
    serveClient: false,
    allowRequest: (req: IncomingMessage, callback) => {
      callback(null, isOriginAllowed(req.headers.origin, req.headers.host, options.allowedOrigins));
    },
  });
  if (options.adapter) io.adapter(options.adapter);
  const presence = new Presence();

  const ctx: GatewayContext = {
    io,
    store,
    commands: options.commands,
    sessions: options.sessions,
    presence,
    clock,
    logger,
    async authenticate(socket): Promise<Participant> {
      const record = await store.findInvitation(socket.data.invitationHash);
      if (!isUsable(record, clock.now())) {
        throw new DomainError('UNAUTHENTICATED', 'Your invitation was revoked or has expired.');
      }
      return record.participant;
    },
    broadcastEvents(sessionId, events) {
      if (events.length > 0) io.to(sessionRoom(sessionId)).emit('session:events', { sessionId, events: [...events] });
    },
    broadcastPresence(sessionId) {
      io.to(sessionRoom(sessionId)).volatile.emit('presence:changed', presence.snapshot(sessionId));
    },
  };

  io.use((socket, next) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      next(
        new HandshakeError({ code: 'UNAUTHENTICATED', message: 'No invitation token: open your invite link again.' }),
      );
      return;
    }
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      next(
        new HandshakeError({
          code: 'INCOMPATIBLE_PROTOCOL',
          message: 'Plenum was updated: reload the page.',
          serverProtocolVersion: PROTOCOL_VERSION,
        }),
      );
      return;
    }
    const invitationHash = hashToken(auth.data.token);
    store.findInvitation(invitationHash).then(
      (record) => {
        if (!isUsable(record, clock.now())) {
          next(
            new HandshakeError({
              code: 'UNAUTHENTICATED',
              message: 'This invite link is not valid (revoked, expired or mistyped).',
            }),
          );
          return;
        }
        socket.data = { sessionId: record.sessionId, participant: record.participant, invitationHash };
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'invitation lookup failed');
        next(new Error('The server could not check the invitation; try again.'));
      },
    );
  });

  io.on('connection', (socket) => {
    // Unknown channels are dropped here, before any listener, and logged.
    socket.use(([event], next) => {
      if (knownChannels.has(event)) next();
      else logger.warn({ event: String(event).slice(0, 64), socketId: socket.id }, 'unknown message dropped');
    });
    registerSessionHandlers(socket, ctx);
    registerCommandHandlers(socket, ctx);
    registerPresenceHandlers(socket, ctx);
  });

  const heartbeat = setInterval(() => {
    for (const sessionId of presence.activeSessions()) {
      Promise.all([store.epoch(), store.head(sessionId)]).then(
        ([epoch, headSeq]) => io.to(sessionRoom(sessionId)).emit('session:head', { sessionId, epoch, headSeq }),
        (error: unknown) => logger.error({ err: error, sessionId }, 'heartbeat failed'),
      );
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    io,
    close: async () => {
      clearInterval(heartbeat);
      await io.close();
    },
  };
}
