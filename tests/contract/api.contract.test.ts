import { createServer } from 'node:http';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  apiScopes,
  defaultThresholds,
  type ApiScope,
  type CreatedApiToken,
  type WebhookAnswerData,
} from '@plenum/shared';
import { demoSessionIds } from '@plenum/server';
import { describe, expect, onTestFinished, test } from 'vitest';
import { commandFixtures } from '../fixtures/commands.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { listenOnLoopback } from '../helpers/localServer.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { responseChecker, type SeenResponse } from './openApiResponses.js';

interface Documented {
  paths: Record<string, Record<string, { 'x-required-scope': ApiScope | 'administrator'; responses: object }>>;
}

/** A clock the test moves forward, so that a token expires without waiting. */
function movableClock(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** A webhook receiver on an ephemeral loopback port that answers 200 and keeps each delivery's `webhook-id`. */
async function startReceiver() {
  const deliveryIds: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      deliveryIds.push(String(req.headers['webhook-id']));
      res.writeHead(200).end();
    });
  });
  const url = await listenOnLoopback(server);
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `${url}/hooks`, deliveryIds };
}

/** Calls the server and keeps what it answered, with the documented path it called. */
function caller(server: TestServer, seen: SeenResponse[]) {
  return async (
    method: string,
    path: string,
    values: Record<string, string>,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<SeenResponse> => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${url}`, {
      method: method.toUpperCase(),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const answer: SeenResponse = {
      method,
      path,
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: await res.json(),
    };
    seen.push(answer);
    return answer;
  };
}

const unitBody = {
  name: 'Western Dairy Cooperative',
  kind: 'enterprise',
  parentId: null,
  ownership: 'cooperative',
  sector: 'Food',
  class: null,
  region: 'West',
};

// Each starts a real server and makes about a hundred requests; the validator compiles the 3.1 meta-schema.
describe('the REST API against its OpenAPI document', { timeout: 60_000 }, () => {
  test('the document is OpenAPI 3.1, valid, with at least 20 paths, security schemes and a problem for every refusal', async () => {
    const server = await startTestServer();
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as Documented & { openapi: string; components: { securitySchemes: object } };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(await new Validator().validate(document as unknown as Record<string, unknown>)).toEqual({ valid: true });
    expect(Object.keys(document.paths).length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(document.components.securitySchemes)).toEqual(['apiToken', 'administrator', 'invitation']);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses).map(Number);
        expect(
          statuses.filter((s) => s >= 400),
          `${method} ${path}`,
        ).toEqual(expect.arrayContaining([400, 401, 403, 429, 500]));
      }
    }
    const docs = await fetch(`${server.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect((await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  test('every documented operation answers as documented, and refuses no token, a wrong scope, an expired and a revoked token', async () => {
    const clock = movableClock('2026-04-13T09:00:00.000Z');
    // Webhook receivers on loopback allowed, so that a subscription can be made and delivered to.
    const server = await startTestServer({ clock, webhooks: { policy: { allowPrivate: true, allowedCidrs: [] } } });
    const receiver = await startReceiver();
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Documented;
    const check = responseChecker(document);
    const seen: SeenResponse[] = [];
    const call = caller(server, seen);
    const admin = server.tokens.administrator;

    // Tokens: one with every scope, one per scope for the wrong-scope refusals, one to expire, one to revoke.
    const create = async (name: string, scopes: readonly ApiScope[], expiresAt: string | null = null) => {
      const answer = await call(
        'post',
        '/api/v1/admin/tokens',
        {},
        { token: admin, body: { name, scopes, expiresAt } },
      );
      expect(answer.status).toBe(201);
      return answer.body as CreatedApiToken;
    };
    const all = await create('Reporting system', apiScopes);
    const onlyScope = Object.fromEntries(
      await Promise.all(apiScopes.map(async (scope) => [scope, (await create(`Only ${scope}`, [scope])).token])),
    ) as Record<ApiScope, string>;
    const expiring = await create('Expiring', apiScopes, '2026-04-13T10:00:00.000Z');
    const revoked = await create('Revoked', apiScopes);
    const token = all.token;

    const { organisationId } = (await call('get', '/api/v1/organisation', {}, { token })).body as {
      organisationId: string;
    };
    const sessionId = server.sessionId;
    const ids: Record<string, string> = { organisationId, sessionId, unitId: 'western-dairy' };

    // A webhook hearing of directives, so that the one issued next leaves a delivery to list and redeliver.
    const subscribed = await call('post', '/api/v1/admin/webhooks', ids, {
      token: admin,
      body: { url: receiver.url, eventTypes: ['directive.issued'] },
    });
    ids.webhookId = (subscribed.body as WebhookAnswerData<'webhookCreated'>).subscription.id;

    // A directive for the fisheries, issued live by the chair, for the API to acknowledge and answer.
    const chair = await server.connect('chair');
    expectOk(
      await sendCommand(chair, sessionId, {
        type: 'directive:issue',
        payload: {
          kind: 'explain-failure',
          assigneeUnitId: 'harbour-fisheries',
          title: 'Explain the missed catch',
          text: null,
          dueDate: '2026-04-30',
          fromCriticismId: null,
        },
      }),
    );
    ids.directiveId = (await server.state()).directiveOrder.at(-1)!;
    await server.app.webhooks.sweep(sessionId);
    await server.app.webhooks.runDue();

    // Every operation, as documented: reads, then writes, each answered and checked.
    await call('get', '/api/v1/organisations/{organisationId}/units', ids, { token });
    await call('put', '/api/v1/organisations/{organisationId}/units/{unitId}', ids, { token, body: unitBody });
    await call('get', '/api/v1/organisations/{organisationId}/units/{unitId}/commitments', ids, { token });
    await call('post', '/api/v1/organisations/{organisationId}/units/{unitId}/retire', ids, { token });
    await call('get', '/api/v1/sessions', ids, { token });
    await call('get', '/api/v1/sessions/{sessionId}', ids, { token });
    await call('get', '/api/v1/sessions/{sessionId}/agenda', ids, { token });
    await call('get', '/api/v1/sessions/{sessionId}/units', ids, { token });
    await call('get', '/api/v1/sessions/{sessionId}/participants', ids, { token });
    for (const record of ['reports', 'verifications', 'criticisms', 'directives', 'warnings']) {
      await call('get', `/api/v1/sessions/{sessionId}/${record}`, ids, { token });
    }
    await call('get', '/api/v1/sessions/{sessionId}/trends', ids, { token });
    const invited = await call('post', '/api/v1/sessions/{sessionId}/invitations', ids, {
      token,
      body: { name: 'Kim Official', role: 'official' },
    });
    ids.participantId = (
      invited.body as { invitations: { participant: { id: string } }[] }
    ).invitations[0]!.participant.id;
    await call('patch', '/api/v1/sessions/{sessionId}/participants/{participantId}', ids, {
      token,
      body: { name: 'Kim Official (deputy)' },
    });
    await call('post', '/api/v1/sessions/{sessionId}/participants/{participantId}/reissue', ids, { token });
    await call('post', '/api/v1/sessions/{sessionId}/participants/{participantId}/revoke', ids, { token });
    await call('post', '/api/v1/sessions/{sessionId}/reports', ids, {
      token,
      body: commandFixtures['report:submit'].payload,
      headers: { 'idempotency-key': 'cement-q1' },
    });
    await call('post', '/api/v1/sessions/{sessionId}/directives/{directiveId}/acknowledge', ids, { token });
    await call('post', '/api/v1/sessions/{sessionId}/directives/{directiveId}/answer', ids, {
      token,
      body: { text: 'The fleet was in dock for repairs for six weeks.' },
    });
    const convened = await call('post', '/api/v1/sessions', ids, {
      token,
      body: {
        session: {
          title: 'Northern Province — second-quarter economic review',
          period: '2026-Q2',
          organisation: 'Northern Province Committee',
          days: [{ id: 'q2-day-1', date: '2026-07-13', title: 'Day 1' }],
          thresholds: defaultThresholds,
          conferenceLink: null,
          organiserUnitId: 'northern-province',
          previousSessionId: null,
        },
        chairName: 'Chair — Q2',
      },
    });
    // The city's follow-up of the closed Q4 review, and a relay of its explanations (none left the city yet).
    const followUp = await call(
      'post',
      '/api/v1/sessions/{sessionId}/cascades',
      { sessionId: demoSessionIds.previous },
      {
        token,
        body: {
          unitId: 'riverside-city',
          title: 'Riverside City — follow-up of the Q4 review',
          days: [{ id: 'city-day-1', date: '2026-04-20', title: 'Day 1' }],
          thresholds: { ...defaultThresholds, warningBelow: 0.8 },
          chairName: 'City chair',
        },
      },
    );
    expect(followUp.status).toBe(201);
    const followUpId = (followUp.body as { sessionId: string }).sessionId;
    expect(
      (await call('post', '/api/v1/sessions/{sessionId}/relays', { sessionId: followUpId }, { token })).body,
    ).toEqual({
      relayed: [],
    });
    await call('get', '/api/v1/admin/tokens', ids, { token: admin });
    ids.tokenId = revoked.apiToken.id;
    await call('post', '/api/v1/admin/tokens/{tokenId}/revoke', ids, { token: admin });
    await call('get', '/api/v1/admin/webhooks', ids, { token: admin });
    const logged = await call('get', '/api/v1/admin/webhooks/{webhookId}/deliveries', ids, { token: admin });
    const [delivery] = (logged.body as WebhookAnswerData<'deliveries'>).deliveries;
    expect(delivery).toMatchObject({ eventType: 'directive.issued', status: 'delivered' });
    ids.deliveryId = delivery!.id;
    await call('post', '/api/v1/admin/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', ids, { token: admin });
    expect(receiver.deliveryIds).toEqual([delivery!.id, delivery!.id]);
    const paused = await call('patch', '/api/v1/admin/webhooks/{webhookId}', ids, {
      token: admin,
      body: { active: false },
    });
    expect((paused.body as WebhookAnswerData<'webhook'>).webhook.active).toBe(false);
    await call('delete', '/api/v1/admin/webhooks/{webhookId}', ids, { token: admin });
    const verification = await call('get', '/api/v1/admin/sessions/{sessionId}/verification', ids, { token: admin });
    expect(verification.body).toMatchObject({ verdict: { intact: true } });
    // A person's own notifications, by their invitation: the presenter's, of the item started above.
    const presenter = server.tokens.presenter;
    await call('get', '/api/v1/sessions/{sessionId}/notifications', ids, { token: presenter });
    await call('post', '/api/v1/sessions/{sessionId}/notifications/read', ids, { token: presenter, body: {} });
    const choices = await call('get', '/api/v1/sessions/{sessionId}/notifications/choices', ids, { token: presenter });
    await call('put', '/api/v1/sessions/{sessionId}/notifications/choices', ids, {
      token: presenter,
      body: { ...(choices.body as object), language: 'ko' },
    });
    const successes = seen.filter((s) => s.status < 300);
    expect(
      seen.filter((s) => s.status >= 300),
      'every documented call succeeds',
    ).toEqual([]);
    expect(convened.status).toBe(201);

    // Someone invited already, or twice in the list: nobody invited, each entry named, 422 as over REST.
    const duplicates = await call('post', '/api/v1/sessions/{sessionId}/invitations', ids, {
      token,
      body: {
        invitees: [
          { name: server.participants.official.name, role: 'official' },
          { name: 'Nadia New', role: 'observer' },
          { name: 'nadia  NEW', role: 'observer' },
        ],
      },
    });
    expect(duplicates).toMatchObject({
      status: 422,
      body: {
        code: 'INVALID_PAYLOAD',
        issues: [
          {
            path: 'invitees.0.name',
            reason: { code: 'invited-already', participant: server.participants.official, sameBy: 'name' },
          },
          { path: 'invitees.2.name', reason: { code: 'same-as-earlier-entry', entry: 2, sameBy: 'name' } },
        ],
      },
    });

    // The same report again with the same key: the first answer, nothing appended (P2).
    const head = await server.head();
    const again = await call('post', '/api/v1/sessions/{sessionId}/reports', ids, {
      token,
      body: commandFixtures['report:submit'].payload,
      headers: { 'idempotency-key': 'cement-q1' },
    });
    expect(again.status).toBe(201);
    expect(await server.head()).toBe(head);

    // Refusals of every operation: no token, a token without its scope, an expired one, a revoked one.
    clock.advance(2 * 60 * 60 * 1000);
    const refusals: { call: string; status: number; code: unknown }[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const scope = operation['x-required-scope'];
        const wrong =
          scope === 'administrator' ? token : onlyScope[scope === 'read:sessions' ? 'read:records' : 'read:sessions'];
        const bearers: [string, string | undefined, number][] = [
          ['no token', undefined, 401],
          ['wrong scope', wrong, 403],
          ['expired', expiring.token, scope === 'administrator' ? 403 : 401],
          ['revoked', revoked.token, scope === 'administrator' ? 403 : 401],
        ];
        for (const [why, bearer, status] of bearers) {
          const answer = await call(method, path, ids, { token: bearer, body: method === 'get' ? undefined : {} });
          refusals.push({
            call: `${why}: ${method} ${path}`,
            status: answer.status,
            code: (answer.body as { code?: unknown }).code,
          });
          expect(answer.status, `${why}: ${method} ${path}`).toBe(status);
        }
      }
    }
    expect(refusals.filter((r) => r.status === 401).every((r) => r.code === 'UNAUTHENTICATED')).toBe(true);
    expect(refusals.filter((r) => r.status === 403).every((r) => r.code === 'FORBIDDEN')).toBe(true);

    // Every answer fits the document, and every documented operation was answered with its success.
    expect(seen.flatMap(check)).toEqual([]);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(new Set(successes.map((s) => `${s.method} ${s.path}`))).toEqual(new Set(documented));
  });

  test('negative control: the checker catches an answer that breaks the document', async () => {
    const server = await startTestServer({ store: 'memory' });
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Documented;
    const check = responseChecker(document);
    const seen: SeenResponse[] = [];
    const call = caller(server, seen);
    const fits = await call(
      'get',
      '/api/v1/sessions/{sessionId}',
      { sessionId: server.sessionId },
      {
        token: server.tokens.administrator,
      },
    );
    expect(check(fits)).toEqual([]);
    const { sessionId: _dropped, ...withoutId } = fits.body as Record<string, unknown>;
    expect(check({ ...fits, body: withoutId }).join()).toContain("must have required property 'sessionId'");
    expect(check({ ...fits, body: { ...withoutId, sessionId: 42 } }).join()).toContain('must be string');
    expect(check({ ...fits, status: 418 })).toEqual(['get /api/v1/sessions/{sessionId} does not document status 418']);
    expect(check({ ...fits, contentType: 'text/html' })[0]).toContain('media type text/html is not documented');
    const problem = await call('get', '/api/v1/sessions/{sessionId}', { sessionId: server.sessionId });
    expect(check(problem)).toEqual([]);
    expect(check({ ...problem, body: { ...(problem.body as object), code: 'TEAPOT' } }).join()).toContain(
      'must be equal to one of the allowed values',
    );
  });
});
