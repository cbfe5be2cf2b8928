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
    async (request) => {
      if (request.sessionId !== socket.data.sessionId) {
        throw new DomainError('FORBIDDEN', 'Your invitation is for another review session.');
      }
      const participant = await ctx.authenticate(socket);
      const outcome = await ctx.commands.execute(participant, request.sessionId, request.commandId, request.command);
      return {
        data: outcome.result,
        afterAck: () => ctx.broadcastEvents(request.sessionId, outcome.events),
      };
    },
    ctx.logger,
  );
}
