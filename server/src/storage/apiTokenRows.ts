import { Limits, type ApiScope } from '@plenum/shared';
import { apiTokenNameKey, type ApiTokenRecord } from '../domain/ports.js';

/** An API token as both SQL stores keep it: the scopes as JSON (text in SQLite, parsed by PostgreSQL). */
export interface ApiTokenRow {
  id: string;
  organisation_id: string;
  name: string;
  scopes: string | ApiScope[];
  token_hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  use_count: number | string;
  /** The name's {@link apiTokenNameKey}, unique among the organisation's tokens not revoked (migration 10). */
  name_key: string;
}

/** The columns both stores insert, in this order. */
export const apiTokenColumns =
  'id, organisation_id, name, scopes, token_hash, created_at, created_by, expires_at, revoked_at, last_used_at, use_count, name_key';

/**
 * What both stores add to the insert: a name another token not revoked holds (the partial unique
 * index `api_tokens_live_name`, migration 10) makes it insert nothing rather than fail, which the
 * caller reads as the name taken. Any other conflict (id, token hash) still fails.
 */
export const apiTokenNameConflict = 'ON CONFLICT (organisation_id, name_key) WHERE revoked_at IS NULL DO NOTHING';

/** The values of a token's row in the order of {@link apiTokenColumns}. */
export function apiTokenValues(record: ApiTokenRecord): unknown[] {
  return [
    record.id,
    record.organisationId,
    record.name,
    JSON.stringify(record.scopes),
    record.tokenHash,
    record.createdAt,
    record.createdBy,
    record.expiresAt,
    record.revokedAt,
    record.lastUsedAt,
    record.useCount,
    apiTokenNameKey(record.name),
  ];
}

/** The record a row holds. */
export function toApiToken(row: ApiTokenRow): ApiTokenRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    scopes: typeof row.scopes === 'string' ? (JSON.parse(row.scopes) as ApiScope[]) : row.scopes,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    useCount: Number(row.use_count),
  };
}

/** A token as migration 10 reads it to keep the names of those not revoked apart. */
export interface ApiTokenName {
  id: string;
  organisationId: string;
  name: string;
  revoked: boolean;
}

/**
 * Migration 10: the name each token keeps once names are unique among an organisation's tokens
 * not revoked (letter case aside), the tokens given oldest first. The oldest holder of a name
 * keeps it; a later one is renamed "name (2)", "name (3)"… (the first that no token has), rather
 * than revoked or refused, so that every token goes on working and the list tells them apart.
 * Revoked tokens keep their names.
 */
export function namesKeptApart(tokens: readonly ApiTokenName[]): { id: string; name: string }[] {
  const scoped = (organisationId: string, name: string) => JSON.stringify([organisationId, apiTokenNameKey(name)]);
  // Every name a token not revoked has now, so that a rename never takes a later token's name.
  const taken = new Set(tokens.filter((t) => !t.revoked).map((t) => scoped(t.organisationId, t.name)));
  const held = new Set<string>();
  return tokens.map(({ id, organisationId, name, revoked }) => {
    if (revoked || !held.has(scoped(organisationId, name))) {
      if (!revoked) held.add(scoped(organisationId, name));
      return { id, name };
    }
    for (let n = 2; ; n++) {
      const renamed = withSuffix(name, ` (${n})`);
      if (taken.has(scoped(organisationId, renamed))) continue;
      taken.add(scoped(organisationId, renamed));
      return { id, name: renamed };
    }
  });
}

/** `name` ending in `suffix`, shortened (by whole characters) to stay within the names' limit. */
function withSuffix(name: string, suffix: string): string {
  const characters = [...name];
  while (characters.join('').length + suffix.length > Limits.nameLength) characters.pop();
  return `${characters.join('').trimEnd()}${suffix}`;
}
