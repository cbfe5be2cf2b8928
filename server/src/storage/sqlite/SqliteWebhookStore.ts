import type Database from 'better-sqlite3';
import type {
  NewWebhookDelivery,
  WebhookDeliveryRecord,
  WebhookProgress,
  WebhookStore,
  WebhookSubscriptionRecord,
} from '../../domain/ports.js';
import { settle } from '../settle.js';
import {
  toWebhookDeliveries,
  toWebhookSubscription,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from '../webhookRows.js';

/** Webhook subscriptions and the delivery queue in the SQLite store's file (migration 5). */
export class SqliteWebhookStore implements WebhookStore {
  private readonly deliveriesWithAttempts: (rows: WebhookDeliveryRow[]) => WebhookDeliveryRecord[];
  private readonly enqueueTx;
  private readonly claimTx;
  private readonly attemptTx;
  private readonly deleteTx;
  /** Read on every commit's sweep, so prepared once. */
  private readonly subscriptions;
  private readonly nextAttempt;

  constructor(private readonly db: Database.Database) {
    this.subscriptions = db.prepare<[], WebhookSubscriptionRow>(
      'SELECT * FROM webhook_subscriptions ORDER BY created_at, rowid',
    );
    this.nextAttempt = db.prepare<[], { at: string | null }>(
      "SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'",
    );
    const attemptsOf = db.prepare<[string], WebhookAttemptRow>('SELECT * FROM webhook_attempts WHERE delivery_id = ?');
    this.deliveriesWithAttempts = (rows) =>
      toWebhookDeliveries(
        rows,
        rows.flatMap((row) => attemptsOf.all(row.id)),
      );
    const insertDelivery = db.prepare(
      `INSERT INTO webhook_deliveries (id, subscription_id, event_type, created_at, body, status, next_attempt_at, attempts_left)
       SELECT ?, ?, ?, ?, ?, 'pending', ?, ? WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    const saveCursor = db.prepare(
      `INSERT INTO webhook_cursors (session_id, seq) VALUES (?, ?)
       ON CONFLICT (session_id) DO UPDATE SET seq = max(seq, excluded.seq)`,
    );
    const saveOverdue = db.prepare(
      'INSERT INTO overdue_notices (session_id, directive_id, noticed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.enqueueTx = db.transaction((deliveries: readonly NewWebhookDelivery[], progress: WebhookProgress) => {
      let added = 0;
      for (const d of deliveries) {
        added += insertDelivery.run(
          d.id,
          d.subscriptionId,
          d.eventType,
          d.createdAt,
          d.body,
          d.nextAttemptAt,
          d.attemptsLeft,
          d.subscriptionId,
        ).changes;
      }
      if (progress.kind === 'cursor') saveCursor.run(progress.sessionId, progress.seq);
      else saveOverdue.run(progress.sessionId, progress.directiveId, progress.at);
      return added;
    });
    const due = db.prepare<[string, number], WebhookDeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at LIMIT ?`,
    );
    const lease = db.prepare('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?');
    this.claimTx = db.transaction((now: string, leaseUntil: string, limit: number) => {
      const rows = due.all(now, limit);
      for (const row of rows) lease.run(leaseUntil, row.id);
      return this.deliveriesWithAttempts(rows);
    });
    const lastAttempt = db.prepare<[string], { n: number }>(
      'SELECT coalesce(max(attempt), 0) AS n FROM webhook_attempts WHERE delivery_id = ?',
    );
    const insertAttempt = db.prepare(
      'INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const update = db.prepare(
      "UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, attempts_left = ? WHERE id = ? AND status = 'pending' AND next_attempt_at = ?",
    );
    this.attemptTx = db.transaction(
      (
        deliveryId: string,
        claimedUntil: string,
        attempt: Parameters<WebhookStore['recordWebhookAttempt']>[2],
        next: Parameters<WebhookStore['recordWebhookAttempt']>[3],
      ) => {
        const n = lastAttempt.get(deliveryId)!.n + 1;
        insertAttempt.run(deliveryId, n, attempt.at, attempt.statusCode, attempt.durationMs, attempt.error);
        update.run(next.status, next.nextAttemptAt, next.attemptsLeft, deliveryId, claimedUntil);
      },
    );
    this.deleteTx = db.transaction((id: string) => {
      db.prepare(
        'DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id = ?)',
      ).run(id);
      db.prepare('DELETE FROM webhook_deliveries WHERE subscription_id = ?').run(id);
      return db.prepare('DELETE FROM webhook_subscriptions WHERE id = ?').run(id).changes > 0;
    });
  }

  saveWebhook(r: WebhookSubscriptionRecord): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO webhook_subscriptions (id, organisation_id, url, event_types, active, created_at, secret)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, event_types = excluded.event_types, active = excluded.active`,
        )
        .run(r.id, r.organisationId, r.url, JSON.stringify(r.eventTypes), r.active ? 1 : 0, r.createdAt, r.secret);
    });
  }

  findWebhook(id: string): Promise<WebhookSubscriptionRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string], WebhookSubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = ?')
        .get(id);
      return row ? toWebhookSubscription(row) : null;
    });
  }

  listWebhooks(): Promise<WebhookSubscriptionRecord[]> {
    return settle(() => this.subscriptions.all().map(toWebhookSubscription));
  }

  deleteWebhook(id: string): Promise<boolean> {
    return settle(() => this.deleteTx.immediate(id));
  }

  enqueueWebhookDeliveries(deliveries: readonly NewWebhookDelivery[], progress: WebhookProgress): Promise<number> {
    return settle(() => this.enqueueTx.immediate(deliveries, progress));
  }

  webhookCursor(sessionId: string): Promise<number> {
    return settle(
      () =>
        this.db
          .prepare<[string], { seq: number }>('SELECT seq FROM webhook_cursors WHERE session_id = ?')
          .get(sessionId)?.seq ?? 0,
    );
  }

  overdueNotices(sessionId: string): Promise<Set<string>> {
    return settle(
      () =>
        new Set(
          this.db
            .prepare<[string], { directive_id: string }>(
              'SELECT directive_id FROM overdue_notices WHERE session_id = ?',
            )
            .all(sessionId)
            .map((row) => row.directive_id),
        ),
    );
  }

  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    return settle(() => this.claimTx.immediate(now, leaseUntil, limit));
  }

  recordWebhookAttempt(
    deliveryId: string,
    claimedUntil: string,
    attempt: Parameters<WebhookStore['recordWebhookAttempt']>[2],
    update: Parameters<WebhookStore['recordWebhookAttempt']>[3],
  ): Promise<void> {
    return settle(() => this.attemptTx.immediate(deliveryId, claimedUntil, attempt, update));
  }

  listWebhookDeliveries(subscriptionId: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    return settle(() =>
      this.deliveriesWithAttempts(
        this.db
          .prepare<[string, number], WebhookDeliveryRow>(
            'SELECT * FROM webhook_deliveries WHERE subscription_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
          )
          .all(subscriptionId, limit),
      ),
    );
  }

  findWebhookDelivery(id: string): Promise<WebhookDeliveryRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string], WebhookDeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?')
        .get(id);
      return row ? this.deliveriesWithAttempts([row])[0]! : null;
    });
  }

  redeliverWebhook(deliveryId: string, at: string): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, attempts_left = 1 WHERE id = ?",
          )
          .run(at, deliveryId).changes > 0,
    );
  }

  nextWebhookAttemptAt(): Promise<string | null> {
    return settle(() => this.nextAttempt.get()?.at ?? null);
  }
}
