import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '../../domain/errors.js';
import { hashToken } from '../../lib/ids.js';

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
