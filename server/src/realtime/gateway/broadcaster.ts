import type { SessionEvent, SessionHeadMessage } from '@plenum/shared';
import { sessionRoom } from '../rooms.js';
import type { GatewayServer } from '../types.js';

const bySeq = (a: SessionEvent, b: SessionEvent): number => a.seq - b.seq;

/** How long one turn of the event loop may spend writing a session's messages to its sockets. */
export const defaultTurnBudgetMs = 8;

/** Sockets written to between two looks at the clock. */
export const socketsPerStep = 50;

/**
 * Rooms up to this many sockets are written to at once, as socket.io sends any message: about
 * 3 ms at the 6 µs a delivery costs, within a turn's budget, and without the wait for the next
 * turn that stepping adds to every message (a room of 100 stepped had twice the median latency).
 */
export const socketsAtOnce = 500;

/** What a session's room is sent, in order: its events and its heartbeat. */
type RoomMessage =
  | { channel: 'session:events'; message: { sessionId: string; events: SessionEvent[] } }
  | { channel: 'session:head'; message: SessionHeadMessage };

/** A message on its way to this process's sockets of a room, a step at a time. */
interface Delivery {
  outgoing: RoomMessage;
  socketIds: string[];
  next: number;
}

export interface BroadcasterOptions {
  /** Told of each day opening that leaves this process, with its time. */
  onDayOpened: (sessionId: string, at: string) => void;
  /**
   * With an adapter shared by several processes: a room every socket of this process is in. The
   * other processes are sent each message through the adapter, and this process's own sockets
   * are written to here, a step at a time.
   */
  processRoom?: string;
  /** See {@link defaultTurnBudgetMs}. */
  turnBudgetMs?: number;
}

/**
 * Sends committed events to each session's room, sender included (P3). The answers of one group
 * commit go out together: their events leave in one `session:events` message per room once the
 * answers' callbacks have all run (a tick runs after the microtasks queued before it drain),
 * rather than one each, since a broadcast costs mostly per message and per socket. Sorted,
 * because answers of different kinds reach here in any order.
 *
 * Writing one message to thousands of sockets holds the event loop for as long as it takes (a
 * batch of a room's attendance to a room of 5,000: seconds), so a room's sockets are written to
 * a step at a time, at most {@link defaultTurnBudgetMs} per turn, letting answers and joins in
 * between. Each socket still receives the room's messages in order: a message waits until the
 * one before it has reached every socket (events sent meanwhile join the message waiting, so a
 * room being seated gets one write of several attendance batches), and the heartbeat's head
 * waits behind the events it counts. A socket that joins the room meanwhile reads those events
 * in its join's page.
 */
export class Broadcaster {
  private readonly unsent = new Map<string, SessionEvent[]>();
  /** Per session, the messages on their way to this process's sockets, oldest first. */
  private readonly deliveries = new Map<string, Delivery[]>();
  private readonly turnBudgetMs: number;
  private isPumping = false;

  constructor(
    private readonly io: GatewayServer,
    private readonly options: BroadcasterOptions,
  ) {
    this.turnBudgetMs = options.turnBudgetMs ?? defaultTurnBudgetMs;
  }

  /** Queues committed events for the session's next message. */
  broadcast(sessionId: string, events: readonly SessionEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) if (event.type === 'day:opened') this.options.onDayOpened(sessionId, event.payload.at);
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
    this.deliver(sessionId, { channel: 'session:events', message: { sessionId, events: events.sort(bySeq) } });
  }

  /** This process's sockets in the session's room. */
  roomSize(sessionId: string): number {
    return this.members(sessionId)?.size ?? 0;
  }

  private members(sessionId: string): Set<string> | undefined {
    return this.io.of('/').adapter.rooms.get(sessionRoom(sessionId));
  }

  /** Sends the session's head (P5), after every event already on its way. */
  sendHead(message: SessionHeadMessage): void {
    this.deliver(message.sessionId, { channel: 'session:head', message });
  }

  /** Sends every session's queued events now, to every socket, e.g. before closing. */
  sendAll(): void {
    for (const sessionId of [...this.unsent.keys()]) this.send(sessionId);
    for (const sessionId of [...this.deliveries.keys()]) this.drain(sessionId, Number.POSITIVE_INFINITY);
  }

  private deliver(sessionId: string, outgoing: RoomMessage): void {
    const room = sessionRoom(sessionId);
    const { processRoom } = this.options;
    // The other processes' sockets, through the adapter; each process beats for its own (P5).
    if (processRoom !== undefined && outgoing.channel === 'session:events') {
      this.emit(this.io.to(room).except(processRoom), outgoing);
    }
    const members = this.members(sessionId);
    const queue = this.deliveries.get(sessionId);
    if (!queue && (members?.size ?? 0) <= socketsAtOnce) {
      // Small rooms at once, as socket.io sends any message.
      if (members) this.emit(this.io.local.to(room), outgoing);
      return;
    }
    const socketIds = [...(members ?? [])];
    const waiting = queue?.at(-1);
    if (
      waiting &&
      waiting.next === 0 &&
      waiting.outgoing.channel === 'session:events' &&
      outgoing.channel === 'session:events'
    ) {
      // Events behind a message still on its way join the message waiting after it: one write per
      // socket for both. The room as it is now: a socket that joined since reads the first part
      // in its join's page too, and drops what it already has.
      const events = [...waiting.outgoing.message.events, ...outgoing.message.events];
      Object.assign(waiting, { outgoing: { channel: 'session:events', message: { sessionId, events } }, socketIds });
      return;
    }
    const delivery: Delivery = { outgoing, socketIds, next: 0 };
    if (queue) queue.push(delivery);
    else this.deliveries.set(sessionId, [delivery]);
    this.pump();
  }

  /** Writes the queued messages within this turn's budget, and comes back next turn for the rest. */
  private pump(): void {
    if (this.isPumping) return;
    this.isPumping = true;
    setImmediate(() => {
      this.isPumping = false;
      const until = performance.now() + this.turnBudgetMs;
      for (const sessionId of [...this.deliveries.keys()]) {
        this.drain(sessionId, until);
        // A session not done goes last, so that the next turn starts with the others.
        const rest = this.deliveries.get(sessionId);
        if (rest) {
          this.deliveries.delete(sessionId);
          this.deliveries.set(sessionId, rest);
        }
      }
      if (this.deliveries.size > 0) this.pump();
    });
  }

  /** Writes the session's queued messages, a step of sockets at a time (one at least), until `until`. */
  private drain(sessionId: string, until: number): void {
    const queue = this.deliveries.get(sessionId) ?? [];
    while (queue.length > 0) {
      const delivery = queue[0]!;
      const step = delivery.socketIds.slice(delivery.next, delivery.next + socketsPerStep);
      delivery.next += step.length;
      if (step.length > 0) this.emit(this.io.local.to(step), delivery.outgoing);
      if (delivery.next >= delivery.socketIds.length) queue.shift();
      if (performance.now() >= until) break;
    }
    if (queue.length === 0) this.deliveries.delete(sessionId);
  }

  /** Uncompressed: deflating a broadcast costs once per socket of the room, not once per message. */
  private emit(target: ReturnType<GatewayServer['to']>, outgoing: RoomMessage): void {
    const uncompressed = target.compress(false);
    if (outgoing.channel === 'session:events') uncompressed.emit('session:events', outgoing.message);
    else uncompressed.emit('session:head', outgoing.message);
  }
}
