import type { Request } from 'express';
import { isApiToken } from '../../domain/apiTokens.js';
import { DomainError } from '../../domain/errors.js';
import { bearer, requireAdmin, type HttpAuth, type Signed } from './auth.js';

/**
 * The administrator of an operation kept by administrators only (by their own link or
 * ADMIN_TOKEN): an API token is refused by name, whatever its scopes, rather than as an unknown link.
 */
export async function requireAdminNotApiToken(req: Request, auth: HttpAuth, what: string): Promise<Signed> {
  const token = bearer(req);
  if (token !== null && isApiToken(token)) {
    throw new DomainError('FORBIDDEN', `An API token may not manage ${what}: sign in as an administrator.`);
  }
  return requireAdmin(req, auth);
}
