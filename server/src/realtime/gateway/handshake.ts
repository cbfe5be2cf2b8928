import { ServerResponse, type IncomingMessage } from 'node:http';
import {
  HandshakeAuthSchema,
  PROTOCOL_VERSION,
  type AccessEndedReason,
  type HandshakeErrorData,
  type Participant,
} from '@plenum/shared';
import { DomainError } from '../../domain/errors.js';
import type { Clock, InvitationRecord, Store } from '../../domain/ports.js';
import { hashToken } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import type { Protections } from '../protections.js';
import type { AfterAnswer } from '../register.js';
import { participantRoom } from '../rooms.js';
import type { GatewayServer, GatewaySocket } from '../types.js';
import type { Limiter } from './limiter.js';
import { participantKey } from './participantKey.js';

/** Longest wait a timer may be given (setTimeout's limit); later expiries are re-armed. */
const maxTimerMs = 2_147_483_647;

/** Where browsers may connect from: PUBLIC_URL and ALLOWED_ORIGINS, or the loopback forms of the port. */
export interface OriginOptions {
  /** Origins allowed to connect from a browser besides the public URL's (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The server's public base URL (PUBLIC_URL); its origin is allowed. */
  publicUrl?: string;
  /**
   * The port the HTTP server listens on: without a public URL, browsers may connect from
   * `<scheme>://localhost:<port>` and `<scheme>://127.0.0.1:<port>`.
   */
  listeningPort: () => number;
  /** `https` when the server serves TLS itself; default `http`. */
  scheme?: 'http' | 'https';
}

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
function publicOrigins(options: OriginOptions): string[] {
  if (options.publicUrl !== undefined) return [new URL(options.publicUrl).origin, ...options.allowedOrigins];
  const port = options.listeningPort();
  const scheme = options.scheme ?? 'http';
  return [`${scheme}://localhost:${port}`, `${scheme}://127.0.0.1:${port}`, ...options.allowedOrigins];
}

/**
 * Refuses requests from foreign origins (P14) on every request of every transport: the polling
 * handshake, each later polling request and every WebSocket upgrade, including one of a polling
 * session opened without an Origin.
 */
export function checkOrigins(io: GatewayServer, options: OriginOptions, logger: Logger): void {
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

function isUsable(record: InvitationRecord | null, now: Date): record is InvitationRecord {
  return (
    record !== null &&
    record.revokedAt === null &&
    (record.expiresAt === null || Date.parse(record.expiresAt) > now.getTime())
  );
}

/**
 * True for the organisation's administrator: the invitation is the organisation's (its
 * `sessionId` is the organisation's stream) and opens any session that exists.
 */
function isAdministrator(record: InvitationRecord): boolean {
  return record.participant.role === 'administrator';
}

/** True when the invitation lets its bearer into `sessionId`: its own session, or any for an administrator. */
function grantsSession(record: InvitationRecord, sessionId: string): boolean {
  return isAdministrator(record) || record.sessionId === sessionId;
}

function rateLimited(message: string): HandshakeError {
  return new HandshakeError({ code: 'RATE_LIMITED', message });
}

export interface HandshakeOptions {
  io: GatewayServer;
  store: Store;
  clock: Clock;
  logger: Logger;
  protections: Protections;
  limiter: Limiter;
  addressOf(socket: GatewaySocket): string;
}

/**
 * Who may connect, and who a connection is: the handshake (rate, protocol version, invitation,
 * cooldown, sockets per participant), the invitation's expiry while connected, and the
 * invitation re-checked on each request.
 */
export class Handshake {
  /** {@link participantKey} → its open sockets on this process. */
  private readonly socketsByParticipant = new Map<string, Set<string>>();
  /** The expiry of each socket's invitation, handed from the handshake to `connected`. */
  private readonly expiries = new WeakMap<GatewaySocket, string | null>();
  /** An administrator's socket → its invitation's stream (the organisation's), handed to `connected`. */
  private readonly invitationStreams = new WeakMap<GatewaySocket, string>();

  constructor(private readonly options: HandshakeOptions) {}

  /** socket.io's handshake middleware; every refusal is logged (never the token: the logger redacts it). */
  readonly middleware = (socket: GatewaySocket, done: (error?: Error) => void): void => {
    this.admit(socket).then(
      () => done(),
      (error: unknown) => {
        const code = error instanceof HandshakeError ? error.data.code : 'INTERNAL';
        this.options.logger.info(
          { code, address: this.options.addressOf(socket), socketId: socket.id },
          'handshake refused',
        );
        done(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };

  /** A socket past the handshake: counted for its participant, in its participant's room, cut when its invitation expires. */
  connected(socket: GatewaySocket): void {
    const { sessionId, participant } = socket.data;
    const key = participantKey(sessionId, participant.id);
    const open = this.socketsByParticipant.get(key) ?? new Set<string>();
    open.add(socket.id);
    this.socketsByParticipant.set(key, open);
    void socket.join(participantRoom(sessionId, participant.id));
    // An administrator's invitation is revoked in the organisation's stream, not the session's.
    const invitationStream = this.invitationStreams.get(socket);
    if (invitationStream !== undefined) void socket.join(participantRoom(invitationStream, participant.id));
    const stopExpiry = this.watchExpiry(socket, this.expiries.get(socket) ?? null);
    socket.on('disconnect', () => {
      stopExpiry();
      open.delete(socket.id);
      if (open.size === 0) this.socketsByParticipant.delete(key);
    });
  }

  /**
   * The socket's participant, if its invitation is still valid; else throws `UNAUTHENTICATED`,
   * which `register()` answers and then disconnects.
   */
  async authenticate(socket: GatewaySocket): Promise<Participant> {
    const record = await this.options.store.findInvitation(socket.data.invitationHash);
    if (!isUsable(record, this.options.clock.now()) || !grantsSession(record, socket.data.sessionId)) {
      // Said before the refusal, which `register()` answers and then disconnects.
      const expired = record !== null && record.revokedAt === null && record.expiresAt !== null;
      socket.emit('session:access-ended', { reason: expired ? 'expired' : 'revoked' });
      throw new DomainError('UNAUTHENTICATED', 'Your invitation was revoked or has expired.');
    }
    return record.participant;
  }

  /**
   * Called with the participant the invitation names now: if its role or unit is no longer the
   * one the socket connected with, every socket of the participant is disconnected once the
   * answer in hand is sent (through `afterAnswer`), so that each reconnects and learns its new
   * authority (P8).
   */
  authorityChanged(socket: GatewaySocket, current: Participant, afterAnswer: AfterAnswer): void {
    const known = socket.data.participant;
    if (known.role === current.role && known.unitId === current.unitId) return;
    this.options.logger.info({ sessionId: socket.data.sessionId, participantId: known.id }, 'role or unit changed');
    if (this.options.protections.disconnectOnAuthorityChange) {
      // A turn after the answer, so that it is written out before the connection closes.
      afterAnswer(() => setImmediate(() => this.disconnectParticipant(socket.data.sessionId, known.id, 'changed')));
    }
  }

  /**
   * Tells every socket of a participant why its access ended (`session:access-ended`), then
   * disconnects them, on every process sharing the adapter (P8). The message is written before
   * the connection closes: engine.io sends what it holds before closing.
   */
  disconnectParticipant(sessionId: string, participantId: string, reason: AccessEndedReason): void {
    const room = this.options.io.in(participantRoom(sessionId, participantId));
    room.emit('session:access-ended', { reason });
    room.disconnectSockets(true);
  }

  private async admit(socket: GatewaySocket): Promise<void> {
    const { limiter, protections } = this.options;
    if (!limiter.admitHandshake(this.options.addressOf(socket))) {
      throw rateLimited('Too many connection attempts from your address; wait a moment.');
    }
    const { invitationHash, sessionId: requested } = checkedAuth(socket);
    const record = await this.findInvitation(invitationHash);
    if (!isUsable(record, this.options.clock.now())) {
      throw new HandshakeError({
        code: 'UNAUTHENTICATED',
        message: 'This invite link is not valid (revoked, expired or mistyped).',
      });
    }
    if (limiter.isCoolingDown(invitationHash)) {
      throw rateLimited('This connection was closed for sending too much; wait a few seconds.');
    }
    const sessionId = isAdministrator(record) ? await this.administeredSession(requested) : record.sessionId;
    const open = this.socketsByParticipant.get(participantKey(sessionId, record.participant.id))?.size ?? 0;
    if (protections.socketsPerParticipant !== false && open >= protections.socketsPerParticipant) {
      throw rateLimited(`This invitation already has ${open} open connections; close one first.`);
    }
    socket.data = { sessionId, participant: record.participant, invitationHash };
    this.expiries.set(socket, record.expiresAt);
    if (sessionId !== record.sessionId) this.invitationStreams.set(socket, record.sessionId);
  }

  /** The session an administrator's socket opens: the one it names, which must be a review session. */
  private async administeredSession(sessionId: string | undefined): Promise<string> {
    if (sessionId === undefined) {
      throw new HandshakeError({ code: 'FORBIDDEN', message: "An administrator's link opens a session: name it." });
    }
    const [first] = await this.options.store.read(sessionId, 0, 1);
    if (first?.type !== 'session:created') {
      throw new HandshakeError({ code: 'FORBIDDEN', message: 'There is no such review session.' });
    }
    return sessionId;
  }

  private async findInvitation(invitationHash: string): Promise<InvitationRecord | null> {
    try {
      return await this.options.store.findInvitation(invitationHash);
    } catch (error) {
      this.options.logger.error({ err: error }, 'invitation lookup failed');
      throw new Error('The server could not check the invitation; try again.');
    }
  }

  /** Disconnects the socket when its invitation expires (P8); returns what stops the watch. */
  private watchExpiry(socket: GatewaySocket, expiresAt: string | null): () => void {
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (expiresAt === null || !this.options.protections.disconnectOnAuthorityChange) return;
      const left = Date.parse(expiresAt) - this.options.clock.now().getTime();
      if (left <= 0) {
        socket.emit('session:access-ended', { reason: 'expired' });
        socket.disconnect(true);
        return;
      }
      timer = setTimeout(arm, Math.min(left, maxTimerMs));
      timer.unref();
    };
    arm();
    return () => clearTimeout(timer);
  }
}

/**
 * The hash of the handshake's invitation token and the session it names, if any. The version is
 * checked first, whatever else the handshake holds: a client that sends another one, or none, or
 * one of another type, is told to reload before anything about its token (P9).
 */
function checkedAuth(socket: GatewaySocket): { invitationHash: string; sessionId: string | undefined } {
  const claimed: unknown = (socket.handshake.auth as { protocolVersion?: unknown } | undefined)?.protocolVersion;
  if (claimed !== PROTOCOL_VERSION) {
    throw new HandshakeError({
      code: 'INCOMPATIBLE_PROTOCOL',
      message: 'Plenum was updated: reload the page.',
      serverProtocolVersion: PROTOCOL_VERSION,
    });
  }
  const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
  if (!auth.success) {
    throw new HandshakeError({ code: 'UNAUTHENTICATED', message: 'No invitation token: open your invite link again.' });
  }
  return { invitationHash: hashToken(auth.data.token), sessionId: auth.data.sessionId };
}
