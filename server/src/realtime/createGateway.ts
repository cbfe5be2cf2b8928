import { ServerResponse, type Server as HttpServer, type IncomingMessage } from 'node:http';
import {
  fail,
  HandshakeAuthSchema,
  PROTOCOL_VERSION,
  type HandshakeErrorData,
  type Participant,
  type SessionEvent,
} from '@plenum/shared';
import { Server } from 'socket.io';
import type { CommandService } from '../domain/commandService.js';
import type { SessionService } from '../domain/sessionService.js';
import { DomainError } from '../domain/errors.js';
import type { Clock, InvitationRecord, Store } from '../domain/ports.js';
import { hashToken } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import { AttendanceBatcher, defaultAttendanceWindowMs } from './attendance.js';
import type { GatewayContext } from './context.js';
import type { Faults } from './faults.js';
import { registerCommandHandlers } from './handlers/command.handlers.js';
import { registerPresenceHandlers } from './handlers/presence.handlers.js';
import { registerSessionHandlers } from './handlers/session.handlers.js';
import { watchOutbound } from './outbound.js';
import { defaultPresenceIntervalMs, Presence } from './presence.js';
import { AddressParticipants } from './addressBudget.js';
import { PageCache } from './pageCache.js';
import { resolveProtections, type Protections } from './protections.js';
import { participantRoom, presenceRoom, sessionRoom } from './rooms.js';
import { clientAddress, type TrustProxy } from '../lib/clientAddress.js';
import { KeyedBuckets, monotonicNow, TokenBucket, type MonotonicClock } from './tokenBucket.js';
import type { AdapterFactory, GatewayServer, GatewaySocket } from './types.js';

/** Full catch-up pages kept in memory for repeated identical requests (500 events each at most). */
const pageCacheEntries = 32;

/** Largest message a client may send; schema limits keep every valid message well below it. */
export const maxMessageBytes = 64 * 1024;

const knownChannels = new Set(['session:join', 'command', 'presence:update']);

/** Longest wait a timer may be given (setTimeout's limit); later expiries are re-armed. */
const maxTimerMs = 2_147_483_647;

export interface GatewayOptions {
  httpServer: HttpServer;
  store: Store;
  commands: CommandService;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
  /** Origins allowed to connect from a browser besides the public URL's (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The server's public base URL (PUBLIC_URL); its origin is allowed. */
  publicUrl?: string;
  /**
   * The port the HTTP server listens on: without a public URL, browsers may connect from
   * `http://localhost:<port>` and `http://127.0.0.1:<port>`.
   */
  listeningPort: () => number;
  /** Sets the security headers of every HTTP response (helmet's), refusals included (P16). */
  securityHeaders?: HttpMiddleware;
  /** How often each active session's head `seq` is sent (P5). */
  heartbeatMs: number;
  /** How long presence changes are gathered per session before one delta goes out; 0: none. */
  presenceIntervalMs?: number;
  /** How long first connections are gathered per session before one attendance append; 0: none. */
  attendanceWindowMs?: number;
  /** socket.io adapter shared by several processes; default: in-process rooms. */
  adapter?: AdapterFactory;
  /** Limits and protections; omitted ones take their defaults. */
  protections?: Partial<Protections>;
  /** Test-only fault hooks; never set in production. */
  faults?: Faults;
  /** Monotonic time for the rate limits; injected by tests. */
  monotonic?: MonotonicClock;
  /** Reverse proxies whose X-Forwarded-For names the client; null or omitted: none. */
  trustProxy?: TrustProxy | null;
}

/** A middleware of node's HTTP server, as engine.io runs them for every request and upgrade. */
type HttpMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

class HandshakeError extends Error {
  readonly data: HandshakeErrorData;
  constructor(data: HandshakeErrorData) {
    super(data.message);
    this.data = data;
  }
}

/** `origin` if it is an origin as a browser writes it (`http(s)://host[:port]`, lower case), else null. */
function canonicalOrigin(origin: string): URL | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/**
 * True when a browser at `origin` may reach the socket server: the origin must be one of the
 * configured public origins (`allowed`), written exactly as a browser writes it (`null`, a
 * path, upper case, user info are refused). The request's Host is never trusted: a page whose
 * name was rebound to this server's address sends its own name as both Host and Origin. A
 * request without an Origin header is not a browser's; its token still decides.
 */
export function isOriginAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  return canonicalOrigin(origin) !== null && allowed.includes(origin);
}

/**
 * The origins browsers may connect from: PUBLIC_URL's and ALLOWED_ORIGINS; without a
 * PUBLIC_URL, the loopback forms of the port listened on (`http://localhost:<port>`,
 * `http://127.0.0.1:<port>`), which are where its default invite links point.
 */
function publicOrigins(options: Pick<GatewayOptions, 'publicUrl' | 'allowedOrigins' | 'listeningPort'>): string[] {
  if (options.publicUrl !== undefined) return [new URL(options.publicUrl).origin, ...options.allowedOrigins];
  const port = options.listeningPort();
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...options.allowedOrigins];
}

function isUsable(record: InvitationRecord | null, now: Date): record is InvitationRecord {
  return (
    record !== null &&
    record.revokedAt === null &&
    (record.expiresAt === null || Date.parse(record.expiresAt) > now.getTime())
  );
}

function rateLimited(message: string): HandshakeError {
  return new HandshakeError({ code: 'RATE_LIMITED', message });
}

const bySeq = (a: SessionEvent, b: SessionEvent): number => a.seq - b.seq;

/**
 * The socket.io gateway: handshake (origin, rate, protocol version, invitation, sockets per
 * participant), abuse limits on every message, the request handlers, presence and the head
 * heartbeat. Transport only: every decision is the domain's.
 */
export function createGateway(options: GatewayOptions): {
  io: GatewayServer;
  /** Disconnects every socket of a participant, on every process sharing the adapter (P8). */
  disconnectParticipant: (sessionId: string, participantId: string) => void;
  close: () => Promise<void>;
} {
  const { store, logger, clock } = options;
  const protections = resolveProtections(options.protections);
  const monotonic = options.monotonic ?? monotonicNow;
  const trustProxy = options.trustProxy ?? null;
  /** The client's address, which the rate limits are kept by. */
  const addressOf = (socket: GatewaySocket): string => clientAddress(socket.request, trustProxy);
  const io: GatewayServer = new Server(options.httpServer, {
    maxHttpBufferSize: maxMessageBytes,
    serveClient: false,
    perMessageDeflate: { threshold: 1024 },
  });
  if (options.securityHeaders) io.engine.use(options.securityHeaders);
  if (protections.checkOrigin) {
    // Every request of every transport: the polling handshake, each later polling request and
    // every WebSocket upgrade, including one of a polling session opened without an Origin.
    let origins: string[] | null = null;
    io.engine.use((req: IncomingMessage, res: ServerResponse, next: (error?: Error) => void) => {
      // Known once the server listens, which it does before any request arrives.
      origins ??= publicOrigins(options);
      if (isOriginAllowed(req.headers.origin, origins)) {
        next();
        return;
      }
      logger.warn({ origin: String(req.headers.origin).slice(0, 200) }, 'foreign origin refused');
      // A polling request is answered 403 here; engine.io answers a refused upgrade 400.
      if (res instanceof ServerResponse) {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'FORBIDDEN', message: 'This origin may not connect.' }));
      }
      next(new Error('foreign origin'));
    });
  }
  if (options.adapter) io.adapter(options.adapter);
  // The answers of one group commit go out together: their events leave in one message per room
  // once the answers' callbacks have all run (a tick runs after the microtasks queued before it
  // drain), rather than one each, since a broadcast costs mostly per message and per socket.
  // Sorted, because answers of different kinds reach here in any order.
  const unsent = new Map<string, SessionEvent[]>();
  const sendEvents = (sessionId: string): void => {
    const events = unsent.get(sessionId);
    unsent.delete(sessionId);
    if (events) io.to(sessionRoom(sessionId)).emit('session:events', { sessionId, events: events.sort(bySeq) });
  };
  const broadcastEvents = (sessionId: string, events: readonly SessionEvent[]): void => {
    if (events.length === 0) return;
    for (const event of events) if (event.type === 'day:opened') recordConnected(sessionId, event.payload.at);
    const queued = unsent.get(sessionId);
    if (queued) {
      queued.push(...events);
      return;
    }
    unsent.set(sessionId, [...events]);
    process.nextTick(() => sendEvents(sessionId));
  };
  const presence = new Presence({
    intervalMs: options.presenceIntervalMs ?? defaultPresenceIntervalMs,
    // Not volatile: each delta builds on the one before, so a dropped one would leave a client
    // wrong until it reconnects. There is at most one per interval, and P13 bounds a slow reader.
    publish: (change) => io.to(presenceRoom(change.sessionId)).emit('presence:changed', change),
  });
  const attendance = new AttendanceBatcher({
    windowMs: options.attendanceWindowMs ?? defaultAttendanceWindowMs,
    record: (sessionId, connections) => options.sessions.recordConnections(sessionId, connections),
    // At once: the joins of the batch wait for it, and their answers come after their attendance.
    publish: (sessionId, events) => {
      broadcastEvents(sessionId, events);
      sendEvents(sessionId);
    },
    logger,
  });

  /**
   * Those already connected when a day opens attend it as much as those who join later (P21):
   * they are recorded as the opening leaves this process and, for a day opened through another
   * process, at the next heartbeat. Those already recorded that day are left out.
   */
  const recordConnected = (sessionId: string, at: string): void => {
    const online = presence.participants(sessionId);
    if (online.length === 0) return;
    options.sessions.connectionsToRecord(sessionId, online).then(
      (participantIds) => {
        for (const participantId of participantIds) void attendance.connected(sessionId, participantId, at);
      },
      (error: unknown) => logger.error({ err: error, sessionId }, 'attendance check failed'),
    );
  };

  const handshakeBuckets = protections.handshakes ? new KeyedBuckets(protections.handshakes, monotonic) : null;
  const messageLimits = protections.messages;
  /** Who is behind each address: its budgets grow with them (an office behind NAT). */
  const addressParticipants = new AddressParticipants(protections.addressScaling, monotonic);
  const addressBuckets = messageLimits
    ? new KeyedBuckets((address) => addressParticipants.budget(messageLimits.perAddress, address), monotonic)
    : null;
  const readLimits = protections.reads;
  const readBuckets = readLimits ? new KeyedBuckets(readLimits.perParticipant, monotonic) : null;
  const addressReadBuckets = readLimits
    ? new KeyedBuckets(
        (address) => addressParticipants.budget(readLimits.perAddress, address, readLimits.perParticipant),
        monotonic,
      )
    : null;
  const pages = new PageCache(store, pageCacheEntries);
  /** `sessionId/participantId` → its pages being read and sent now. */
  const readsInFlight = new Map<string, number>();
  /** Counts the socket's participant at its address; one not counted there yet brings its full share. */
  const seenAt = (address: string, participantKey: string): void => {
    if (addressParticipants.saw(address, participantKey) && protections.addressScaling !== false) {
      addressBuckets?.refund(address, protections.addressScaling.perParticipant.capacity);
      if (readLimits) addressReadBuckets?.refund(address, readLimits.perParticipant.capacity);
    }
  };
  const commitLimits = protections.commits;
  const commitBuckets = commitLimits ? new KeyedBuckets(commitLimits.rate, monotonic) : null;
  /** `sessionId/participantId` → its commands being handled now. */
  const inFlight = new Map<string, number>();
  /** Each socket's strikes; a socket whose strikes run out is cut as a flooder. */
  const strikeBuckets = new WeakMap<GatewaySocket, TokenBucket>();
  /** Invitation hash → when it may connect again, after being cut for flooding. */
  const cooldowns = new Map<string, number>();
  /** `sessionId/participantId` → its open sockets on this process. */
  const socketsByParticipant = new Map<string, Set<string>>();
  /** The expiry of each socket's invitation, handed from the handshake to `connection`. */
  const expiries = new WeakMap<GatewaySocket, string | null>();

  const disconnectParticipant = (sessionId: string, participantId: string): void => {
    io.in(participantRoom(sessionId, participantId)).disconnectSockets(true);
  };

  /** One refusal for flooding; past the socket's strikes it is disconnected and cooled down. */
  const strike = (socket: GatewaySocket): void => {
    const strikes = strikeBuckets.get(socket);
    if (!strikes || strikes.take() || !socket.connected) return;
    const { sessionId, participant, invitationHash } = socket.data;
    cooldowns.set(invitationHash, monotonic() + protections.abuseCooldownMs);
    logger.warn(
      { sessionId, participantId: participant.id, address: addressOf(socket) },
      'flooding socket disconnected',
    );
    socket.disconnect(true);
  };

  const refuseRead = (socket: GatewaySocket): never => {
    strike(socket);
    throw new DomainError(
      'RATE_LIMITED',
      'Too many events asked for: wait a second, then ask for the page again (or for a smaller one).',
    );
  };

  const ctx: GatewayContext = {
    io,
    store,
    commands: options.commands,
    sessions: options.sessions,
    presence,
    attendance,
    clock,
    logger,
    protections,
    faults: options.faults,
    async authenticate(socket): Promise<Participant> {
      const record = await store.findInvitation(socket.data.invitationHash);
      if (!isUsable(record, clock.now())) {
        throw new DomainError('UNAUTHENTICATED', 'Your invitation was revoked or has expired.');
      }
      return record.participant;
    },
    broadcastEvents,
    reserveCommit(socket) {
      if (!commitLimits || !commitBuckets) return { release: () => undefined, refund: () => undefined };
      const key = `${socket.data.sessionId}/${socket.data.participant.id}`;
      const running = inFlight.get(key) ?? 0;
      if (running >= commitLimits.inFlight || !commitBuckets.take(key)) {
        strike(socket);
        throw new DomainError(
          'RATE_LIMITED',
          'Too many commands: wait for the answers, then retry with the same command id.',
        );
      }
      inFlight.set(key, running + 1);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          const left = (inFlight.get(key) ?? 1) - 1;
          if (left > 0) inFlight.set(key, left);
          else inFlight.delete(key);
        },
        refund: () => commitBuckets.refund(key),
      };
    },
    reserveRead(socket) {
      if (!readLimits || !readBuckets || !addressReadBuckets) return { served: () => undefined };
      const key = `${socket.data.sessionId}/${socket.data.participant.id}`;
      const address = addressOf(socket);
      // A page costs the events it serves, known once it is read: it may start while the
      // budgets hold one event, and what it serves beyond is owed (the budgets go below zero).
      const reading = readsInFlight.get(key) ?? 0;
      if (reading >= readLimits.inFlight || !readBuckets.take(key)) return refuseRead(socket);
      if (!addressReadBuckets.take(address)) {
        readBuckets.refund(key);
        return refuseRead(socket);
      }
      readsInFlight.set(key, reading + 1);
      return {
        served: (events) => {
          readBuckets.spend(key, events - 1);
          addressReadBuckets.spend(address, events - 1);
          const left = (readsInFlight.get(key) ?? 1) - 1;
          if (left > 0) readsInFlight.set(key, left);
          else readsInFlight.delete(key);
        },
      };
    },
    readPage: (sessionId, afterSeq, limit) => pages.read(sessionId, afterSeq, limit),
    authorityChanged(socket, current, afterAnswer) {
      const known = socket.data.participant;
      if (known.role === current.role && known.unitId === current.unitId) return;
      logger.info({ sessionId: socket.data.sessionId, participantId: known.id }, 'role or unit changed');
      if (protections.disconnectOnAuthorityChange) {
        // A turn after the answer, so that it is written out before the connection closes.
        afterAnswer(() => setImmediate(() => disconnectParticipant(socket.data.sessionId, known.id)));
      }
    },
  };

  io.use((socket, done) => {
    const address = addressOf(socket);
    // Every refusal is logged (never the token: the logger redacts `auth` and `token`).
    const next = (error?: Error): void => {
      if (error) {
        const code = error instanceof HandshakeError ? error.data.code : 'INTERNAL';
        logger.info({ code, address, socketId: socket.id }, 'handshake refused');
      }
      done(error);
    };
    if (handshakeBuckets && !handshakeBuckets.take(address)) {
      next(rateLimited('Too many connection attempts from your address; wait a moment.'));
      return;
    }
    // The version first, whatever else the handshake holds: a client that sends another one, or
    // none, or one of another type, is told to reload before anything about its token (P9).
    const claimed: unknown = (socket.handshake.auth as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    if (claimed !== PROTOCOL_VERSION) {
      next(
        new HandshakeError({
          code: 'INCOMPATIBLE_PROTOCOL',
          message: 'Plenum was updated: reload the page.',
          serverProtocolVersion: PROTOCOL_VERSION,
        }),
      );
      return;
    }
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      next(
        new HandshakeError({ code: 'UNAUTHENTICATED', message: 'No invitation token: open your invite link again.' }),
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
        const until = cooldowns.get(invitationHash);
        if (until !== undefined && until > monotonic()) {
          next(rateLimited('This connection was closed for sending too much; wait a few seconds.'));
          return;
        }
        const key = `${record.sessionId}/${record.participant.id}`;
        const open = socketsByParticipant.get(key)?.size ?? 0;
        if (protections.socketsPerParticipant !== false && open >= protections.socketsPerParticipant) {
          next(rateLimited(`This invitation already has ${open} open connections; close one first.`));
          return;
        }
        socket.data = { sessionId: record.sessionId, participant: record.participant, invitationHash };
        expiries.set(socket, record.expiresAt);
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'invitation lookup failed');
        next(new Error('The server could not check the invitation; try again.'));
      },
    );
  });

  io.on('connection', (socket) => {
    const { sessionId, participant } = socket.data;
    const address = addressOf(socket);
    const key = `${sessionId}/${participant.id}`;
    const open = socketsByParticipant.get(key) ?? new Set<string>();
    open.add(socket.id);
    socketsByParticipant.set(key, open);
    void socket.join(participantRoom(sessionId, participant.id));

    const expiresAt = expiries.get(socket) ?? null;
    let expiryTimer: NodeJS.Timeout | undefined;
    const armExpiry = (): void => {
      if (expiresAt === null || !protections.disconnectOnAuthorityChange) return;
      const left = Date.parse(expiresAt) - clock.now().getTime();
      if (left <= 0) {
        socket.disconnect(true);
        return;
      }
      expiryTimer = setTimeout(armExpiry, Math.min(left, maxTimerMs));
      expiryTimer.unref();
    };
    armExpiry();

    watchOutbound(socket, protections.outboundBytes, (queuedBytes) => {
      logger.warn({ sessionId, participantId: participant.id, queuedBytes }, 'slow consumer disconnected');
    });

    socket.on('disconnect', () => {
      clearTimeout(expiryTimer);
      open.delete(socket.id);
      if (open.size === 0) socketsByParticipant.delete(key);
    });

    if (protections.strikes) strikeBuckets.set(socket, new TokenBucket(protections.strikes, monotonic));
    if (messageLimits && addressBuckets) {
      const own = new TokenBucket(messageLimits.perSocket, monotonic);
      socket.use((packet, next) => {
        seenAt(address, key);
        if (own.take() && addressBuckets.take(address)) {
          next();
          return;
        }
        const ack: unknown = packet.at(-1);
        if (typeof ack === 'function') {
          (ack as (answer: unknown) => void)(
            fail('RATE_LIMITED', 'Too many messages: slow down, then retry with the same command id.'),
          );
        }
        strike(socket);
      });
    }
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
      recordConnected(sessionId, clock.now().toISOString());
      Promise.all([store.epoch(), store.head(sessionId)]).then(
        ([epoch, headSeq]) => io.to(sessionRoom(sessionId)).emit('session:head', { sessionId, epoch, headSeq }),
        (error: unknown) => logger.error({ err: error, sessionId }, 'heartbeat failed'),
      );
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  // Forget full buckets and past cooldowns, so these maps hold only recent clients.
  const sweep = setInterval(() => {
    handshakeBuckets?.sweep();
    addressParticipants.sweep();
    addressBuckets?.sweep();
    readBuckets?.sweep();
    addressReadBuckets?.sweep();
    commitBuckets?.sweep();
    const now = monotonic();
    for (const [hash, until] of cooldowns) if (until <= now) cooldowns.delete(hash);
  }, 30_000);
  sweep.unref();

  return {
    io,
    disconnectParticipant,
    close: async () => {
      clearInterval(heartbeat);
      clearInterval(sweep);
      presence.close();
      // Recorded and broadcast while the sockets are still open.
      await attendance.close();
      for (const sessionId of [...unsent.keys()]) sendEvents(sessionId);
      await io.close();
    },
  };
}
