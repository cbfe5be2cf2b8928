import type pg from 'pg';
import type {
  NewWebhookDelivery,
  WebhookDeliveryRecord,
  WebhookProgress,
  WebhookStore,
  WebhookSubscriptionRecord,
} from '../../domain/ports.js';
import {
  toWebhookDeliveries,
  toWebhookSubscription,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from '../webhookRows.js';
import { inTransaction } from './transaction.js';

const deliveryColumns = 'id, subscription_id, event_type, created_at, body, status, next_attempt_at, attempts_left';

/** Webhook subscriptions and the delivery queue in PostgreSQL (migration 5), shared by every process. */
export class PostgresWebhookStore implements WebhookStore {
  constructor(private readonly pool: pg.Pool) {}

  private async withAttempts(client: pg.Pool | pg.PoolClient, rows: WebhookDeliveryRow[]) {
    const attempts = await client.query<WebhookAttemptRow>(
      'SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1::text[])',
      [rows.map((row) => row.id)],
    );
    return toWebhookDeliveries(rows, attempts.rows);
  }

  async saveWebhook(r: WebhookSubscriptionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO webhook_subscriptions (id, organisation_id, url, event_types, active, created_at, secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, event_types = excluded.event_types, active = excluded.active`,
      [r.id, r.organisationId, r.url, JSON.stringify(r.eventTypes), r.active, r.createdAt, r.secret],
    );
  }

  async findWebhook(id: string): Promise<WebhookSubscriptionRecord | null> {
    const result = await this.pool.query<WebhookSubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = $1', [
      id,
    ]);
    return result.rows[0] ? toWebhookSubscription(result.rows[0]) : null;
  }

  async listWebhooks(): Promise<WebhookSubscriptionRecord[]> {
    const result = await this.pool.query<WebhookSubscriptionRow>(
      'SELECT * FROM webhook_subscriptions ORDER BY created_at, position',
    );
    return result.rows.map(toWebhookSubscription);
  }

  deleteWebhook(id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        'DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id = $1)',
        [id],
      );
      await client.query('DELETE FROM webhook_deliveries WHERE subscription_id = $1', [id]);
      return ((await client.query('DELETE FROM webhook_subscriptions WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
  }

  enqueueWebhookDeliveries(deliveries: readonly NewWebhookDelivery[], progress: WebhookProgress): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      let added = 0;
      for (const d of deliveries) {
        const result = await client.query(
          `INSERT INTO webhook_deliveries (${deliveryColumns})
           SELECT $1, $2, $3, $4, $5, 'pending', $6, $7 WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = $2)
           ON CONFLICT (id) DO NOTHING`,
          [d.id, d.subscriptionId, d.eventType, d.createdAt, d.body, d.nextAttemptAt, d.attemptsLeft],
        );
        added += result.rowCount ?? 0;
      }
      if (progress.kind === 'cursor') {
        await client.query(
          `INSERT INTO webhook_cursors (session_id, seq) VALUES ($1, $2)
           ON CONFLICT (session_id) DO UPDATE SET seq = greatest(webhook_cursors.seq, excluded.seq)`,
          [progress.sessionId, progress.seq],
        );
      } else {
        await client.query(
          'INSERT INTO overdue_notices (session_id, directive_id, noticed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [progress.sessionId, progress.directiveId, progress.at],
        );
      }
      return added;
    });
  }

  async webhookCursor(sessionId: string): Promise<number> {
    const result = await this.pool.query<{ seq: number }>('SELECT seq FROM webhook_cursors WHERE session_id = $1', [
      sessionId,
    ]);
    return result.rows[0]?.seq ?? 0;
  }

  async overdueNotices(sessionId: string): Promise<Set<string>> {
    const result = await this.pool.query<{ directive_id: string }>(
      'SELECT directive_id FROM overdue_notices WHERE session_id = $1',
      [sessionId],
    );
    return new Set(result.rows.map((row) => row.directive_id));
  }

  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    return inTransaction(this.pool, async (client) => {
      // SKIP LOCKED: another process claiming at the same moment takes other deliveries.
      const claimed = await client.query<WebhookDeliveryRow>(
        `UPDATE webhook_deliveries SET next_attempt_at = $2 WHERE id IN (
           SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING ${deliveryColumns}`,
        [now, leaseUntil, limit],
      );
      return this.withAttempts(client, claimed.rows);
    });
  }

  recordWebhookAttempt(
    deliveryId: string,
    claimedUntil: string,
    attempt: Parameters<WebhookStore['recordWebhookAttempt']>[2],
    update: Parameters<WebhookStore['recordWebhookAttempt']>[3],
  ): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT id FROM webhook_deliveries WHERE id = $1 FOR UPDATE', [deliveryId]);
      await client.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, duration_ms, error)
         SELECT $1, coalesce(max(attempt), 0) + 1, $2, $3, $4, $5 FROM webhook_attempts WHERE delivery_id = $1`,
        [deliveryId, attempt.at, attempt.statusCode, attempt.durationMs, attempt.error],
      );
      await client.query(
        `UPDATE webhook_deliveries SET status = $2, next_attempt_at = $3, attempts_left = $4
         WHERE id = $1 AND status = 'pending' AND next_attempt_at = $5`,
        [deliveryId, update.status, update.nextAttemptAt, update.attemptsLeft, claimedUntil],
      );
    });
  }

  async listWebhookDeliveries(subscriptionId: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    const result = await this.pool.query<WebhookDeliveryRow>(
      `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE subscription_id = $1
       ORDER BY created_at DESC, position DESC LIMIT $2`,
      [subscriptionId, limit],
    );
    return this.withAttempts(this.pool, result.rows);
  }

  async findWebhookDelivery(id: string): Promise<WebhookDeliveryRecord | null> {
    const result = await this.pool.query<WebhookDeliveryRow>(
      `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE id = $1`,
      [id],
    );
    return result.rows[0] ? ((await this.withAttempts(this.pool, result.rows))[0] ?? null) : null;
  }

  async redeliverWebhook(deliveryId: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, attempts_left = 1 WHERE id = $1",
      [deliveryId, at],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async nextWebhookAttemptAt(): Promise<string | null> {
    const result = await this.pool.query<{ at: string | null }>(
      "SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'",
    );
    return result.rows[0]?.at ?? null;
  }
}
