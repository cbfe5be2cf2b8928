import { addDays, defaultThresholds, type OrganisationUnit } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

const adminToken = 'automation-token-0123456789abcdef';
const org = '/api/organisations/northern-province/units';
const unitCsv = [
  'id,name,kind,parentId,ownership,sector,class,region',
  'northern-province,Northern Province,province,,state,Administration,,Northern Province',
].join('\n');

type Actor =
  | 'administrator'
  | 'ADMIN_TOKEN'
  | 'chair'
  | 'presenter'
  | 'official'
  | 'inspector'
  | 'observer'
  | 'anonymous'
  | 'revoked administrator';
const actors: readonly Actor[] = [
  'administrator',
  'ADMIN_TOKEN',
  'chair',
  'presenter',
  'official',
  'inspector',
  'observer',
  'anonymous',
  'revoked administrator',
];

interface Request {
  path: string;
  body?: unknown;
  contentType?: string;
}

/** One endpoint: who may call it, and a request for it that succeeds for them (fresh targets each time). */
interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  route: string;
  /** `admin`: administrators only; `preparer`: administrators and the session's chair. */
  access: 'admin' | 'preparer';
  request: (server: TestServer) => Promise<Request>;
}

let n = 0;
const fresh = (prefix: string) => `${prefix}-${++n}`;

function unit(id: string): OrganisationUnit {
  return {
    id,
    name: `Unit ${id}`,
    kind: 'enterprise',
    parentId: 'northern-province',
    ownership: 'state',
    sector: 'Steel',
    class: null,
    region: 'North',
  };
}

async function participantToTarget(server: TestServer): Promise<string> {
  return (await server.invite('observer', null, fresh('Target'))).participant.id;
}

const session = (server: TestServer, rest: string) => `/api/sessions/${server.sessionId}${rest}`;

const endpoints: Endpoint[] = [
  { method: 'GET', route: '/api/admin/me', access: 'admin', request: () => Promise.resolve({ path: '/api/admin/me' }) },
  {
    method: 'GET',
    route: '/api/admin/administrators',
    access: 'admin',
    request: () => Promise.resolve({ path: '/api/admin/administrators' }),
  },
  {
    method: 'POST',
    route: '/api/admin/administrators',
    access: 'admin',
    request: () => Promise.resolve({ path: '/api/admin/administrators', body: { name: fresh('Administrator') } }),
  },
  {
    method: 'POST',
    route: '/api/admin/administrators/:id/revoke',
    access: 'admin',
    request: async (server) => {
      const { participant } = await server.app.admin.invite({ name: fresh('To revoke'), email: null }, 'system');
      return { path: `/api/admin/administrators/${participant.id}/revoke` };
    },
  },
  { method: 'GET', route: org, access: 'admin', request: () => Promise.resolve({ path: org }) },
  {
    method: 'PUT',
    route: `${org}/:unitId`,
    access: 'admin',
    request: () => {
      const id = fresh('unit');
      return Promise.resolve({ path: `${org}/${id}`, body: unit(id) });
    },
  },
  {
    method: 'POST',
    route: `${org}/:unitId/retire`,
    access: 'admin',
    request: async (server) => {
      const id = fresh('retire');
      await server.app.organisations.saveUnit('northern-province', unit(id), 'system');
      return { path: `${org}/${id}/retire` };
    },
  },
  {
    method: 'POST',
    route: `${org}/preview`,
    access: 'admin',
    request: () => Promise.resolve({ path: `${org}/preview`, body: unitCsv, contentType: 'text/csv' }),
  },
  {
    method: 'POST',
    route: org,
    access: 'admin',
    request: () => Promise.resolve({ path: org, body: unitCsv, contentType: 'text/csv' }),
  },
  { method: 'GET', route: '/api/sessions', access: 'admin', request: () => Promise.resolve({ path: '/api/sessions' }) },
  {
    method: 'POST',
    route: '/api/sessions',
    access: 'admin',
    request: () =>
      Promise.resolve({
        path: '/api/sessions',
        body: {
          session: {
            title: fresh('Review'),
            period: '2026-Q3',
            organisation: 'Northern Province Committee',
            // Convening refuses a day in the past, whatever day the tests run.
            days: [{ id: 'd1', date: addDays(new Date().toISOString().slice(0, 10), 30), title: 'Day 1' }],
            thresholds: defaultThresholds,
            conferenceLink: null,
            organiserUnitId: null,
            previousSessionId: null,
          },
          chairName: 'Chair',
        },
      }),
  },
  {
    method: 'GET',
    route: '/api/sessions/:id/invitations',
    access: 'preparer',
    request: (server) => Promise.resolve({ path: session(server, '/invitations') }),
  },
  {
    method: 'POST',
    route: '/api/sessions/:id/invitations',
    access: 'preparer',
    request: (server) =>
      Promise.resolve({ path: session(server, '/invitations'), body: { name: fresh('Guest'), role: 'observer' } }),
  },
  {
    method: 'POST',
    route: '/api/sessions/:id/invitations/preview',
    access: 'preparer',
    request: (server) =>
      Promise.resolve({
        path: session(server, '/invitations/preview'),
        body: 'Guest, official, , ',
        contentType: 'text/plain',
      }),
  },
  {
    method: 'PATCH',
    route: '/api/sessions/:id/participants/:pid',
    access: 'preparer',
    request: async (server) => ({
      path: session(server, `/participants/${await participantToTarget(server)}`),
      body: { name: fresh('Renamed') },
    }),
  },
  {
    method: 'POST',
    route: '/api/sessions/:id/participants/:pid/revoke',
    access: 'preparer',
    request: async (server) => ({
      path: session(server, `/participants/${await participantToTarget(server)}/revoke`),
    }),
  },
  {
    method: 'POST',
    route: '/api/sessions/:id/participants/:pid/reissue',
    access: 'preparer',
    request: async (server) => ({
      path: session(server, `/participants/${await participantToTarget(server)}/reissue`),
    }),
  },
];

/** What each actor is answered: `ok` (2xx, `{ ok: true }`), or the status and typed code of the refusal. */
function expected(actor: Actor, access: Endpoint['access']): { status: 'ok' } | { status: number; code: string } {
  if (actor === 'administrator' || actor === 'ADMIN_TOKEN') return { status: 'ok' };
  if (actor === 'anonymous' || actor === 'revoked administrator') return { status: 401, code: 'UNAUTHENTICATED' };
  if (actor === 'chair' && access === 'preparer') return { status: 'ok' };
  return { status: 403, code: 'FORBIDDEN' };
}

/** A server with an administrator, a revoked one, ADMIN_TOKEN and the demo's participants; the token of each actor. */
async function matrixServer() {
  const server = await startTestServer({ adminToken, protections: { http: false } });
  const administrator = (await server.app.admin.ensureAdministrator())!.token;
  const revoked = await server.app.admin.invite({ name: 'Former administrator', email: null }, 'system');
  await server.app.admin.revoke(revoked.participant.id, 'system');
  const tokens: Record<Actor, string | undefined> = {
    administrator,
    ADMIN_TOKEN: adminToken,
    chair: server.tokens.chair,
    presenter: server.tokens.presenter,
    official: server.tokens.official,
    inspector: server.tokens.inspector,
    observer: server.tokens.observer,
    anonymous: undefined,
    'revoked administrator': revoked.token,
  };
  return { server, tokens };
}

/** Calls every endpoint as every actor; returns the cells whose answer is not the expected one. */
async function mismatches(
  server: TestServer,
  tokens: Record<Actor, string | undefined>,
  list: readonly Endpoint[],
): Promise<{ cells: number; wrong: string[] }> {
  const wrong: string[] = [];
  let cells = 0;
  for (const endpoint of list) {
    for (const actor of actors) {
      const { path, body, contentType } = await endpoint.request(server);
      const answer = await api(server.url, path, { method: endpoint.method, token: tokens[actor], body, contentType });
      const want = expected(actor, endpoint.access);
      const code = 'code' in answer.body ? answer.body.code : 'untyped';
      const got = 'ok' in answer.body && answer.status < 300 ? 'ok' : `${answer.status} ${code}`;
      const wanted = want.status === 'ok' ? 'ok' : `${want.status} ${want.code}`;
      cells++;
      if (got !== wanted) wrong.push(`${endpoint.method} ${endpoint.route} as ${actor}: ${got}, expected ${wanted}`);
    }
  }
  return { cells, wrong };
}

describe('HTTP authorization matrix', () => {
  test('every administrative endpoint × every kind of caller: the expected answer, each refusal typed', async () => {
    const { server, tokens } = await matrixServer();
    const { cells, wrong } = await mismatches(server, tokens, endpoints);
    expect(wrong).toEqual([]);
    expect(cells).toBe(endpoints.length * actors.length);
  });

  test('negative control: an endpoint open to anyone, listed as administrators only, is caught in every refused cell', async () => {
    const { server, tokens } = await matrixServer();
    const open: Endpoint = {
      method: 'GET',
      route: '/api/health',
      access: 'admin',
      request: () => Promise.resolve({ path: '/api/health' }),
    };
    const { wrong } = await mismatches(server, tokens, [open]);
    for (const actor of actors.filter((a) => expected(a, 'admin').status !== 'ok')) {
      expect(wrong.some((line) => line.includes(` as ${actor}: 200`))).toBe(true);
    }
  });
});
