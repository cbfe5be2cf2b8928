import type { ApiScope } from '@plenum/shared';
import type { ApiTokenRecord } from '../domain/ports.js';

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
}

/** The columns both stores insert, in this order. */
export const apiTokenColumns =
  'id, organisation_id, name, scopes, token_hash, created_at, created_by, expires_at, revoked_at, last_used_at, use_count';

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
