import type {
  CreateWebhookBodySchema,
  UpdateWebhookBodySchema,
  WebhookDelivery,
  WebhookSubscription,
} from '@plenum/shared';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type {
  Clock,
  IdGenerator,
  WebhookDeliveryRecord,
  WebhookStore,
  WebhookSubscriptionRecord,
} from '../domain/ports.js';
import { checkReceiver, ReceiverRefusedError, type ReceiverPolicy } from './receiverPolicy.js';
import { newWebhookSecret } from './signature.js';
import type { WebhookDispatcher } from './WebhookDispatcher.js';

/** How many deliveries the log of a subscription shows, newest first. */
const deliveryLogLength = 100;

export interface WebhookServiceDeps {
  webhooks: WebhookStore;
  dispatcher: WebhookDispatcher;
  policy: ReceiverPolicy;
  clock: Clock;
  ids: IdGenerator;
}

/** The subscription as the API shows it: everything but the secret. */
function shown(record: WebhookSubscriptionRecord): WebhookSubscription {
  const { secret: _secret, ...subscription } = record;
  return subscription;
}

/** The delivery as the API shows it: everything but the body and the attempts left. */
function shownDelivery(record: WebhookDeliveryRecord): WebhookDelivery {
  const { body: _body, attemptsLeft: _left, ...delivery } = record;
  return delivery;
}

/** The organisation's webhook subscriptions and their delivery logs, for its administrators. */
export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  async list(organisationId: string): Promise<WebhookSubscription[]> {
    return (await this.deps.webhooks.listWebhooks()).filter((w) => w.organisationId === organisationId).map(shown);
  }

  /** Subscribes a receiver the policy allows; answers its new secret, this once. */
  async create(
    organisationId: string,
    body: z.output<typeof CreateWebhookBodySchema>,
  ): Promise<{ subscription: WebhookSubscription; secret: string }> {
    await this.assertReachable(body.url);
    const record: WebhookSubscriptionRecord = {
      id: `wh_${this.deps.ids.next()}`,
      organisationId,
      url: body.url,
      eventTypes: body.eventTypes,
      active: body.active,
      createdAt: this.deps.clock.now().toISOString(),
      secret: newWebhookSecret(),
    };
    await this.deps.webhooks.saveWebhook(record);
    return { subscription: shown(record), secret: record.secret };
  }

  async update(
    organisationId: string,
    id: string,
    change: z.output<typeof UpdateWebhookBodySchema>,
  ): Promise<WebhookSubscription> {
    const record = await this.find(organisationId, id);
    if (change.url !== undefined) await this.assertReachable(change.url);
    const updated = { ...record, ...change };
    await this.deps.webhooks.saveWebhook(updated);
    // Deliveries held while it was paused go out now.
    if (updated.active && !record.active) void this.deps.dispatcher.runDue();
    return shown(updated);
  }

  async remove(organisationId: string, id: string): Promise<void> {
    await this.find(organisationId, id);
    await this.deps.webhooks.deleteWebhook(id);
  }

  async deliveries(organisationId: string, id: string): Promise<WebhookDelivery[]> {
    await this.find(organisationId, id);
    return (await this.deps.webhooks.listWebhookDeliveries(id, deliveryLogLength)).map(shownDelivery);
  }

  /** Sends a delivery again now, with the same id (receivers de-duplicate on it), one attempt. */
  async redeliver(organisationId: string, id: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.find(organisationId, id);
    const delivery = await this.deps.webhooks.findWebhookDelivery(deliveryId);
    if (!delivery || delivery.subscriptionId !== id) {
      throw new DomainError('NOT_FOUND', `There is no delivery ${deliveryId} of this webhook.`);
    }
    await this.deps.webhooks.redeliverWebhook(deliveryId, this.deps.clock.now().toISOString());
    await this.deps.dispatcher.runDue();
    return shownDelivery((await this.deps.webhooks.findWebhookDelivery(deliveryId))!);
  }

  private async find(organisationId: string, id: string): Promise<WebhookSubscriptionRecord> {
    const record = await this.deps.webhooks.findWebhook(id);
    if (!record || record.organisationId !== organisationId) {
      throw new DomainError('NOT_FOUND', `There is no webhook ${id}.`);
    }
    return record;
  }

  /** Refuses, with the field named, a receiver that resolves to an address the policy does not allow. */
  private async assertReachable(url: string): Promise<void> {
    try {
      await checkReceiver(url, this.deps.policy);
    } catch (error) {
      // With the facts as a reason, so that the form says the refusal in its reader's language.
      const refused =
        error instanceof ReceiverRefusedError
          ? {
              message: `The receiver ${error.message}. Allow it with WEBHOOK_ALLOW_PRIVATE or WEBHOOK_ALLOWED_CIDRS.`,
              reason: {
                code: 'receiver-internal' as const,
                host: error.host,
                address: error.address,
                range: error.range,
              },
            }
          : {
              message: `The receiver's host cannot be resolved: ${error instanceof Error ? error.message : String(error)}`,
              reason: { code: 'receiver-unresolved' as const, host: new URL(url).hostname },
            };
      throw new DomainError('INVALID_PAYLOAD', refused.message, [{ path: 'url', ...refused }]);
    }
  }
}
