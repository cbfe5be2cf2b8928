import type {
  NewWebhookDelivery,
  WebhookDeliveryRecord,
  WebhookProgress,
  WebhookStore,
  WebhookSubscriptionRecord,
} from '../domain/ports.js';

/** Webhook subscriptions and deliveries in process memory, with the durable stores' semantics. */
export class InMemoryWebhookStore implements WebhookStore {
  private readonly subscriptions = new Map<string, WebhookSubscriptionRecord>();
  private readonly deliveries = new Map<string, WebhookDeliveryRecord>();
  private readonly cursors = new Map<string, number>();
  private readonly overdue = new Map<string, Set<string>>();

  saveWebhook(record: WebhookSubscriptionRecord): Promise<void> {
    this.subscriptions.set(record.id, structuredClone(record));
    return Promise.resolve();
  }

  findWebhook(id: string): Promise<WebhookSubscriptionRecord | null> {
    return Promise.resolve(structuredClone(this.subscriptions.get(id) ?? null));
  }

  listWebhooks(): Promise<WebhookSubscriptionRecord[]> {
    return Promise.resolve(structuredClone([...this.subscriptions.values()]));
  }

  deleteWebhook(id: string): Promise<boolean> {
    for (const delivery of this.deliveries.values()) {
      if (delivery.subscriptionId === id) this.deliveries.delete(delivery.id);
    }
    return Promise.resolve(this.subscriptions.delete(id));
  }

  enqueueWebhookDeliveries(deliveries: readonly NewWebhookDelivery[], progress: WebhookProgress): Promise<number> {
    let added = 0;
    for (const delivery of deliveries) {
      if (this.deliveries.has(delivery.id) || !this.subscriptions.has(delivery.subscriptionId)) continue;
      this.deliveries.set(delivery.id, { ...delivery, status: 'pending', attempts: [] });
      added++;
    }
    if (progress.kind === 'cursor') {
      this.cursors.set(progress.sessionId, Math.max(progress.seq, this.cursors.get(progress.sessionId) ?? 0));
    } else {
      const noticed = this.overdue.get(progress.sessionId) ?? new Set<string>();
      noticed.add(progress.directiveId);
      this.overdue.set(progress.sessionId, noticed);
    }
    return Promise.resolve(added);
  }

  webhookCursor(sessionId: string): Promise<number> {
    return Promise.resolve(this.cursors.get(sessionId) ?? 0);
  }

  overdueNotices(sessionId: string): Promise<Set<string>> {
    return Promise.resolve(new Set(this.overdue.get(sessionId)));
  }

  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    const due = [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && d.nextAttemptAt !== null && d.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt!.localeCompare(b.nextAttemptAt!))
      .slice(0, limit);
    for (const delivery of due) delivery.nextAttemptAt = leaseUntil;
    return Promise.resolve(structuredClone(due));
  }

  recordWebhookAttempt(
    deliveryId: string,
    claimedUntil: string,
    attempt: Parameters<WebhookStore['recordWebhookAttempt']>[2],
    update: Parameters<WebhookStore['recordWebhookAttempt']>[3],
  ): Promise<void> {
    const delivery = this.deliveries.get(deliveryId);
    if (delivery) {
      delivery.attempts.push({ attempt: delivery.attempts.length + 1, ...attempt });
      if (delivery.status === 'pending' && delivery.nextAttemptAt === claimedUntil) Object.assign(delivery, update);
    }
    return Promise.resolve();
  }

  listWebhookDeliveries(subscriptionId: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    const list = [...this.deliveries.values()]
      .filter((d) => d.subscriptionId === subscriptionId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
    return Promise.resolve(structuredClone(list));
  }

  findWebhookDelivery(id: string): Promise<WebhookDeliveryRecord | null> {
    return Promise.resolve(structuredClone(this.deliveries.get(id) ?? null));
  }

  redeliverWebhook(deliveryId: string, at: string): Promise<boolean> {
    const delivery = this.deliveries.get(deliveryId);
    if (delivery) Object.assign(delivery, { status: 'pending', nextAttemptAt: at, attemptsLeft: 1 });
    return Promise.resolve(delivery !== undefined);
  }

  nextWebhookAttemptAt(): Promise<string | null> {
    const due = [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && d.nextAttemptAt !== null)
      .map((d) => d.nextAttemptAt!)
      .sort();
    return Promise.resolve(due[0] ?? null);
  }
}
