import { Limits, SessionJoinRequestSchema } from '@plenum/shared';
import { DomainError } from '../../domain/errors.js';
import type { GatewayContext } from '../context.js';
import { register } from '../register.js';
import { sessionRoom } from '../rooms.js';
import type { GatewaySocket } from '../types.js';

/** `session:join`: attach the socket to its session's room and answer one page of the log (P4). */
export function registerSessionHandlers(socket: GatewaySocket, ctx: GatewayContext): void {
  register(
    socket,
    'session:join',
    SessionJoinRequestSchema,
    async (request) => {
      if (request.sessionId !== socket.data.sessionId) {
        throw new DomainError('FORBIDDEN', 'Your invitation is for another review session.');
      }
      // Join the room before reading, so no event committed meanwhile can fall between the
      // page and the live stream; the client drops the duplicates this may cause.
      await socket.join(sessionRoom(request.sessionId));
      if (ctx.presence.attach(request.sessionId, socket.id, socket.data.participant.id)) {
        ctx.broadcastPresence(request.sessionId);
      }
      const participant = await ctx.authenticate(socket);
      ctx.authorityChanged(socket, participant);
      const attendance = await ctx.sessions.recordConnection(request.sessionId, socket.data.participant.id);
      const limit = request.limit ?? Limits.pageSize;
      const [epoch, headSeq, events] = await Promise.all([
        ctx.store.epoch(),
        ctx.store.head(request.sessionId),
        ctx.store.read(request.sessionId, request.afterSeq, limit),
      ]);
      const lastSeq = events.at(-1)?.seq ?? request.afterSeq;
      return {
        data: {
          sessionId: request.sessionId,
          epoch,
          // The real head, even below afterSeq: a client ahead of the log must start over (P6).
          headSeq: Math.max(headSeq, events.at(-1)?.seq ?? 0),
          events,
          hasMore: lastSeq < headSeq,
          you: participant,
          serverTime: ctx.clock.now().toISOString(),
        },
        afterAck: () => {
          if (attendance.length > 0) ctx.broadcastEvents(request.sessionId, attendance);
        },
      };
    },
    ctx.logger,
    ctx.protections.requestShape,
  );
}
