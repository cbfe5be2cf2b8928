import { describe, expect, test } from 'vitest';
import { InMemoryStore } from '../storage/InMemoryStore.js';
import { ApiTokenService, isApiToken, requireScope } from './apiTokens.js';
import { DomainError } from './errors.js';

function service(start = '2026-04-13T09:00:00.000Z') {
  let now = Date.parse(start);
  let n = 0;
  const store = new InMemoryStore();
  const tokens = new ApiTokenService({
    store,
    clock: { now: () => new Date(now) },
    ids: { next: () => `tok-${++n}`, derive: (...parts) => parts.join('_') },
    secrets: { issue: () => ({ token: `plnm_secret-${n}`, hash: `hash-${n}` }), hash: (t) => `hash-${t.slice(12)}` },
  });
  return { tokens, store, advance: (ms: number) => (now += ms) };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error('expected a DomainError');
  return { code: error.code, message: error.message };
};

describe('ApiTokenService', () => {
  test('a created token is answered once and kept as its hash, with duplicate scopes dropped', async () => {
    const { tokens, store } = service();
    const created = await tokens.create(
      'main',
      { name: 'Ledger', scopes: ['read:records', 'read:records'], expiresAt: null },
      'admin',
    );
    expect(created.token).toBe('plnm_secret-0');
    expect(created.apiToken).toMatchObject({ id: 'tok-1', scopes: ['read:records'], useCount: 0 });
    expect(JSON.stringify(await store.listApiTokens('main'))).not.toContain('plnm_secret-0');
  });

  test('a use is counted; an expired, revoked or unknown token is refused, saying which', async () => {
    const { tokens, advance } = service();
    const { token, apiToken } = await tokens.create(
      'main',
      { name: 'Ledger', scopes: ['read:sessions'], expiresAt: '2026-04-13T10:00:00.000Z' },
      'admin',
    );
    expect((await tokens.authenticate(token)).id).toBe(apiToken.id);
    expect((await tokens.list('main'))[0]).toMatchObject({ useCount: 1, lastUsedAt: '2026-04-13T09:00:00.000Z' });
    expect(await refusal(tokens.authenticate('plnm_unknown'))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'This API token is not known (mistyped or deleted).',
    });
    advance(60 * 60 * 1000);
    expect((await refusal(tokens.authenticate(token))).message).toBe('This API token has expired.');
    await tokens.revoke('main', apiToken.id);
    expect((await refusal(tokens.authenticate(token))).message).toBe('This API token was revoked.');
    expect((await refusal(tokens.revoke('main', apiToken.id))).code).toBe('NOT_FOUND');
  });

  test('a name the store already holds for a token not revoked, letter case aside, is refused on the name field', async () => {
    const { tokens, store } = service();
    const body = (name: string) => ({ name, scopes: ['read:sessions' as const], expiresAt: null });
    const settled = await Promise.allSettled([
      tokens.create('main', body('Ledger'), 'a'),
      tokens.create('main', body('LEDGER'), 'a'),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    await expect(tokens.create('main', body('ledger'), 'a')).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'name', reason: { code: 'api-token-name-taken' } }],
    });
    expect((await store.listApiTokens('main')).map((token) => token.name)).toEqual(['Ledger']);
  });

  test('an expiry in the past is refused, naming the field', async () => {
    const { tokens } = service();
    const refused = tokens.create(
      'main',
      { name: 'Old', scopes: ['read:sessions'], expiresAt: '2026-01-01T00:00:00.000Z' },
      'a',
    );
    await expect(refused).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'expiresAt', reason: { code: 'expiry-not-future' } }],
    });
  });

  test('a scope the token lacks is FORBIDDEN; API tokens are told apart by their prefix', async () => {
    const { tokens } = service();
    const { token } = await tokens.create('main', { name: 'Ledger', scopes: ['read:sessions'], expiresAt: null }, 'a');
    const record = await tokens.authenticate(token);
    expect(() => requireScope(record, 'read:sessions')).not.toThrow();
    expect(() => requireScope(record, 'write:reports')).toThrow('This API token lacks the scope write:reports.');
    expect(isApiToken(token)).toBe(true);
    expect(isApiToken('an-invitation-token')).toBe(false);
  });
});
