import type { WebhookAttempt, WebhookDeliveryStatus, WebhookEventType } from '@plenum/shared';
import type { WebhookDeliveryRecord, WebhookSubscriptionRecord } from '../domain/ports.js';

/** A `webhook_subscriptions` row as SQLite and PostgreSQL return it. */
export interface WebhookSubscriptionRow {
  id: string;
  organisation_id: string;
  url: string;
  event_types: string;
  active: number | boolean;
  created_at: string;
  secret: string;
}

/** A `webhook_deliveries` row. */
export interface WebhookDeliveryRow {
  id: string;
  subscription_id: string;
  event_type: string;
  created_at: string;
  body: string;
  status: string;
  next_attempt_at: string | null;
  attempts_left: number;
}

/** A `webhook_attempts` row. */
export interface WebhookAttemptRow {
  delivery_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

export function toWebhookSubscription(row: WebhookSubscriptionRow): WebhookSubscriptionRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as WebhookEventType[],
    active: Boolean(row.active),
    createdAt: row.created_at,
    secret: row.secret,
  };
}

/** The deliveries of `rows` with their attempts (any order), each delivery's attempts oldest first. */
export function toWebhookDeliveries(
  rows: readonly WebhookDeliveryRow[],
  attempts: readonly WebhookAttemptRow[],
): WebhookDeliveryRecord[] {
  const byDelivery = new Map<string, WebhookAttempt[]>();
  for (const a of [...attempts].sort((x, y) => x.attempt - y.attempt)) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    list.push({ attempt: a.attempt, at: a.at, statusCode: a.status_code, durationMs: a.duration_ms, error: a.error });
    byDelivery.set(a.delivery_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    subscriptionId: row.subscription_id,
    eventType: row.event_type as WebhookEventType,
    createdAt: row.created_at,
    body: row.body,
    status: row.status as WebhookDeliveryStatus,
    nextAttemptAt: row.next_attempt_at,
    attemptsLeft: row.attempts_left,
    attempts: byDelivery.get(row.id) ?? [],
  }));
}
