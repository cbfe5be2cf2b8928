import type { App } from '@plenum/server';
import { newEvent } from '@plenum/shared';

/**
 * Appends `count` criticisms of the demo's item 2 (on the floor) as `actorId`, in commits of 500:
 * the events `criticism:post` makes, without sending as many commands. Ids are `c-<tag>-<n>`.
 * @example
 * await appendCriticisms(server.app, server.sessionId, server.participants.chair.id, 3_000, 'busy');
 */
export async function appendCriticisms(
  app: App,
  sessionId: string,
  actorId: string,
  count: number,
  tag: string,
): Promise<void> {
  for (let done = 0; done < count; done += 500) {
    const events = Array.from({ length: Math.min(500, count - done) }, (_, i) =>
      newEvent('criticism:posted', {
        criticismId: `c-${tag}-${done + i}`,
        itemId: 'item-2',
        unitId: 'riverside-steel',
        indicatorId: null,
        category: 'shortfall',
        severity: 'medium',
        text: `Deliveries short again, point ${done + i}.`,
      }),
    );
    await app.commands.appendSystem(sessionId, actorId, () => events);
  }
}
