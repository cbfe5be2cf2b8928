import type { ApiScope, ApiTokenSummary, CreateApiTokenBody, CreatedApiToken } from '@plenum/shared';
import { DomainError } from './errors.js';
import type { ApiTokenRecord, ApiTokenStore, Clock, IdGenerator } from './ports.js';

/** What makes and recognises the tokens: a fresh secret, and its stored hash. */
export interface ApiTokenSecrets {
  issue(): { token: string; hash: string };
  hash(token: string): string;
}

export interface ApiTokenServiceDeps {
  store: ApiTokenStore;
  clock: Clock;
  ids: IdGenerator;
  secrets: ApiTokenSecrets;
}

/** Every API token starts with this, so that the server (and a secret scanner) knows one when it sees it. */
export const apiTokenPrefix = 'plnm_';

/** True when the bearer is an API token rather than an invitation or administrator link. */
export function isApiToken(token: string): boolean {
  return token.startsWith(apiTokenPrefix);
}

/** A token as the admin console lists it: everything but its hash. */
function apiTokenSummary(record: ApiTokenRecord): ApiTokenSummary {
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    lastUsedAt: record.lastUsedAt,
    useCount: record.useCount,
  };
}

/**
 * The organisation's API tokens: an administrator creates one (answered once, stored as a hash),
 * lists and revokes them; a request's bearer is checked here, and each use is counted.
 */
export class ApiTokenService {
  constructor(private readonly deps: ApiTokenServiceDeps) {}

  /**
   * Creates a token; the secret is in the answer and nowhere else. A name another token not
   * revoked already has (letter case aside) is refused on `name`: the list and the delivery log
   * tell tokens apart by name alone.
   */
  async create(organisationId: string, body: CreateApiTokenBody, createdBy: string): Promise<CreatedApiToken> {
    const now = this.deps.clock.now();
    if (body.expiresAt !== null && Date.parse(body.expiresAt) <= now.getTime()) {
      const message = 'The expiry must be in the future.';
      throw new DomainError('INVALID_PAYLOAD', message, [
        { path: 'expiresAt', message, reason: { code: 'expiry-not-future' } },
      ]);
    }
    const { token, hash } = this.deps.secrets.issue();
    const record: ApiTokenRecord = {
      id: this.deps.ids.next(),
      organisationId,
      name: body.name,
      scopes: [...new Set(body.scopes)],
      tokenHash: hash,
      createdAt: now.toISOString(),
      createdBy,
      expiresAt: body.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      useCount: 0,
    };
    if (!(await this.deps.store.saveApiToken(record))) {
      const message = 'Another API token, not revoked, already has this name.';
      throw new DomainError('INVALID_PAYLOAD', message, [
        { path: 'name', message, reason: { code: 'api-token-name-taken' } },
      ]);
    }
    return { apiToken: apiTokenSummary(record), token };
  }

  async list(organisationId: string): Promise<ApiTokenSummary[]> {
    return (await this.deps.store.listApiTokens(organisationId)).map(apiTokenSummary);
  }

  /** Revokes a live token; NOT_FOUND when the organisation has no live token of that id. */
  async revoke(organisationId: string, id: string): Promise<void> {
    const revoked = await this.deps.store.revokeApiToken(organisationId, id, this.deps.clock.now().toISOString());
    if (!revoked) throw new DomainError('NOT_FOUND', `There is no live API token ${id}.`);
  }

  /**
   * The live token a bearer names, its use counted; UNAUTHENTICATED when it is unknown, revoked
   * or expired (the message says which, never the token).
   */
  async authenticate(token: string): Promise<ApiTokenRecord> {
    const record = await this.deps.store.findApiToken(this.deps.secrets.hash(token));
    if (!record) throw new DomainError('UNAUTHENTICATED', 'This API token is not known (mistyped or deleted).');
    if (record.revokedAt !== null) throw new DomainError('UNAUTHENTICATED', 'This API token was revoked.');
    const now = this.deps.clock.now();
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime()) {
      throw new DomainError('UNAUTHENTICATED', 'This API token has expired.');
    }
    await this.deps.store.recordApiTokenUse(record.id, now.toISOString());
    return record;
  }
}

/** FORBIDDEN unless the token holds `scope`. */
export function requireScope(record: ApiTokenRecord, scope: ApiScope): void {
  if (!record.scopes.includes(scope)) {
    throw new DomainError('FORBIDDEN', `This API token lacks the scope ${scope}.`);
  }
}
