import type { Clock, Timers } from '../domain/ports.js';
import type { Logger } from '../lib/logger.js';
import { Rounds } from '../lib/rounds.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from '../webhooks/backoff.js';
import type { Mailer } from './mailer.js';
import type { MailRecord, NotificationStore } from './ports.js';

export interface MailOutboxDeps {
  store: NotificationStore;
  mailer: Mailer;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Retries of a refused e-mail: the webhooks' backoff, by default. */
  retry?: RetryPolicy;
  random?: () => number;
  /** How long one send may take before its claim lapses and it falls due again; default 60 s. */
  leaseMs?: number;
}

/** E-mails claimed (and sent in parallel) at a time. */
const claimBatch = 5;

/**
 * Sends the queued e-mails. The queue is in the store, each e-mail claimed with a lease and
 * marked sent once the SMTP server took it, so a restart resumes what was pending and sends
 * nothing already sent; a refusal is retried with the webhooks' backoff and jitter.
 */
export class MailOutbox {
  /** Sending what is due, a round at a time. */
  private readonly pump = new Rounds<null>();
  private cancelWake: () => void = () => undefined;
  private stopped = false;

  constructor(private readonly deps: MailOutboxDeps) {}

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWake();
    await Promise.allSettled(this.pump.inFlight());
  }

  /** Sends every e-mail due now, then sets a timer for the next one; resolves when this round is done. */
  runDue(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.pump
      .run(null, async () => {
        await this.sendDue();
        await this.scheduleWake();
      })
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'e-mails not sent; retried at the next wake'));
  }

  private async sendDue(): Promise<void> {
    const { store, clock } = this.deps;
    for (;;) {
      if (this.stopped) return;
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + (this.deps.leaseMs ?? 60_000)).toISOString();
      const claimed = await store.claimMail(now.toISOString(), leaseUntil, claimBatch);
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((mail) => this.send(mail, leaseUntil)));
    }
  }

  private async send(mail: MailRecord, claimedUntil: string): Promise<void> {
    const { store, mailer, clock } = this.deps;
    try {
      await mailer.send({ to: mail.recipient, subject: mail.subject, text: mail.body });
    } catch (error) {
      const retry = this.deps.retry ?? defaultRetryPolicy;
      const failures = mail.attempts + 1;
      const next =
        failures >= retry.maxAttempts
          ? null
          : new Date(clock.now().getTime() + retryDelay(failures, retry, this.deps.random)).toISOString();
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ mailId: mail.id, attempt: failures, err: reason }, 'e-mail refused');
      await store.recordMailFailed(mail.id, claimedUntil, next, reason.slice(0, 500));
      return;
    }
    await store.recordMailSent(mail.id, claimedUntil);
  }

  private async scheduleWake(): Promise<void> {
    this.cancelWake();
    if (this.stopped) return;
    const next = await this.deps.store.nextMailAttemptAt();
    if (next === null) return;
    const delay = Math.max(0, Date.parse(next) - this.deps.clock.now().getTime());
    this.cancelWake = this.deps.timers.after(delay, () => void this.runDue());
  }
}
