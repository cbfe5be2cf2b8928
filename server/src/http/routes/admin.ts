import { IdSchema, InviteAdministratorBodySchema, type AnswerData, type Participant } from '@plenum/shared';
import { Router } from 'express';
import type { AdminService } from '../../domain/adminService.js';
import { requireAdmin, type HttpAuth } from '../middleware/auth.js';
import { adminLink } from './sessions.js';

/** Who ADMIN_TOKEN signs in: automation, no participant of the log. */
export const automation: Participant = { id: 'admin', name: 'ADMIN_TOKEN', role: 'administrator', unitId: null };

/**
 * The organisation's administrators: who am I, the list, invite another (the link answered
 * once), revoke one (never oneself).
 */
export function adminRoutes(options: { admin: AdminService; auth: HttpAuth; publicUrl: () => string }): Router {
  const router = Router();
  const { admin, auth } = options;

  router.get('/api/admin/me', async (req, res) => {
    const signed = await requireAdmin(req, auth);
    res.json({
      ok: true,
      data: { administrator: signed.participant ?? automation, organisationId: await admin.organisationId() },
    });
  });

  router.get('/api/admin/administrators', async (req, res) => {
    await requireAdmin(req, auth);
    res.json({
      ok: true,
      data: { administrators: await admin.administrators() } satisfies AnswerData<'administrators'>,
    });
  });

  router.post('/api/admin/administrators', async (req, res) => {
    const signed = await requireAdmin(req, auth);
    const body = InviteAdministratorBodySchema.parse(req.body);
    const { participant, token } = await admin.invite(body, signed.id);
    const data: AnswerData<'administratorInvited'> = {
      administrator: participant,
      link: adminLink(options.publicUrl(), token),
    };
    res.status(201).json({ ok: true, data });
  });

  router.post('/api/admin/administrators/:administratorId/revoke', async (req, res) => {
    const signed = await requireAdmin(req, auth);
    const administratorId = IdSchema.parse(req.params.administratorId);
    await admin.revoke(administratorId, signed.id);
    res.json({ ok: true, data: { administratorId } });
  });

  return router;
}
