import type { ApiScope, Participant } from '@plenum/shared';
import type { Request } from 'express';
import { isApiToken, requireScope, type ApiTokenService } from '../../domain/apiTokens.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiTokenRecord } from '../../domain/ports.js';
import type { Logger } from '../../lib/logger.js';
import { automation } from '../routes/admin.js';
import { bearer, requireAdmin, requirePreparer, requireSessionReader, type HttpAuth } from './auth.js';

/** What `/api/v1` needs to sign a request in: the links' auth, the API tokens, and where uses are logged. */
export interface ApiAuth {
  http: HttpAuth;
  tokens: ApiTokenService;
  logger: Logger;
}

/**
 * Who a `/api/v1` request acts as. An administrator (link or ADMIN_TOKEN) and an API token read
 * what the administrator reads; a session participant, by their own invitation, what their role
 * reads. `actor` is who the command pipeline logs as the author of a write.
 */
export interface ApiPrincipal {
  kind: 'administrator' | 'token' | 'participant';
  actor: Participant;
}

/** Who a session's participants may be on a route: any reader, or the session's preparer (its chair). */
type ParticipantAccess = 'none' | 'reader' | 'preparer';

/** The actor of an API token in the log: named after the token, never its secret. */
function tokenActor(token: ApiTokenRecord): Participant {
  return { id: `api-token-${token.id}`, name: token.name, role: 'administrator', unitId: null };
}

/**
 * Signs a `/api/v1` request in. An API token must be live and hold `scope` (its use is counted
 * and logged, without the token); an administrator holds every scope; a session participant is
 * let in only where `participants` allows, for `sessionId`.
 */
export async function requireApi(
  req: Request,
  auth: ApiAuth,
  scope: ApiScope,
  options: { sessionId?: string; participants?: ParticipantAccess } = {},
): Promise<ApiPrincipal> {
  const token = bearer(req);
  if (token === null) {
    throw new DomainError('UNAUTHENTICATED', 'Sign in: send an API token or an administrator link as the bearer.');
  }
  if (isApiToken(token)) {
    const record = await auth.tokens.authenticate(token);
    auth.logger.info(
      { apiTokenId: record.id, apiTokenName: record.name, method: req.method, path: req.path, scope },
      'API token used',
    );
    requireScope(record, scope);
    return { kind: 'token', actor: tokenActor(record) };
  }
  const participants = options.participants ?? 'none';
  if (participants === 'none' || options.sessionId === undefined) {
    const signed = await requireAdmin(req, auth.http);
    return { kind: 'administrator', actor: signed.participant ?? automation };
  }
  const signed =
    participants === 'preparer'
      ? await requirePreparer(req, auth.http, options.sessionId)
      : await requireSessionReader(req, auth.http, options.sessionId);
  return {
    kind: signed.isAdministrator ? 'administrator' : 'participant',
    actor: signed.participant ?? automation,
  };
}
