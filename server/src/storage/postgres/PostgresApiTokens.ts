import type pg from 'pg';
import type { ApiTokenRecord, ApiTokenStore } from '../../domain/ports.js';
import {
  apiTokenColumns,
  apiTokenNameConflict,
  apiTokenValues,
  toApiToken,
  type ApiTokenRow,
} from '../apiTokenRows.js';

/** The API tokens of a PostgreSQL store (migrations 4 and 10). */
export class PostgresApiTokens implements ApiTokenStore {
  constructor(private readonly pool: pg.Pool) {}

  async saveApiToken(record: ApiTokenRecord): Promise<boolean> {
    // A save racing another for the same name waits on the index for that one to commit, then
    // inserts nothing: no error to read, and no other unique violation mistaken for this one.
    const result = await this.pool.query(
      `INSERT INTO api_tokens (${apiTokenColumns}) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12) ${apiTokenNameConflict}`,
      apiTokenValues(record),
    );
    return (result.rowCount ?? 0) > 0;
  }

  async findApiToken(tokenHash: string): Promise<ApiTokenRecord | null> {
    const { rows } = await this.pool.query<ApiTokenRow>('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0] ? toApiToken(rows[0]) : null;
  }

  async listApiTokens(organisationId: string): Promise<ApiTokenRecord[]> {
    const { rows } = await this.pool.query<ApiTokenRow>(
      'SELECT * FROM api_tokens WHERE organisation_id = $1 ORDER BY created_at DESC, id',
      [organisationId],
    );
    return rows.map(toApiToken);
  }

  async revokeApiToken(organisationId: string, id: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE api_tokens SET revoked_at = $1 WHERE organisation_id = $2 AND id = $3 AND revoked_at IS NULL',
      [at, organisationId, id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async recordApiTokenUse(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE api_tokens SET use_count = use_count + 1, last_used_at = $1 WHERE id = $2', [at, id]);
  }
}
