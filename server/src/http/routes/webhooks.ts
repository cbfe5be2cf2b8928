import { CreateWebhookBodySchema, IdSchema, UpdateWebhookBodySchema, WebhookAnswerSchemas } from '@plenum/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { AdminService } from '../../domain/adminService.js';
import type { WebhookService } from '../../webhooks/WebhookService.js';
import { requireAdminNotApiToken } from '../middleware/adminOnly.js';
import type { HttpAuth } from '../middleware/auth.js';
import type { ApiOperation } from '../openapi/operation.js';

export interface WebhookRoutesOptions {
  webhooks: WebhookService;
  admin: AdminService;
  auth: HttpAuth;
}

const WebhookParams = z.object({ webhookId: IdSchema });
const DeliveryParams = WebhookParams.extend({ deliveryId: IdSchema });

/**
 * The organisation's webhook subscriptions, kept by its administrators (by their own link or
 * ADMIN_TOKEN) as the API tokens are: list, subscribe (the secret answered once), pause or
 * change, delete; each one's delivery log and redelivery. An API token never manages webhooks.
 */
export function webhookOperations(options: WebhookRoutesOptions): ApiOperation[] {
  const { webhooks } = options;

  /** The organisation of the signed-in administrator. */
  async function signIn(req: Request): Promise<string> {
    await requireAdminNotApiToken(req, options.auth, 'webhooks');
    return options.admin.organisationId();
  }

  return [
    {
      method: 'get',
      path: '/api/v1/admin/webhooks',
      operationId: 'listWebhooks',
      summary: 'The organisation’s webhook subscriptions (never their secrets)',
      tag: 'Webhooks',
      scope: 'administrator',
      response: { status: 200, description: 'The subscriptions', schema: WebhookAnswerSchemas.webhooks },
      handle: async (req) => ({ webhooks: await webhooks.list(await signIn(req)) }),
    },
    {
      method: 'post',
      path: '/api/v1/admin/webhooks',
      operationId: 'createWebhook',
      summary: 'Subscribe a receiver to events; its signing secret is answered this once',
      description: 'A receiver on a private or loopback address is refused unless the server allows it.',
      tag: 'Webhooks',
      scope: 'administrator',
      body: CreateWebhookBodySchema,
      response: {
        status: 201,
        description: 'The subscription and its secret, shown once',
        schema: WebhookAnswerSchemas.webhookCreated,
      },
      handle: async (req) => webhooks.create(await signIn(req), CreateWebhookBodySchema.parse(req.body)),
    },
    {
      method: 'patch',
      path: '/api/v1/admin/webhooks/{webhookId}',
      operationId: 'updateWebhook',
      summary: 'Pause or resume a subscription, or change its URL or events',
      description: 'A paused subscription is sent nothing, and events while it is paused are not kept for it.',
      tag: 'Webhooks',
      scope: 'administrator',
      params: WebhookParams,
      body: UpdateWebhookBodySchema,
      response: { status: 200, description: 'The subscription as changed', schema: WebhookAnswerSchemas.webhook },
      refusals: [404],
      handle: async (req) => {
        const organisationId = await signIn(req);
        const { webhookId } = WebhookParams.parse(req.params);
        const change = UpdateWebhookBodySchema.parse(req.body);
        return { webhook: await webhooks.update(organisationId, webhookId, change) };
      },
    },
    {
      method: 'delete',
      path: '/api/v1/admin/webhooks/{webhookId}',
      operationId: 'deleteWebhook',
      summary: 'Delete a subscription with its delivery log',
      tag: 'Webhooks',
      scope: 'administrator',
      params: WebhookParams,
      response: { status: 200, description: 'The deleted subscription', schema: WebhookAnswerSchemas.webhookDeleted },
      refusals: [404],
      handle: async (req) => {
        const organisationId = await signIn(req);
        const { webhookId } = WebhookParams.parse(req.params);
        await webhooks.remove(organisationId, webhookId);
        return { webhookId };
      },
    },
    {
      method: 'get',
      path: '/api/v1/admin/webhooks/{webhookId}/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'A subscription’s deliveries, newest first: status, attempts, next retry',
      tag: 'Webhooks',
      scope: 'administrator',
      params: WebhookParams,
      response: { status: 200, description: 'The deliveries', schema: WebhookAnswerSchemas.deliveries },
      refusals: [404],
      handle: async (req) => {
        const organisationId = await signIn(req);
        const { webhookId } = WebhookParams.parse(req.params);
        return { deliveries: await webhooks.deliveries(organisationId, webhookId) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
      operationId: 'redeliverWebhook',
      summary: 'Send a delivery again now, with the same delivery id',
      tag: 'Webhooks',
      scope: 'administrator',
      params: DeliveryParams,
      response: { status: 200, description: 'The delivery, pending again', schema: WebhookAnswerSchemas.delivery },
      refusals: [404],
      handle: async (req) => {
        const organisationId = await signIn(req);
        const { webhookId, deliveryId } = DeliveryParams.parse(req.params);
        return { delivery: await webhooks.redeliver(organisationId, webhookId, deliveryId) };
      },
    },
  ];
}
