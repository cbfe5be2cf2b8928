import type { SessionEvent } from '@plenum/shared';
import { sessionRoom } from '../rooms.js';
import type { GatewayServer } from '../types.js';

const bySeq = (a: SessionEvent, b: SessionEvent): number => a.seq - b.seq;

/**
 * Sends committed events to each session's room, sender included (P3). The answers of one group
 * commit go out together: their events leave in one `session:events` message per room once the
 * answers' callbacks have all run (a tick runs after the microtasks queued before it drain),
 * rather than one each, since a broadcast costs mostly per message and per socket. Sorted,
 * because answers of different kinds reach here in any order.
 */
export class Broadcaster {
  private readonly unsent = new Map<string, SessionEvent[]>();

  constructor(
    private readonly io: GatewayServer,
    /** Told of each day opening that leaves this process, with its time. */
    private readonly onDayOpened: (sessionId: string, at: string) => void,
  ) {}

  /** Queues committed events for the session's next message. */
  broadcast(sessionId: string, events: readonly SessionEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) if (event.type === 'day:opened') this.onDayOpened(sessionId, event.payload.at);
    const queued = this.unsent.get(sessionId);
    if (queued) {
      queued.push(...events);
      return;
    }
    this.unsent.set(sessionId, [...events]);
    process.nextTick(() => this.send(sessionId));
  }

  /** Sends the session's queued events now. */
  send(sessionId: string): void {
    const events = this.unsent.get(sessionId);
    this.unsent.delete(sessionId);
    if (!events) return;
    // Uncompressed: deflating a broadcast costs once per socket of the room, not once per message.
    this.io
      .to(sessionRoom(sessionId))
      .compress(false)
      .emit('session:events', { sessionId, events: events.sort(bySeq) });
  }

  /** Sends every session's queued events now, e.g. before closing. */
  sendAll(): void {
    for (const sessionId of [...this.unsent.keys()]) this.send(sessionId);
  }
}
