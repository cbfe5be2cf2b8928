import type { AdminIdentity, RegisteredUnit, SessionSummary } from '@plenum/shared';

/** A request the console sent, as the server would read it. */
export interface SentRequest {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: string | Blob | null;
  /** The body read as JSON, when it was sent as JSON. */
  json: unknown;
}

type Answer = { status?: number; body: unknown };
type Handler = (request: SentRequest) => Answer;

/**
 * Stands in for the REST server at the network boundary, for the console's component tests:
 * answers `"METHOD /path"` from `routes` (404 for anything else) and records every request.
 * The real server's answers are proven by the browser tests against it.
 */
export function stubServer(routes: Record<string, Answer | Handler>) {
  const requests: SentRequest[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' || init.body instanceof Blob ? init.body : null;
    const contentType = headers.get('content-type');
    const request: SentRequest = {
      method: init.method ?? 'GET',
      path: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      authorization: headers.get('authorization'),
      contentType,
      body,
      json: contentType === 'application/json' && typeof body === 'string' ? JSON.parse(body) : null,
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const answer: Answer = typeof route === 'function' ? route(request) : (route ?? notFound);
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return {
    fetch,
    requests,
    sent: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}

/** An RFC 9457 problem as the server answers every refusal. */
export const refused = (status: number, code: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: {
    type: `urn:plenum:problem:${code}`,
    title: code,
    status,
    detail: code,
    instance: '/api',
    code,
    ...(extra.issues ? { issues: extra.issues } : {}),
    ...(extra.data ? { preview: extra.data } : {}),
  },
});

const notFound: Answer = refused(404, 'NOT_FOUND');

export const ok = (data: unknown): Answer => ({ body: { ok: true, data } });

export const identity: AdminIdentity = {
  administrator: { id: 'admin-1', name: 'Han Jiwoo', role: 'administrator', unitId: null },
  organisationId: 'org-north',
};

const unit = (
  id: string,
  name: string,
  kind: RegisteredUnit['unit']['kind'],
  parentId: string | null,
): RegisteredUnit => ({
  unit: { id, name, kind, parentId, ownership: 'state', sector: 'Administration', class: null, region: 'North' },
  retiredAt: null,
});

export const register: RegisteredUnit[] = [
  unit('north', 'Northern Province', 'province', null),
  unit('river-county', 'River County', 'county', 'north'),
  { ...unit('steel', 'North Steel Works', 'enterprise', 'river-county'), retiredAt: '2026-02-01T09:00:00.000Z' },
];

export const sessions: SessionSummary[] = [
  {
    sessionId: 'q4-2025',
    title: 'Fourth-quarter review',
    period: '2025-Q4',
    organisation: 'Northern Province',
    status: 'closed',
    firstDay: '2026-01-12',
    lastDay: '2026-01-13',
    items: 9,
    participants: 14,
    previousSessionId: null,
  },
  {
    sessionId: 'q1-2026',
    title: 'First-quarter review',
    period: '2026-Q1',
    organisation: 'Northern Province Committee',
    status: 'in-session',
    firstDay: '2026-04-01',
    lastDay: '2026-04-02',
    items: 10,
    participants: 16,
    previousSessionId: 'q4-2025',
  },
];

/** The routes every console test needs: who is signed in, the register, the sessions, the administrators. */
export const consoleRoutes = {
  'GET /api/admin/me': ok(identity),
  'GET /api/organisations/org-north/units': ok({ units: register }),
  'GET /api/sessions': ok({ sessions }),
  'GET /api/admin/administrators': ok({
    administrators: [
      { administrator: identity.administrator, invitedAt: '2026-01-02T08:00:00.000Z', revokedAt: null },
      {
        administrator: { id: 'admin-2', name: 'Park Seo-yeon', role: 'administrator', unitId: null },
        invitedAt: '2026-01-05T08:00:00.000Z',
        revokedAt: null,
      },
    ],
  }),
} satisfies Record<string, Answer>;
