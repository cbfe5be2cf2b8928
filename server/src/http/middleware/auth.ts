import { timingSafeEqual } from 'node:crypto';
import type { Participant } from '@plenum/shared';
import type { Request } from 'express';
import { DomainError } from '../../domain/errors.js';
import type { InvitationStore } from '../../domain/ports.js';
import { hashToken } from '../../lib/ids.js';
import { isUsable } from '../../realtime/gateway/handshake.js';

/** The bearer token of a request, or null. */
export function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

/** Throws unless the request carries the organisation's admin token (compared in constant time). */
export function requireAdmin(req: Request, adminToken: string | null): void {
  if (adminToken === null) {
    throw new DomainError('FORBIDDEN', 'Administration over HTTP is disabled: set ADMIN_TOKEN on the server.');
  }
  const token = bearer(req);
  // Hashing first gives both sides the same length, which timingSafeEqual requires.
  if (token === null || !timingSafeEqual(Buffer.from(hashToken(token)), Buffer.from(hashToken(adminToken)))) {
    throw new DomainError('UNAUTHENTICATED', 'A valid admin token is required.');
  }
}

/**
 * The participant whose invitation the request's bearer token is, for `sessionId`: null for no
 * token, an unknown one, one revoked or expired at `now`, or one of another session.
 */
export async function sessionParticipant(
  req: Request,
  sessionId: string,
  invitations: Pick<InvitationStore, 'findInvitation'>,
  now: Date,
): Promise<Participant | null> {
  const token = bearer(req);
  const record = token === null ? null : await invitations.findInvitation(hashToken(token));
  return isUsable(record, now) && record.sessionId === sessionId ? record.participant : null;
}
