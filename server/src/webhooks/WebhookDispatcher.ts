import { createHash } from 'node:crypto';
import { carriedOverFrom, isOverdue, type SessionState } from '@plenum/shared';
import { isOrganisationStream } from '../domain/organisationService.js';
import type { SessionDirectory } from '../domain/sessionDirectory.js';
import {
  laterTurn,
  type Clock,
  type NewWebhookDelivery,
  type Store,
  type Timers,
  type WebhookDeliveryRecord,
  type WebhookSubscriptionRecord,
} from '../domain/ports.js';
import type { Logger } from '../lib/logger.js';
import { Rounds } from '../lib/rounds.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './backoff.js';
import type { ReceiverPolicy } from './receiverPolicy.js';
import { sendWebhook } from './sendWebhook.js';
import { signWebhook } from './signature.js';
import { noticeOf, overdueNotice, type WebhookNotice } from './webhookEvents.js';

export interface WebhookDispatcherDeps {
  store: Store;
  /** Each session's digest: the overdue check reads only the sessions it says hold an overdue directive. */
  directory: Pick<SessionDirectory, 'holdingDue'>;
  /** What `view` derives from a session's current state (`CommandService.read`); `view` keeps no part of it. */
  read: <TResult>(sessionId: string, view: (state: SessionState) => TResult) => Promise<TResult>;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  policy: ReceiverPolicy;
  retry?: RetryPolicy;
  /** How long one attempt may wait for the receiver's answer; default 10 s. */
  timeoutMs?: number;
  /** How often directives are checked for being overdue; default 5 minutes. */
  overdueCheckMs?: number;
  /** Jitter source, injectable for tests. */
  random?: () => number;
}

/**
 * Events read from a log at a time when turning them into deliveries; the next page waits for
 * another turn of the event loop, so a long log never holds it.
 */
const readPage = 500;
/** Deliveries claimed (and sent in parallel) at a time. */
const claimBatch = 10;

/**
 * Turns committed events into webhook deliveries and sends them, off the command path: a
 * command's commit only hints which sessions moved ({@link handleCommitted}), and everything
 * after runs on its own, so a slow or dead receiver never delays a command.
 *
 * Nothing is lost across a crash: deliveries are enqueued from the log with a cursor per session
 * (moved in the same transaction), each delivery has a stable id derived from what it reports,
 * so enqueuing it twice adds it once, and the queue is in the store, claimed with a lease.
 */
export class WebhookDispatcher {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  /** Sessions whose log is being turned into deliveries, a round at a time each. */
  private readonly sweeps = new Rounds();
  /** Sending what is due, a round at a time. */
  private readonly pump = new Rounds<null>();
  private cancelWake: () => void = () => undefined;
  private cancelOverdue: () => void = () => undefined;
  private stopped = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly deps: WebhookDispatcherDeps) {
    this.retry = deps.retry ?? defaultRetryPolicy;
    this.timeoutMs = deps.timeoutMs ?? 10_000;
    this.random = deps.random ?? Math.random;
  }

  /** Catches up with every log, sends what is due, and starts the overdue schedule; once (later calls await the first). */
  start(): Promise<void> {
    this.starting ??= this.catchUp();
    return this.starting;
  }

  private async catchUp(): Promise<void> {
    for (const sessionId of await this.deps.store.listSessions()) {
      if (this.stopped) return;
      await this.sweep(sessionId);
      await laterTurn(this.deps.timers);
    }
    await this.checkOverdue();
    this.scheduleOverdue();
    await this.runDue();
  }

  /** Stops the timers and waits for the work in flight; whatever is pending waits in the store. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWake();
    this.cancelOverdue();
    await Promise.allSettled([this.starting, ...this.sweeps.inFlight(), ...this.pump.inFlight()]);
  }

  /** The command service committed events of these sessions: turn them into deliveries, soon. */
  handleCommitted(sessionIds: readonly string[]): void {
    if (this.stopped) return;
    this.deps.timers.nextTurn(() => {
      for (const sessionId of sessionIds) {
        this.sweep(sessionId).catch((error: unknown) =>
          this.deps.logger.warn(
            { err: error, sessionId },
            'webhook deliveries not enqueued; retried at the next commit',
          ),
        );
      }
    });
  }

  /**
   * Enqueues the deliveries for the events of the session's log after its cursor, then sends
   * them. With no subscription there is nothing to send: the sweep after every commit then costs
   * one read, not the claim's write transaction.
   */
  sweep(sessionId: string): Promise<void> {
    if (isOrganisationStream(sessionId)) return Promise.resolve();
    let subscribed = false;
    return this.sweeps
      .run(sessionId, async () => {
        subscribed = (await this.enqueueFromLog(sessionId)) || subscribed;
      })
      .then(() => (subscribed ? this.runDue() : undefined));
  }

  /** False when nobody subscribes. */
  private async enqueueFromLog(sessionId: string): Promise<boolean> {
    const { store } = this.deps;
    for (;;) {
      const subscriptions = await store.webhooks.listWebhooks();
      // Nobody subscribes: nothing to read or record. A subscription made later hears only of
      // events after it, so the history skipped here is never owed to anyone.
      if (subscriptions.length === 0) return false;
      // A paused subscription is owed nothing of what happens while it is paused.
      const listening = subscriptions.filter((s) => s.active);
      const cursor = await store.webhooks.webhookCursor(sessionId);
      const events = await store.read(sessionId, cursor, readPage);
      if (events.length === 0) return true;
      const notices =
        listening.length === 0
          ? []
          : await this.deps.read(sessionId, (state) => events.map((event) => noticeOf(event, state)));
      const deliveries = events.flatMap((event, i) => {
        const notice = notices[i];
        // A subscription hears of what happened after it was made, not the history before.
        const listeners = listening.filter((s) => s.createdAt <= event.at);
        return notice ? this.deliveriesOf(notice, listeners, `${sessionId}:${event.seq}`) : [];
      });
      await store.webhooks.enqueueWebhookDeliveries(deliveries, {
        kind: 'cursor',
        sessionId,
        seq: events[events.length - 1]!.seq,
      });
      // The store answers synchronously: without a turn between pages, the whole catch-up is one task.
      await laterTurn(this.deps.timers);
    }
  }

  /**
   * Finds open directives past their due date not yet noticed, and enqueues each one's notice
   * once; only the sessions holding one are read ({@link SessionDirectory.holdingDue}).
   */
  async checkOverdue(): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now().toISOString();
    const today = now.slice(0, 10);
    const listening = (await store.webhooks.listWebhooks()).some(
      (s) => s.active && s.eventTypes.includes('directive.overdue'),
    );
    // Nobody listens: nothing is noticed yet, so a later listener hears of every directive overdue then.
    if (!listening) return;
    for (const { sessionId, followedBy } of await this.deps.directory.holdingDue((dueBy) => dueBy < today)) {
      // A directive the next period's review carried over is noticed there, once, under its id.
      const noticed = new Set(await store.webhooks.overdueNotices(sessionId));
      for (const follower of followedBy) {
        const carried = await this.deps.read(follower, (state) => carriedOverFrom(state, sessionId).map((d) => d.id));
        for (const id of carried) noticed.add(id);
      }
      const overdue = await this.deps.read(sessionId, (state) =>
        state.directiveOrder
          .map((id) => state.directives[id]!)
          .filter((d) => isOverdue(d, today) && !noticed.has(d.id))
          .map((d) => ({ directiveId: d.id, notice: overdueNotice(state, d, now) })),
      );
      // Each session read may load its state: one at a time per turn, not all of history in one.
      await laterTurn(this.deps.timers);
      if (overdue.length === 0) continue;
      const subscriptions = (await store.webhooks.listWebhooks()).filter((s) => s.active);
      for (const { directiveId, notice } of overdue) {
        const deliveries = this.deliveriesOf(notice, subscriptions, `${sessionId}:overdue:${directiveId}`);
        await store.webhooks.enqueueWebhookDeliveries(deliveries, { kind: 'overdue', sessionId, directiveId, at: now });
      }
    }
    await this.runDue();
  }

  private scheduleOverdue(): void {
    if (this.stopped) return;
    this.cancelOverdue = this.deps.timers.after(this.deps.overdueCheckMs ?? 300_000, () => {
      this.checkOverdue()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'overdue check failed; retried on schedule'))
        .finally(() => this.scheduleOverdue());
    });
  }

  /** One delivery per subscription to the notice's type; `source` names what it reports, once. */
  private deliveriesOf(
    notice: WebhookNotice,
    subscriptions: readonly WebhookSubscriptionRecord[],
    source: string,
  ): NewWebhookDelivery[] {
    const body = JSON.stringify(notice);
    const createdAt = this.deps.clock.now().toISOString();
    return subscriptions
      .filter((s) => s.eventTypes.includes(notice.type))
      .map((s) => ({
        id: deliveryId(s.id, source, notice.type),
        subscriptionId: s.id,
        eventType: notice.type,
        createdAt,
        body,
        nextAttemptAt: createdAt,
        attemptsLeft: this.retry.maxAttempts,
      }));
  }

  /**
   * Sends every delivery due now, until none is left, then sets a timer for the next one due.
   * Resolves when this round is done (tests call it after moving their clock).
   */
  runDue(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.pump
      .run(null, async () => {
        await this.sendDue();
        await this.scheduleWake();
      })
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'webhook deliveries not sent; retried at the next wake'),
      );
  }

  private async sendDue(): Promise<void> {
    const { store, clock } = this.deps;
    for (;;) {
      const now = clock.now();
      // Claimed for a while longer than an attempt can take; a crash mid-attempt lets it fall due again.
      const leaseUntil = new Date(now.getTime() + this.timeoutMs * 3).toISOString();
      const claimed = await store.webhooks.claimWebhookDeliveries(now.toISOString(), leaseUntil, claimBatch);
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((delivery) => this.attempt(delivery, leaseUntil)));
    }
  }

  private async attempt(delivery: WebhookDeliveryRecord, claimedUntil: string): Promise<void> {
    const { store, clock } = this.deps;
    const subscription = await store.webhooks.findWebhook(delivery.subscriptionId);
    // Deliveries queued before a pause wait for the resume; the lease makes them due again later.
    if (!subscription?.active) return;
    const startedAt = clock.now();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const started = performance.now();
    const response = await sendWebhook({
      url: subscription.url,
      headers: {
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(subscription.secret, delivery.id, timestamp, delivery.body),
      },
      body: delivery.body,
      timeoutMs: this.timeoutMs,
      policy: this.deps.policy,
    });
    const durationMs = Math.round(performance.now() - started);
    const attemptsLeft = delivery.attemptsLeft - 1;
    const failures = delivery.attempts.length + 1;
    const update =
      response.error === null
        ? { status: 'delivered' as const, nextAttemptAt: null, attemptsLeft }
        : attemptsLeft <= 0
          ? { status: 'failed' as const, nextAttemptAt: null, attemptsLeft: 0 }
          : {
              status: 'pending' as const,
              nextAttemptAt: new Date(
                clock.now().getTime() + retryDelay(failures, this.retry, this.random),
              ).toISOString(),
              attemptsLeft,
            };
    await store.webhooks.recordWebhookAttempt(
      delivery.id,
      claimedUntil,
      { at: startedAt.toISOString(), statusCode: response.statusCode, durationMs, error: response.error },
      update,
    );
  }

  private async scheduleWake(): Promise<void> {
    this.cancelWake();
    if (this.stopped) return;
    const next = await this.deps.store.webhooks.nextWebhookAttemptAt();
    if (next === null) return;
    const delay = Math.max(0, Date.parse(next) - this.deps.clock.now().getTime());
    this.cancelWake = this.deps.timers.after(delay, () => void this.runDue());
  }
}

/** A delivery's id: the same for the same subscription and source, on every retry and every process. */
function deliveryId(subscriptionId: string, source: string, type: string): string {
  const digest = createHash('sha256').update(`${subscriptionId}\n${source}\n${type}`).digest('base64url');
  return `msg_${digest.slice(0, 32)}`;
}
