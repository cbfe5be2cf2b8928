import { CommandRequestSchema } from '@plenum/shared';
import { DomainError } from '../../domain/errors.js';
import type { GatewayContext } from '../context.js';
import { register } from '../register.js';
import type { GatewaySocket } from '../types.js';

/**
 * `command`: the one entry for every command. Parse (register) → authenticate (the socket's
 * invitation, re-checked now) → the command service authorises, decides and appends → ack →
 * broadcast to the session's room, sender included.
 */
export function registerCommandHandlers(socket: GatewaySocket, ctx: GatewayContext): void {
  register(
    socket,
    'command',
    CommandRequestSchema,
    async (request, afterAnswer) => {
      if (request.sessionId !== socket.data.sessionId) {
        throw new DomainError('FORBIDDEN', 'Your invitation is for another review session.');
      }
      // The invitation as it is now: a role or unit changed since the handshake applies to
      // this command already, and the participant's sockets reconnect after the answer (P8).
      const participant = await ctx.authenticate(socket);
      ctx.authorityChanged(socket, participant, afterAnswer);
      const reservation = ctx.reserveCommit(socket);
      const execute = async () => {
        try {
          const outcome = await ctx.commands.execute(
            participant,
            request.sessionId,
            request.commandId,
            request.command,
          );
          if (outcome.events.length === 0) reservation.refund();
          return outcome;
        } catch (error) {
          reservation.refund();
          throw error;
        } finally {
          reservation.release();
        }
      };
      const faults = ctx.faults;
      if (faults?.ackBeforeCommit) {
        // Test-only negative control of P3: answer with the seq the command will probably get,
        // and commit afterwards. Never reached in production (no faults there).
        const guess = (await ctx.store.head(request.sessionId)) + 1;
        return {
          data: { seq: guess },
          afterAck: async () => {
            await faults.reach('after-ack', { commandId: request.commandId, seq: guess });
            const outcome = await execute();
            ctx.broadcastEvents(request.sessionId, outcome.events);
          },
        };
      }
      const outcome = await execute();
      const appended = outcome.events.length > 0;
      const fault = { commandId: request.commandId, seq: outcome.result.seq };
      if (faults && appended) await faults.reach('after-commit', fault);
      return {
        data: outcome.result,
        afterAck: async () => {
          if (faults && appended) await faults.reach('after-ack', fault);
          ctx.broadcastEvents(request.sessionId, outcome.events);
        },
      };
    },
    ctx.logger,
    ctx.protections.requestShape,
  );
}
