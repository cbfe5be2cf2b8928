import { describe, expect, test } from 'vitest';
import { adminTokenKey, takeAdminToken } from './adminToken';
import { inviteTokenKey, takeInviteToken } from './inviteToken';

function environment(url: string) {
  const parsed = new URL(url, 'https://plenum.example');
  const location = { hash: parsed.hash, pathname: parsed.pathname, search: parsed.search };
  const replaced: string[] = [];
  const stored = new Map<string, string>();
  return {
    replaced,
    stored,
    env: {
      location,
      history: {
        state: null,
        replaceState: (_state: unknown, _unused: string, next?: string | URL | null) =>
          void replaced.push(String(next)),
      },
      storage: {
        getItem: (key: string) => stored.get(key) ?? null,
        setItem: (key: string, value: string) => void stored.set(key, value),
      },
    },
  };
}

describe('invite token', () => {
  test('is read from the fragment, kept per session, and removed from the address bar', () => {
    const { env, replaced, stored } = environment('/s/session-1?lang=en#token=abc123');
    expect(takeInviteToken('session-1', env)).toBe('abc123');
    expect(stored.get(inviteTokenKey('session-1'))).toBe('abc123');
    expect(replaced).toEqual(['/s/session-1?lang=en']);
  });

  test('after a reload, comes from this tab’s storage', () => {
    const { env, stored, replaced } = environment('/s/session-1');
    stored.set(inviteTokenKey('session-1'), 'abc123');
    expect(takeInviteToken('session-1', env)).toBe('abc123');
    expect(replaced).toEqual([]);
  });

  test('is kept apart for each session, and missing when there is none', () => {
    const { env, stored } = environment('/s/session-2');
    stored.set(inviteTokenKey('session-1'), 'abc123');
    expect(takeInviteToken('session-2', env)).toBeNull();
  });

  test('still works for this page when storage refuses to keep it', () => {
    const { env } = environment('/s/session-1#token=abc123');
    env.storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(takeInviteToken('session-1', env)).toBe('abc123');
  });
});

describe('administrator token', () => {
  test('is taken from /admin#token=… and kept apart from every session’s invite token', () => {
    const { env, replaced, stored } = environment('/admin#token=admin-secret');
    expect(takeAdminToken(env)).toBe('admin-secret');
    expect(stored.get(adminTokenKey)).toBe('admin-secret');
    expect(replaced).toEqual(['/admin']);
    expect(takeInviteToken('admin', { ...env, location: { hash: '', pathname: '/s/admin', search: '' } })).toBeNull();
  });
});
