import { randomUUID } from 'node:crypto';
import {
  applyEvent,
  emptySessionState,
  foldEvents,
  PROTOCOL_VERSION,
  type Ack,
  type CommandInput,
  type CommandResult,
  type SessionEvent,
  type SessionEventsMessage,
  type SessionJoinResult,
  type SessionState,
} from '@plenum/shared';
import { io } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import type { ClientSocket } from '../../helpers/connectClient.js';

/** What happened to one logical operation of a client (one command, perhaps sent several times). */
export interface OpRecord {
  /** Unique per operation, also written into the command's text where it has one. */
  opId: string;
  command: CommandInput;
  /** Every command id it was sent with (one, unless retries use fresh ids). */
  commandIds: string[];
  attempts: number;
  /** The answer that settled it: ok with a seq, or a refusal. */
  answer: Ack<CommandResult> | null;
  sentAt: number;
  answeredAt: number | null;
}

export interface FaultClientOptions {
  url: string;
  token: string;
  sessionId: string;
  name: string;
  /** How long to wait for an ack before retrying. */
  ackTimeoutMs?: number;
  /** Negative control: retry with a fresh command id instead of the same one (breaks P2). */
  freshIdOnRetry?: boolean;
  /** Negative control: apply live events without dropping duplicates or detecting gaps (breaks P4). */
  naiveFolding?: boolean;
  transports?: ('websocket' | 'polling')[];
}

/**
 * A test client that records everything it sends and receives, keeps its own fold of the log
 * (P4: joins on every connect, pages while `hasMore`, drops `seq <= lastSeq`, treats a gap as a
 * reason to catch up), and retries unanswered commands after reconnecting, with the same
 * command id (P2).
 */
export class FaultClient {
  readonly socket: ClientSocket;
  state: SessionState;
  epoch: string | null = null;
  readonly ops: OpRecord[] = [];
  /** Every event received, live or in a page, in arrival order (duplicates kept). */
  readonly received: { via: 'live' | 'page'; event: SessionEvent }[] = [];
  readonly stats = { connects: 0, disconnects: 0, joins: 0, gapsSeen: 0, duplicatesDropped: 0, rateLimited: 0 };
  private caughtUp: Promise<void> | null = null;
  private catchUpRunning: Promise<void> | null = null;
  private readonly waitingForReady = new Set<() => void>();
  private closed = false;

  constructor(private readonly options: FaultClientOptions) {
    this.state = emptySessionState(options.sessionId);
    this.socket = io(options.url, {
      forceNew: true,
      transports: options.transports ?? ['websocket'],
      auth: { token: options.token, protocolVersion: PROTOCOL_VERSION },
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', () => {
      this.stats.connects++;
      this.caughtUp = this.catchUp();
      this.caughtUp.then(
        () => {
          for (const wake of this.waitingForReady) wake();
          this.waitingForReady.clear();
        },
        () => undefined,
      );
    });
    this.socket.on('disconnect', () => {
      this.stats.disconnects++;
      this.caughtUp = null;
    });
    this.socket.on('session:events', (message) => this.handleLive(message));
    this.socket.on('session:head', (head) => {
      if (head.headSeq > this.state.lastSeq) void this.catchUp().catch(() => undefined);
    });
    onTestFinished(() => this.close());
  }

  get lastSeq(): number {
    return this.state.lastSeq;
  }

  /** Resolves once connected and caught up since the last (re)connect. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.closed) throw new Error(`${this.options.name} is closed`);
      const current = this.caughtUp;
      if (current && this.socket.connected) {
        try {
          await current;
          if (this.socket.connected) return;
        } catch {
          // The catch-up failed (the connection dropped meanwhile): wait for the next connect.
        }
      }
      await new Promise<void>((resolve) => {
        this.waitingForReady.add(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  /**
   * Sends one operation until it is answered: on a timeout or a dropped connection it waits
   * for the reconnect and catch-up, then sends it again (same command id unless `freshIdOnRetry`).
   * `RATE_LIMITED` and `INTERNAL` are retried too; any other answer settles it.
   */
  async run(command: CommandInput, opId: string = randomUUID()): Promise<OpRecord> {
    const op: OpRecord = {
      opId,
      command,
      commandIds: [newCommandId()],
      attempts: 0,
      answer: null,
      sentAt: performance.now(),
      answeredAt: null,
    };
    this.ops.push(op);
    for (;;) {
      await this.ready();
      if (op.attempts > 0 && this.options.freshIdOnRetry) op.commandIds.push(newCommandId());
      op.attempts++;
      const commandId = op.commandIds.at(-1)!;
      let ack: Ack<CommandResult>;
      try {
        ack = (await this.socket
          .timeout(this.options.ackTimeoutMs ?? 3000)
          .emitWithAck('command', { commandId, sessionId: this.options.sessionId, command })) as Ack<CommandResult>;
      } catch {
        continue;
      }
      if (!ack.ok && (ack.error.code === 'RATE_LIMITED' || ack.error.code === 'INTERNAL')) {
        if (ack.error.code === 'RATE_LIMITED') this.stats.rateLimited++;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      op.answer = ack;
      op.answeredAt = performance.now();
      return op;
    }
  }

  /** Pages through the log from `lastSeq` until the head (P4); one at a time. */
  catchUp(): Promise<void> {
    this.catchUpRunning ??= this.pageUntilHead().finally(() => {
      this.catchUpRunning = null;
    });
    return this.catchUpRunning;
  }

  private async pageUntilHead(): Promise<void> {
    for (;;) {
      this.stats.joins++;
      const answer = (await this.socket.timeout(5000).emitWithAck('session:join', {
        sessionId: this.options.sessionId,
        afterSeq: this.state.lastSeq,
      })) as Ack<SessionJoinResult>;
      if (!answer.ok) {
        if (answer.error.code === 'RATE_LIMITED') {
          this.stats.rateLimited++;
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        throw new Error(`${this.options.name}: join refused: ${answer.error.code} ${answer.error.message}`);
      }
      const page = answer.data;
      if (this.epoch !== null && page.epoch !== this.epoch) {
        // P6: another log; start over.
        this.state = emptySessionState(this.options.sessionId);
        this.epoch = page.epoch;
        continue;
      }
      this.epoch = page.epoch;
      for (const event of page.events) this.received.push({ via: 'page', event });
      this.applyAll(page.events);
      if (!page.hasMore) return;
    }
  }

  private handleLive(message: SessionEventsMessage): void {
    for (const event of message.events) this.received.push({ via: 'live', event });
    if (this.options.naiveFolding) {
      this.state = naiveApply(this.state, message.events);
      return;
    }
    const fresh: SessionEvent[] = [];
    let next = this.state.lastSeq + 1;
    for (const event of message.events) {
      if (event.seq < next) {
        this.stats.duplicatesDropped++;
        continue;
      }
      if (event.seq > next) {
        // A gap: what follows will come with the catch-up.
        this.stats.gapsSeen++;
        void this.catchUp().catch(() => undefined);
        break;
      }
      fresh.push(event);
      next++;
    }
    if (fresh.length > 0) this.state = foldEvents(this.state, fresh);
  }

  /** Applies a page: dense from lastSeq + 1, except what arrived live meanwhile (dropped). */
  private applyAll(events: readonly SessionEvent[]): void {
    if (this.options.naiveFolding) {
      this.state = naiveApply(this.state, events);
      return;
    }
    const fresh = events.filter((e) => e.seq > this.state.lastSeq);
    this.stats.duplicatesDropped += events.length - fresh.length;
    if (fresh.length > 0) this.state = foldEvents(this.state, fresh);
  }

  close(): void {
    this.closed = true;
    for (const wake of this.waitingForReady) wake();
    this.socket.disconnect();
  }
}

/** Applies events whatever their seq: what a client without P4's checks would do. */
function naiveApply(state: SessionState, events: readonly SessionEvent[]): SessionState {
  const draft = structuredClone(state);
  for (const event of events) applyEvent(draft, event);
  return draft;
}

export function newCommandId(): string {
  return `cmd-${randomUUID()}`;
}
