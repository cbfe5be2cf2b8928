import type { PlenumSocket } from '../socket';

type Listener = (...args: never[]) => void;

/** A request the code under test sent with `timeout(ms).emit` and an ack, awaiting the test's answer. */
export interface FakeAsk {
  event: string;
  payload: unknown;
  timeoutMs: number;
  /** Answers it, as the server's ack would. */
  answer: (value: unknown) => void;
  /** Fails it as socket.io does when no ack arrives in time. */
  timeOut: () => void;
}

/**
 * A deterministic stand-in for the socket.io client socket: the test plays the server,
 * deciding when connects happen and when (and how) each request is answered. It implements
 * only what `SessionSync.ts` and `sendCommand.ts` use.
 */
export class FakeSocket {
  connected = false;
  /** Like socket.io's `active`: true while the socket would reconnect by itself. */
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
  /** Requests not answered yet, oldest first. */
  readonly asks: FakeAsk[] = [];
  /** Every request ever sent, answered or not. */
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly askWaiters: Array<{ event: string; resolve: (ask: FakeAsk) => void }> = [];
  /** Asks already handed to the test by `nextAsk`, so two calls never return the same one. */
  private readonly claimed = new WeakSet<FakeAsk>();

  readonly on = (event: string, listener: Listener) => {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  };

  readonly off = (event: string, listener: Listener) => {
    this.listeners.get(event)?.delete(listener);
    return this;
  };

  readonly emit = (event: string, payload: unknown) => {
    this.sent.push({ event, payload });
    return this;
  };

  readonly timeout = (timeoutMs: number) => ({
    emit: (event: string, payload: unknown, ack: (error: Error | null, answer?: unknown) => void) => {
      this.sent.push({ event, payload });
      const ask: FakeAsk = {
        event,
        payload,
        timeoutMs,
        answer: (value) => {
          this.removeAsk(ask);
          ack(null, value);
        },
        timeOut: () => {
          this.removeAsk(ask);
          ack(new Error('operation has timed out'));
        },
      };
      this.asks.push(ask);
      const waiter = this.askWaiters.findIndex((w) => w.event === event);
      if (waiter >= 0) this.askWaiters.splice(waiter, 1)[0]!.resolve(ask);
    },
  });

  readonly connect = () => {
    this.connectCalls += 1;
    this.active = true;
    return this;
  };

  /** The manager's engine: closing it drops the connection, and socket.io retries by itself. */
  readonly io = {
    engine: {
      close: () => {
        if (this.connected) this.serverDrops('forced close');
      },
    },
  };

  readonly disconnect = () => {
    this.disconnectCalls += 1;
    this.active = false;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  };

  /** The typed view the code under test expects. */
  asSocket(): PlenumSocket {
    return this as unknown as PlenumSocket;
  }

  // The server's side of the story.

  /** The handshake succeeds. */
  serverAccepts(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The connection drops; socket.io will try again by itself unless the server closed it. */
  serverDrops(reason = 'transport close'): void {
    this.connected = false;
    this.active = reason !== 'io server disconnect';
    this.fire('disconnect', reason);
  }

  /** The handshake is refused by the server's middleware with `data`, which socket.io does not retry. */
  serverRefuses(data: { code: string; message: string }): void {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', Object.assign(new Error(data.message), { data }));
  }

  /** The server broadcasts a message. */
  serverEmits(event: string, payload: unknown): void {
    this.fire(event, payload);
  }

  /** The oldest unanswered request on `event`, waiting for it if none was sent yet. */
  nextAsk(event: string): Promise<FakeAsk> {
    const ask = this.asks.find((a) => a.event === event && !this.claimed.has(a));
    if (ask) {
      this.claimed.add(ask);
      return Promise.resolve(ask);
    }
    return new Promise((resolve) =>
      this.askWaiters.push({
        event,
        resolve: (a) => {
          this.claimed.add(a);
          resolve(a);
        },
      }),
    );
  }

  /** Unanswered requests on `event`. */
  openAsks(event: string): FakeAsk[] {
    return this.asks.filter((a) => a.event === event);
  }

  /** How many listeners are attached, over all events. */
  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  private removeAsk(ask: FakeAsk): void {
    const index = this.asks.indexOf(ask);
    if (index >= 0) this.asks.splice(index, 1);
  }

  private fire(event: string, ...args: unknown[]): void {
    // A copy: a listener may remove itself (or others) while we iterate.
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** Lets every promise continuation already queued run, so effects of an answer are visible. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
