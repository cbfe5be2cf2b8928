import { timingSafeEqual } from 'node:crypto';
import {
  IdSchema,
  NameSchema,
  OrganisationUnitSchema,
  ReviewSessionDefinitionSchema,
  roles,
  type Participant,
} from '@plenum/shared';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { InvitationStore } from '../../domain/ports.js';
import type { SessionService } from '../../domain/sessionService.js';
import { hashToken } from '../../lib/ids.js';

const CreateSessionBodySchema = z.object({
  session: ReviewSessionDefinitionSchema.omit({ createdAt: true }),
  units: z.array(OrganisationUnitSchema).max(500).default([]),
  chairName: NameSchema,
});

const InviteBodySchema = z.object({
  name: NameSchema,
  role: z.enum(roles),
  unitId: IdSchema.nullable().default(null),
});

function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a));
  const y = Buffer.from(hashToken(b));
  return timingSafeEqual(x, y);
}

export interface SessionRoutesOptions {
  sessions: SessionService;
  invitations: InvitationStore;
  /** Lets the organisation convene sessions over HTTP; unset disables that endpoint. */
  adminToken: string | null;
  /** Base of invite links, e.g. `http://localhost:3000`. */
  publicUrl: string;
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
    const token = bearer(req);
    if (options.adminToken === null) {
      throw new DomainError('FORBIDDEN', 'Convening sessions over HTTP is disabled: set ADMIN_TOKEN on the server.');
    }
    if (token === null || !sameSecret(token, options.adminToken)) {
      throw new DomainError('UNAUTHENTICATED', 'A valid admin token is required.');
    }
    const body = CreateSessionBodySchema.parse(req.body);
    const { sessionId, chair } = await options.sessions.createSession(body.session, body.units, body.chairName);
    res.status(201).json({
      ok: true,
      data: {
        sessionId,
        chair: { participant: chair.participant, link: inviteLink(options.publicUrl, sessionId, chair.token) },
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
      data: { participant: invitation.participant, link: inviteLink(options.publicUrl, sessionId, invitation.token) },
    });
  });

  return router;
}
