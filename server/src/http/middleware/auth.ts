import { timingSafeEqual } from 'node:crypto';
import type { Participant } from '@plenum/shared';
import type { Request } from 'express';
import type { AdminService } from '../../domain/adminService.js';
import { DomainError } from '../../domain/errors.js';
import type { InvitationStore } from '../../domain/ports.js';
import type { InvitationActor } from '../../domain/sessionService.js';
import { hashToken } from '../../lib/ids.js';

/** The bearer token of a request, or null. */
export function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

/** Who may sign in over HTTP: administrators (by their links or ADMIN_TOKEN) and chairs. */
export interface HttpAuth {
  admin: AdminService;
  invitations: InvitationStore;
  /** ADMIN_TOKEN, for automation; null: disabled. */
  adminToken: string | null;
  now(): Date;
}

/** Who a request acts as; `participant` is null for ADMIN_TOKEN, which names nobody. */
export interface Signed extends InvitationActor {
  participant: Participant | null;
}

const automation: Signed = { id: 'admin', isAdministrator: true, participant: null };

/** Compared in constant time; hashing first gives both sides the same length, which timingSafeEqual requires. */
function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a)), Buffer.from(hashToken(b)));
}

/** The administrator the token signs in, or null. */
async function administrator(auth: HttpAuth, token: string): Promise<Signed | null> {
  if (auth.adminToken !== null && sameToken(token, auth.adminToken)) return automation;
  const participant = await auth.admin.signedIn(hashToken(token));
  return participant && { id: participant.id, isAdministrator: true, participant };
}

/** The live (not revoked, not expired) session invitation the token names, or null. */
async function sessionInvitation(auth: HttpAuth, token: string) {
  const record = await auth.invitations.findInvitation(hashToken(token));
  if (!record || record.revokedAt !== null) return null;
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= auth.now().getTime()) return null;
  return record.participant.role === 'administrator' ? null : record;
}

function requireToken(req: Request): string {
  const token = bearer(req);
  if (token === null) throw new DomainError('UNAUTHENTICATED', 'Sign in: an administrator link or token is required.');
  return token;
}

/**
 * The administrator a request signs in (a live administrator link's token, or ADMIN_TOKEN);
 * throws UNAUTHENTICATED without a valid token, FORBIDDEN for a session participant's.
 */
export async function requireAdmin(req: Request, auth: HttpAuth): Promise<Signed> {
  const token = requireToken(req);
  const signed = await administrator(auth, token);
  if (signed) return signed;
  if (await sessionInvitation(auth, token)) {
    throw new DomainError('FORBIDDEN', 'Only an administrator of the organisation may do this.');
  }
  throw new DomainError('UNAUTHENTICATED', 'This administrator link is not valid (revoked, expired or mistyped).');
}

/**
 * Who prepares the session: an administrator, or the session's chair by their own invitation;
 * another participant's token is FORBIDDEN, an invalid one UNAUTHENTICATED.
 */
export async function requirePreparer(req: Request, auth: HttpAuth, sessionId: string): Promise<Signed> {
  const token = requireToken(req);
  const signed = await administrator(auth, token);
  if (signed) return signed;
  const record = await sessionInvitation(auth, token);
  if (!record) throw new DomainError('UNAUTHENTICATED', 'This link is not valid (revoked, expired or mistyped).');
  if (record.sessionId !== sessionId || record.participant.role !== 'chair') {
    throw new DomainError('FORBIDDEN', 'Only the session’s chair or an administrator prepares the session.');
  }
  return { id: record.participant.id, isAdministrator: false, participant: record.participant };
}

/**
 * Who reads a session's records: an administrator, or a participant of this session by their own
 * live invitation; a live invitation to another session is FORBIDDEN, an invalid token UNAUTHENTICATED.
 */
export async function requireSessionReader(req: Request, auth: HttpAuth, sessionId: string): Promise<Signed> {
  const token = requireToken(req);
  const signed = await administrator(auth, token);
  if (signed) return signed;
  const record = await sessionInvitation(auth, token);
  if (!record) throw new DomainError('UNAUTHENTICATED', 'This link is not valid (revoked, expired or mistyped).');
  if (record.sessionId !== sessionId) {
    throw new DomainError('FORBIDDEN', 'This invitation is to another review session.');
  }
  return { id: record.participant.id, isAdministrator: false, participant: record.participant };
}
