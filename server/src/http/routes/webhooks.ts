import { CreateWebhookBodySchema, IdSchema, UpdateWebhookBodySchema, type WebhookAnswerData } from '@plenum/shared';
import { Router } from 'express';
import type { AdminService } from '../../domain/adminService.js';
import type { WebhookService } from '../../webhooks/WebhookService.js';
import { requireAdmin, type HttpAuth } from '../middleware/auth.js';

/**
 * The organisation's webhook subscriptions, for administrators: list, subscribe (the secret
 * answered once), pause or change, delete; each one's delivery log and redelivery.
 */
export function webhookRoutes(options: { webhooks: WebhookService; admin: AdminService; auth: HttpAuth }): Router {
  const router = Router();
  const { webhooks, admin, auth } = options;
  const organisation = () => admin.organisationId();

  router.get('/api/admin/webhooks', async (req, res) => {
    await requireAdmin(req, auth);
    const data: WebhookAnswerData<'webhooks'> = { webhooks: await webhooks.list(await organisation()) };
    res.json({ ok: true, data });
  });

  router.post('/api/admin/webhooks', async (req, res) => {
    await requireAdmin(req, auth);
    const body = CreateWebhookBodySchema.parse(req.body);
    const data: WebhookAnswerData<'webhookCreated'> = await webhooks.create(await organisation(), body);
    res.status(201).json({ ok: true, data });
  });

  router.patch('/api/admin/webhooks/:webhookId', async (req, res) => {
    await requireAdmin(req, auth);
    const id = IdSchema.parse(req.params.webhookId);
    const change = UpdateWebhookBodySchema.parse(req.body);
    const data: WebhookAnswerData<'webhook'> = { webhook: await webhooks.update(await organisation(), id, change) };
    res.json({ ok: true, data });
  });

  router.delete('/api/admin/webhooks/:webhookId', async (req, res) => {
    await requireAdmin(req, auth);
    const webhookId = IdSchema.parse(req.params.webhookId);
    await webhooks.remove(await organisation(), webhookId);
    const data: WebhookAnswerData<'webhookDeleted'> = { webhookId };
    res.json({ ok: true, data });
  });

  router.get('/api/admin/webhooks/:webhookId/deliveries', async (req, res) => {
    await requireAdmin(req, auth);
    const id = IdSchema.parse(req.params.webhookId);
    const data: WebhookAnswerData<'deliveries'> = { deliveries: await webhooks.deliveries(await organisation(), id) };
    res.json({ ok: true, data });
  });

  router.post('/api/admin/webhooks/:webhookId/deliveries/:deliveryId/redeliver', async (req, res) => {
    await requireAdmin(req, auth);
    const id = IdSchema.parse(req.params.webhookId);
    const deliveryId = IdSchema.parse(req.params.deliveryId);
    const data: WebhookAnswerData<'delivery'> = {
      delivery: await webhooks.redeliver(await organisation(), id, deliveryId),
    };
    res.json({ ok: true, data });
  });

  return router;
}
