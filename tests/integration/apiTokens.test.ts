import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { createLogger, hashToken, type SqliteStore } from '@plenum/server';
import type { ApiRecord, ApiTokenSummary, CreatedApiToken, Problem } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { commandFixtures } from '../fixtures/commands.js';
import { joinSession } from '../helpers/joinSession.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

/** A logger writing into memory, to read what the server logged. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), text: () => lines.join('') };
}

async function call<T = unknown>(
  server: TestServer,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T; type: string | null }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, type: res.headers.get('content-type') };
}

async function createToken(server: TestServer, scopes: string[], name = 'Reporting system') {
  const created = await call<CreatedApiToken>(server, 'POST', '/api/v1/admin/tokens', server.tokens.administrator, {
    name,
    scopes,
    expiresAt: null,
  });
  expect(created.status).toBe(201);
  return created.body;
}

describe('API tokens', () => {
  test('a token is shown once, stored only as its hash, and each use is counted and logged without it', async () => {
    const log = capturedLogger();
    const server = await startTestServer({ logger: log.logger });
    const { token, apiToken } = await createToken(server, ['read:sessions']);
    expect(token).toMatch(/^plnm_[A-Za-z0-9_-]{43}$/);

    for (let i = 0; i < 2; i++) expect((await call(server, 'GET', '/api/v1/sessions', token)).status).toBe(200);
    const listed = await call<{ apiTokens: ApiTokenSummary[] }>(
      server,
      'GET',
      '/api/v1/admin/tokens',
      server.tokens.administrator,
    );
    const summary = listed.body.apiTokens.find((t) => t.id === apiToken.id)!;
    expect(summary).toMatchObject({ useCount: 2, scopes: ['read:sessions'], revokedAt: null });
    expect(summary.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const uses = log
      .text()
      .split('\n')
      .filter((line) => line.includes('"API token used"'));
    expect(uses).toHaveLength(2);
    expect(JSON.parse(uses[0]!)).toMatchObject({ apiTokenId: apiToken.id, method: 'GET', path: '/api/v1/sessions' });
    expect(log.text()).not.toContain(token);

    // On disk (the database and its write-ahead log): the hash, never the token.
    const file = (server.store as SqliteStore).file;
    const bytes = Buffer.concat([await readFile(file), await readFile(`${file}-wal`).catch(() => Buffer.alloc(0))]);
    expect(bytes.includes(token)).toBe(false);
    expect(bytes.includes(hashToken(token))).toBe(true);
  });

  test('a token writes through the command pipeline: open screens see the report, the log names the token', async () => {
    const server = await startTestServer();
    const { token, apiToken } = await createToken(server, ['write:reports']);
    const chair = await server.connect('chair');
    await joinSession(chair, server.sessionId);
    const seen = waitForEvent(chair, 'session:events', (m) => m.events.some((e) => e.type === 'report:submitted'));
    const submitted = await call<{ seq: number }>(
      server,
      'POST',
      `/api/v1/sessions/${server.sessionId}/reports`,
      token,
      commandFixtures['report:submit'].payload,
    );
    expect(submitted.status).toBe(201);
    const [event] = await server.store.read(server.sessionId, submitted.body.seq - 1, 1);
    expect(event).toMatchObject({ type: 'report:submitted', actorId: `api-token-${apiToken.id}` });
    expect((await seen).events.find((e) => e.type === 'report:submitted')?.seq).toBe(submitted.body.seq);
  });

  test('a token acts with exactly its scopes, never mints tokens, and is refused at once when revoked', async () => {
    const server = await startTestServer();
    const { token, apiToken } = await createToken(server, ['read:sessions']);
    const admin = server.tokens.administrator;

    const convene = await call<Problem>(server, 'POST', '/api/v1/sessions', token, {});
    expect(convene).toMatchObject({ status: 403, type: 'application/problem+json; charset=utf-8' });
    expect(convene.body).toMatchObject({ code: 'FORBIDDEN', detail: 'This API token lacks the scope write:sessions.' });
    const mint = await call<Problem>(server, 'POST', '/api/v1/admin/tokens', token, {
      name: 'Another',
      scopes: ['read:sessions'],
      expiresAt: null,
    });
    expect(mint.body).toMatchObject({ status: 403, code: 'FORBIDDEN', instance: '/api/v1/admin/tokens' });
    // The preparation routes of the admin console take administrators' links, not API tokens.
    expect((await call<Problem>(server, 'GET', '/api/sessions', token)).body.code).toBe('UNAUTHENTICATED');

    const past = await call<Problem>(server, 'POST', '/api/v1/admin/tokens', admin, {
      name: 'Stale',
      scopes: ['read:sessions'],
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    expect(past.body).toMatchObject({ code: 'INVALID_PAYLOAD', issues: [{ path: 'expiresAt' }] });

    expect((await call(server, 'POST', `/api/v1/admin/tokens/${apiToken.id}/revoke`, admin)).status).toBe(200);
    const after = await call<Problem>(server, 'GET', '/api/v1/sessions', token);
    expect(after.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: 'This API token was revoked.' });
    expect((await call<Problem>(server, 'POST', `/api/v1/admin/tokens/${apiToken.id}/revoke`, admin)).status).toBe(404);
  });

  test('a name another token not revoked has, letter case aside, is refused on the name field; a revoked one’s is free', async () => {
    const server = await startTestServer({ store: 'memory' });
    const admin = server.tokens.administrator;
    const { apiToken } = await createToken(server, ['read:sessions'], 'Reporting system');
    const tokenNames = async () =>
      (await call<{ apiTokens: ApiTokenSummary[] }>(server, 'GET', '/api/v1/admin/tokens', admin)).body.apiTokens.map(
        (token) => token.name,
      );

    const again = await call<Problem>(server, 'POST', '/api/v1/admin/tokens', admin, {
      name: '  reporting SYSTEM ',
      scopes: ['read:records'],
      expiresAt: null,
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'name', reason: { code: 'api-token-name-taken' } }],
    });
    expect(await tokenNames()).toEqual(['Reporting system']);

    expect((await call(server, 'POST', `/api/v1/admin/tokens/${apiToken.id}/revoke`, admin)).status).toBe(200);
    await createToken(server, ['read:records'], 'Reporting system');
    expect(await tokenNames()).toEqual(['Reporting system', 'Reporting system']);
  });

  // The name is checked by the store's insert, not read first and inserted after: two creates at
  // the same instant cannot both pass a check neither has yet written through.
  for (const store of ['sqlite', 'postgres'] as const) {
    test.skipIf(store === 'postgres' && !process.env.DATABASE_URL)(
      `${store}: two creates of one name at the same instant make one token; the other is refused on the name`,
      async () => {
        const server = await startTestServer({ store });
        const admin = server.tokens.administrator;
        const create = (name: string) =>
          call<CreatedApiToken & Problem>(server, 'POST', '/api/v1/admin/tokens', admin, {
            name,
            scopes: ['read:sessions'],
            expiresAt: null,
          });
        const answers = await Promise.all([create('Ledger'), create('LEDGER')]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400]);
        expect(answers.find((answer) => answer.status === 400)!.body).toMatchObject({
          code: 'INVALID_PAYLOAD',
          issues: [{ path: 'name', reason: { code: 'api-token-name-taken' } }],
        });
        const created = answers.find((answer) => answer.status === 201)!.body.apiToken;
        const listed = await call<{ apiTokens: ApiTokenSummary[] }>(server, 'GET', '/api/v1/admin/tokens', admin);
        expect(listed.body.apiTokens.map((token) => token.id)).toEqual([created.id]);
      },
    );
  }

  test('negative control: a read the scope check let through is caught in every cell of the refusal matrix', async () => {
    const server = await startTestServer({ store: 'memory' });
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-required-scope': string }>>;
    };
    const reads = Object.entries(document.paths)
      .filter(([, methods]) => methods.get?.['x-required-scope'] === 'read:sessions')
      .map(([path]) => path.replace('{sessionId}', server.sessionId).replace('{organisationId}', 'northern-province'));
    /** The reads that did not answer 403 to `token`. */
    const wrongCells = async (token: string) => {
      const wrong: string[] = [];
      for (const path of reads) {
        const answer = await call<Problem>(server, 'GET', path, token);
        if (answer.status !== 403 || answer.body.code !== 'FORBIDDEN') wrong.push(`${path}: ${answer.status}`);
      }
      return wrong;
    };
    expect(reads.length).toBeGreaterThanOrEqual(6);
    expect(await wrongCells((await createToken(server, ['read:records'], 'Records')).token)).toEqual([]);
    // As if the check were off: the caller holds what the route asks for, and every cell turns red.
    expect(await wrongCells((await createToken(server, ['read:sessions'], 'Sessions')).token)).toHaveLength(
      reads.length,
    );
  });

  test('records over the API follow the downloads’ rules for each role', async () => {
    const server = await startTestServer();
    const records = (role: 'observer' | 'official' | 'chair', name: string) =>
      call<ApiRecord & Problem>(server, 'GET', `/api/v1/sessions/${server.sessionId}/${name}`, server.tokens[role]);

    expect((await records('observer', 'directives')).body.code).toBe('FORBIDDEN');
    expect((await records('observer', 'criticisms')).status).toBe(200);
    expect((await records('official', 'participants')).body.code).toBe('FORBIDDEN');
    expect((await records('chair', 'participants')).status).toBe(200);

    // The same rows as the official's results.csv: one set of rules, not a second copy.
    const json = (await records('official', 'reports')).body;
    const csv = await fetch(`${server.url}/api/sessions/${server.sessionId}/results.csv`, {
      headers: { authorization: `Bearer ${server.tokens.official}` },
    });
    const lines = (await csv.text()).trim().split('\n');
    expect(json.rows.length).toBe(lines.length - 1);
    expect(json.columns.map((c) => c.header).join(',')).toBe(lines[0]!.replace(/^\uFEFF/, ''));

    // Another session's participant reads nothing of this one.
    const foreign = await call<Problem>(server, 'GET', '/api/v1/sessions/elsewhere/agenda', server.tokens.official);
    expect(foreign.body.code).toBe('FORBIDDEN');
  });
});
