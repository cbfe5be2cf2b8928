import {
  IdSchema,
  NameSchema,
  OrganisationUnitSchema,
  ReviewSessionDefinitionSchema,
  roles,
  type Participant,
} from '@plenum/shared';
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { InvitationStore } from '../../domain/ports.js';
import type { OrganisationService } from '../../domain/organisationService.js';
import type { SessionService } from '../../domain/sessionService.js';
import { hashToken } from '../../lib/ids.js';
import { bearer, requireAdmin } from '../middleware/auth.js';

const CreateSessionBodySchema = z.object({
  session: ReviewSessionDefinitionSchema.omit({ createdAt: true }),
  /** The units of the session; omitted: the organisation's register (or the previous session's). */
  units: z.array(OrganisationUnitSchema).max(2000).default([]),
  /** Whose register of units to use when `units` is empty. */
  organisationId: IdSchema.nullable().default(null),
  chairName: NameSchema,
});

const InviteBodySchema = z.object({
  name: NameSchema,
  role: z.enum(roles),
  unitId: IdSchema.nullable().default(null),
});

export interface SessionRoutesOptions {
  sessions: SessionService;
  organisations: OrganisationService;
  invitations: InvitationStore;
  /** Lets the organisation convene sessions over HTTP; unset disables that endpoint. */
  adminToken: string | null;
  /** Base of invite links, e.g. `http://localhost:3000` (known once the server listens). */
  publicUrl: () => string;
}

/** The invite link a participant opens: the token rides in the fragment, never sent to a server. */
export function inviteLink(publicUrl: string, sessionId: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/s/${sessionId}#token=${token}`;
}

/**
 * `POST /api/sessions` (organisation admin) convenes a session; `POST /api/sessions/:id/invitations`
 * (the session's chair) invites a participant and returns the link once.
 */
export function sessionRoutes(options: SessionRoutesOptions): Router {
  const router = Router();

  router.post('/api/sessions', async (req, res) => {
    requireAdmin(req, options.adminToken);
    const body = CreateSessionBodySchema.parse(req.body);
    const units =
      body.units.length === 0 && body.organisationId !== null
        ? await options.organisations.units(body.organisationId)
        : body.units;
    const { sessionId, chair } = await options.sessions.createSession(body.session, units, body.chairName);
    res.status(201).json({
      ok: true,
      data: {
        sessionId,
        chair: { participant: chair.participant, link: inviteLink(options.publicUrl(), sessionId, chair.token) },
      },
    });
  });

  router.post('/api/sessions/:sessionId/invitations', async (req, res) => {
    const sessionId = IdSchema.parse(req.params.sessionId);
    const token = bearer(req);
    const record = token === null ? null : await options.invitations.findInvitation(hashToken(token));
    const chair: Participant | undefined = record && record.revokedAt === null ? record.participant : undefined;
    if (!chair || record?.sessionId !== sessionId)
      throw new DomainError('UNAUTHENTICATED', "The chair's invitation token is required.");
    if (chair.role !== 'chair') throw new DomainError('FORBIDDEN', 'Only the chair invites participants.');
    const body = InviteBodySchema.parse(req.body);
    const invitation = await options.sessions.invite(sessionId, body);
    res.status(201).json({
      ok: true,
      data: { participant: invitation.participant, link: inviteLink(options.publicUrl(), sessionId, invitation.token) },
    });
  });

  return router;
}
