import type Database from 'better-sqlite3';
import type { ApiTokenRecord, ApiTokenStore } from '../../domain/ports.js';
import {
  apiTokenColumns,
  apiTokenNameConflict,
  apiTokenValues,
  toApiToken,
  type ApiTokenRow,
} from '../apiTokenRows.js';

/** The API tokens of a SQLite store (migrations 4 and 10). */
export class SqliteApiTokens implements ApiTokenStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      save: db.prepare(
        `INSERT INTO api_tokens (${apiTokenColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${apiTokenNameConflict}`,
      ),
      find: db.prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?'),
      list: db.prepare<[string], ApiTokenRow>(
        'SELECT * FROM api_tokens WHERE organisation_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      revoke: db.prepare(
        'UPDATE api_tokens SET revoked_at = ? WHERE organisation_id = ? AND id = ? AND revoked_at IS NULL',
      ),
      use: db.prepare('UPDATE api_tokens SET use_count = use_count + 1, last_used_at = ? WHERE id = ?'),
    };
  }

  saveApiToken(record: ApiTokenRecord): Promise<boolean> {
    return Promise.resolve(this.statements.save.run(...apiTokenValues(record)).changes > 0);
  }

  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = this.statements.find.get(tokenHash);
    return Promise.resolve(row ? toApiToken(row) : null);
  }

  listApiTokens(organisationId: string): Promise<ApiTokenRecord[]> {
    return Promise.resolve(this.statements.list.all(organisationId).map(toApiToken));
  }

  revokeApiToken(organisationId: string, id: string, at: string): Promise<boolean> {
    return Promise.resolve(this.statements.revoke.run(at, organisationId, id).changes > 0);
  }

  recordApiTokenUse(id: string, at: string): Promise<void> {
    this.statements.use.run(at, id);
    return Promise.resolve();
  }
}
