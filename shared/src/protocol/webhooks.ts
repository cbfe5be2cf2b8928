import { z } from 'zod';
import { IdSchema, InstantSchema, schemaMessages } from './schemas/index.js';

/**
 * Signed webhooks: what an administrator subscribes a receiver to, and what the receiver gets.
 * Every request body and answer of `/api/v1/admin/webhooks` is one of these schemas.
 */

/** The kinds of notice a receiver may subscribe to (`subject.past-tense`, as receivers expect). */
export const WebhookEventType = {
  /** The notice of a review session was published (`session:noticed`). */
  sessionNoticed: 'session.noticed',
  /**
   * The chair started an agenda item: the unit presents (`agenda:item-started`). Its `topic` is in
   * English when the system wrote it, as typed otherwise.
   */
  itemStarted: 'item.started',
  /** A warning was issued to a unit under the threshold (`warning:issued`). */
  warningIssued: 'warning.issued',
  /** The chair took back a warning issued in the session, with the reason (`warning:reconsidered`). */
  warningWithdrawn: 'warning.withdrawn',
  /** A directive was issued (`directive:issued`). */
  directiveIssued: 'directive.issued',
  /** An open directive passed its due date; sent once per directive, by the overdue schedule. */
  directiveOverdue: 'directive.overdue',
  /** The assignee unit filed its answer or explanation to a directive (`directive:answered`). */
  explanationSubmitted: 'explanation.submitted',
  /** The chair closed the review session (`session:closed`). */
  sessionClosed: 'session.closed',
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

/** Every webhook event type, in the order the console lists them. */
export const webhookEventTypes = Object.values(WebhookEventType) as [WebhookEventType, ...WebhookEventType[]];

/** A receiver's URL: http or https, at most 2 000 characters, no credentials in it. */
export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), { message: schemaMessages.urlCredentials });

const EventTypesSchema = z
  .array(z.enum(WebhookEventType))
  .min(1, { message: schemaMessages.oneEventType })
  .refine((types) => new Set(types).size === types.length, { message: schemaMessages.eventTypeTwice });

/** `POST /api/v1/admin/webhooks`: subscribe a receiver; the answer shows its secret once. */
export const CreateWebhookBodySchema = z.object({
  url: WebhookUrlSchema,
  eventTypes: EventTypesSchema,
  /** A paused subscription is sent nothing, and events while it is paused are not kept for it; default active. */
  active: z.boolean().default(true),
});
export type CreateWebhookBody = z.input<typeof CreateWebhookBodySchema>;

/** `PATCH /api/v1/admin/webhooks/{webhookId}`: pause, resume, or change its events or URL. */
export const UpdateWebhookBodySchema = z
  .object({ url: WebhookUrlSchema, eventTypes: EventTypesSchema, active: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: schemaMessages.nothingToChange });
export type UpdateWebhookBody = z.input<typeof UpdateWebhookBodySchema>;

/** A subscription as the console lists it; its secret is never shown again after creation. */
export const WebhookSubscriptionSchema = z.object({
  id: IdSchema,
  organisationId: IdSchema,
  url: WebhookUrlSchema,
  eventTypes: z.array(z.enum(WebhookEventType)),
  active: z.boolean(),
  createdAt: InstantSchema,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

/** The answer to a new subscription: the signing secret (`whsec_…`), shown this once. */
export const WebhookCreatedSchema = z.object({
  subscription: WebhookSubscriptionSchema,
  /** A pattern rather than `startsWith`, whose JSON Schema form is a format no validator knows. */
  secret: z.string().regex(/^whsec_/),
});
export type WebhookCreated = z.infer<typeof WebhookCreatedSchema>;

/** Where a delivery stands. */
export const WebhookDeliveryStatus = {
  /** Waiting for its first attempt or its next retry. */
  pending: 'pending',
  /** A receiver answered 2xx. */
  delivered: 'delivered',
  /** Every attempt failed; only a redelivery sends it again. */
  failed: 'failed',
} as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];

/** One attempt to deliver: the receiver's status (null: no answer), how long it took, why it failed. */
export const WebhookAttemptSchema = z.object({
  attempt: z.number().int().min(1),
  at: InstantSchema,
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int().min(0),
  /** Null when the receiver answered 2xx. */
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** One message to one subscription; its id is the `webhook-id` of every attempt, retries included. */
export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  subscriptionId: IdSchema,
  eventType: z.enum(WebhookEventType),
  createdAt: InstantSchema,
  status: z.enum(WebhookDeliveryStatus),
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: InstantSchema.nullable(),
  attempts: z.array(WebhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/**
 * The body a receiver gets (Standard Webhooks): `type`, `timestamp` (when the event happened) and
 * `data`, which always names the review session and, for events of its log, their `seq`.
 */
export const WebhookPayloadSchema = z.object({
  type: z.enum(WebhookEventType),
  timestamp: InstantSchema,
  data: z
    .object({
      sessionId: IdSchema,
      /** The position of the causing event in the session's log; null for the overdue schedule. */
      seq: z.number().int().min(1).nullable(),
    })
    .catchall(z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** Each `/api/v1/admin/webhooks` answer. */
export const WebhookAnswerSchemas = {
  webhooks: z.object({ webhooks: z.array(WebhookSubscriptionSchema) }),
  webhookCreated: WebhookCreatedSchema,
  webhook: z.object({ webhook: WebhookSubscriptionSchema }),
  webhookDeleted: z.object({ webhookId: IdSchema }),
  deliveries: z.object({ deliveries: z.array(WebhookDeliverySchema) }),
  delivery: z.object({ delivery: WebhookDeliverySchema }),
} as const;
/** The webhook answer named `K`. */
export type WebhookAnswerData<K extends keyof typeof WebhookAnswerSchemas> = z.infer<(typeof WebhookAnswerSchemas)[K]>;
