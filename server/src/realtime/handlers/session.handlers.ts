import {
  attendsSession,
  Limits,
  seesPresence,
  SessionJoinRequestSchema,
  stateVersion,
  type SavedState,
  type SessionJoinResult,
  type SessionJoinRequest,
} from '@plenum/shared';
import { snapshotFits } from '../../domain/statesAt.js';
import type { GatewayContext } from '../context.js';
import { guardSession } from '../pipeline/guardSession.js';
import { ack, register, type RequestCall } from '../register.js';
import { presenceRoom, sessionRoom } from '../rooms.js';
import type { GatewaySocket } from '../types.js';

/** `session:join`: the session guarded, {@link join}, then the answer. */
export function registerSessionHandlers(socket: GatewaySocket, ctx: GatewayContext): void {
  register(socket, 'session:join', SessionJoinRequestSchema, [guardSession, join, ack], ctx);
}

/**
 * Attaches the socket to its session's room and presence, answers one page of the log (P4),
 * after the session's saved state when that spares the client more than a page (P26), with
 * who is online, then records its attendance.
 */
async function join(call: RequestCall<SessionJoinRequest, SessionJoinResult>): Promise<void> {
  const { socket, gateway: ctx, input: request, afterAnswer } = call;
  // The read budget is checked first, so that a refused page costs nothing more (P12);
  // the events served are charged once it is answered, whatever the answer.
  const reservation = ctx.limiter.reserveRead(socket);
  let served = 0;
  afterAnswer(() => reservation.served(served));
  // Join the room before reading, so no event committed meanwhile can fall between the
  // page and the live stream; the client drops the duplicates this may cause.
  await socket.join(sessionRoom(request.sessionId));
  // An administrator preparing the session is neither online to the chair nor attending (P22).
  const attends = attendsSession(socket.data.participant.role);
  const isFirstJoin = ctx.presence.attach(request.sessionId, socket.id, socket.data.participant.id, attends);
  const participant = await ctx.handshake.authenticate(socket);
  const sendsPresence = isFirstJoin && seesPresence(participant.role);
  if (sendsPresence) await socket.join(presenceRoom(request.sessionId));
  ctx.handshake.authorityChanged(socket, participant, afterAnswer);
  // The log's head read below: the attendance check needs the log as of then at least, which the
  // cached state usually holds already. Unknown (the read failed): the check reads the log.
  let knownHead = Number.POSITIVE_INFINITY;
  // A first connection of the day is recorded with the others of its window, once the answer
  // is on its way: the answer never waits for the append, and the attendance reaches this
  // socket as a live event after it (the room is joined already). Should the process stop
  // before the append, the reconnect's join records it (P21).
  if (attends) {
    const at = ctx.clock.now().toISOString();
    afterAnswer(() =>
      ctx.attendance.connectedIf(
        ctx.sessions.dayToRecord(request.sessionId, participant.id, knownHead),
        request.sessionId,
        participant.id,
        at,
      ),
    );
  }
  const limit = request.limit ?? Limits.pageSize;
  // Without `stateVersion` no state is sent, so the page is read at once, beside the head.
  const page = (state: SavedState | null) => ctx.readPage(request.sessionId, state?.seq ?? request.afterSeq, limit);
  const asksState = request.stateVersion === stateVersion;
  const [epoch, headSeq, withoutState] = await Promise.all([
    ctx.store.epoch(),
    ctx.store.head(request.sessionId),
    asksState ? null : page(null),
  ]);
  knownHead = headSeq;
  const state = asksState ? await savedState(ctx, request, headSeq, limit) : null;
  const events = withoutState ?? (await page(state));
  // A state is one answer in place of many pages: it costs the read budget one page (P12).
  served = events.length + (state ? Limits.pageSize : 0);
  const lastSeq = events.at(-1)?.seq ?? state?.seq ?? request.afterSeq;
  call.data = {
    sessionId: request.sessionId,
    epoch,
    // The real head, even below afterSeq: a client ahead of the log must start over (P6).
    headSeq: Math.max(headSeq, events.at(-1)?.seq ?? 0),
    ...(state ? { state } : {}),
    events,
    hasMore: lastSeq < headSeq,
    you: participant,
    serverTime: ctx.clock.now().toISOString(),
    // Once per connection, to those who see presence; read last, with no await before the
    // answer goes out, so the deltas continue from it.
    ...(sendsPresence ? { online: ctx.presence.announced(request.sessionId) } : {}),
  };
}

/**
 * The session's latest saved snapshot, to answer a join with (P26), or null: when the snapshot
 * fits the log (this reducer's, not ahead of its head: `snapshotFits`) and is more than a page
 * ahead of the client (or the client starts from 0 on a log longer than a page), and when it
 * takes at most half the socket's outbound budget (P13), leaving the rest to the page beside it
 * and the broadcasts behind it; a larger state is folded from the log by the client. All of this
 * is checked on the snapshot's head, so a state is read only to be sent, as the bytes it was saved
 * as: the join never reads a state it refuses, nor serialises one on the event loop.
 */
async function savedState(
  ctx: GatewayContext,
  request: SessionJoinRequest,
  headSeq: number,
  limit: number,
): Promise<SavedState | null> {
  const { sessionId, afterSeq } = request;
  // Without more than a page to fold, no snapshot can be worth reading.
  if (headSeq - afterSeq <= limit) return null;
  const head = await ctx.store.loadSnapshotHead(sessionId);
  if (!head || !snapshotFits(head, headSeq)) return null;
  if (afterSeq > 0 && head.seq - afterSeq <= limit) return null;
  const budget = ctx.protections.outboundBytes;
  if (budget !== false && head.bytes > budget / 2) return null;
  // Null when another snapshot replaced this one meanwhile: the log is folded instead.
  const value = await ctx.store.loadSnapshotBytes(head);
  return value ? { seq: head.seq, value } : null;
}
