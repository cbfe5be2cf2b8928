import { PresenceUpdateSchema } from '@plenum/shared';
import type { GatewayContext } from '../context.js';
import type { GatewaySocket } from '../types.js';

/** `presence:update` (volatile, no ack) and disconnects: keep who-is-online current. */
export function registerPresenceHandlers(socket: GatewaySocket, ctx: GatewayContext): void {
  socket.on('presence:update', (raw: unknown) => {
    const parsed = PresenceUpdateSchema.safeParse(raw);
    if (!parsed.success || parsed.data.sessionId !== socket.data.sessionId) return;
    ctx.presence.setTyping(parsed.data.sessionId, socket.id, parsed.data.isTyping);
  });
  socket.on('disconnect', () => {
    ctx.presence.detach(socket.data.sessionId, socket.id);
  });
}
