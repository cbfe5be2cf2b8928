import { ProblemSchema, problemMediaType } from '@plenum/shared';
import { z } from 'zod';
import type { ApiOperation, ProblemStatus } from './operation.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, as a request sends it or a response answers it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

/** Refusals every operation may answer. */
const everyRefusal: readonly ProblemStatus[] = [400, 401, 403, 429, 500];

const refusalText: Record<ProblemStatus, string> = {
  400: 'The request is not valid (`INVALID_PAYLOAD`): `issues` names the fields',
  401: 'No bearer, or an unknown, revoked or expired one (`UNAUTHENTICATED`)',
  403: 'The bearer may not do this: a scope it lacks, or a role (`FORBIDDEN`)',
  404: 'No such organisation, session, unit, participant, directive, token, webhook or delivery (`NOT_FOUND`)',
  409: 'Conflicts with the current state (`CONFLICT`)',
  413: 'The body is too large (`TOO_LARGE`)',
  422: 'Well formed, but refused as a whole, nothing done: `issues` names each entry at fault (`INVALID_PAYLOAD`)',
  429: 'Too many requests; wait and retry (`RATE_LIMITED`)',
  500: 'The server failed; retry (`INTERNAL`)',
};

function parameters(operation: ApiOperation): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  const add = (shape: z.ZodObject | undefined, where: 'path' | 'query' | 'header') => {
    for (const [name, schema] of Object.entries(shape?.shape ?? {}) as [string, z.ZodType][]) {
      const header = name.replace(/(^|-)\w/g, (c) => c.toUpperCase());
      list.push({
        name: where === 'header' ? header : name,
        in: where,
        required: where === 'path' || !schema.safeParse(undefined).success,
        schema: jsonSchema(schema, 'input'),
      });
    }
  };
  add(operation.params, 'path');
  add(operation.query, 'query');
  add(operation.headers, 'header');
  return list;
}

/**
 * The OpenAPI 3.1 document of the REST API, generated from the operations the server serves and
 * their zod schemas (never written by hand). Every refusal is documented as an RFC 9457 problem.
 */
export function openApiDocument(operations: readonly ApiOperation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const refusals = [
      ...new Set([...everyRefusal, ...(operation.body ? [413 as const] : []), ...(operation.refusals ?? [])]),
    ];
    const responses: Record<string, unknown> = {
      [operation.response.status]: {
        description: operation.response.description,
        content: { 'application/json': { schema: jsonSchema(operation.response.schema, 'output') } },
      },
    };
    for (const status of refusals.sort()) responses[status] = { $ref: `#/components/responses/Problem${status}` };
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.tag],
      security:
        operation.scope === 'administrator'
          ? [{ administrator: [] }]
          : [{ apiToken: [operation.scope] }, { administrator: [] }, { invitation: [] }],
      'x-required-scope': operation.scope,
      parameters: parameters(operation),
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  const statuses = Object.keys(refusalText).map(Number) as ProblemStatus[];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plenum REST API',
      version: '1.0.0',
      description:
        'Plenum’s review sessions for the organisation’s other systems. Sign in with an API token ' +
        '(created by an administrator in the admin console, with scopes and an expiry), an ' +
        'administrator’s link token, or a participant’s invitation token. Every refusal is an ' +
        'RFC 9457 problem (`application/problem+json`) whose `code` is the protocol’s error code. ' +
        'Writes go through the same command pipeline and log as the live meeting.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Register', description: 'The organisation’s units' },
      { name: 'Sessions', description: 'Review sessions and their agenda' },
      { name: 'Invitations', description: 'Participants and their links' },
      { name: 'Records', description: 'Reports, verifications, criticisms, directives and warnings' },
      { name: 'API tokens', description: 'Kept by administrators only' },
      {
        name: 'Webhooks',
        description: 'Signed event notices to the organisation’s receivers; kept by administrators only',
      },
    ],
    paths,
    components: {
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'plnm_…',
          description: 'An API token; it may do what its scopes (listed per operation) allow, in its organisation.',
        },
        administrator: {
          type: 'http',
          scheme: 'bearer',
          description: 'An administrator’s link token, or ADMIN_TOKEN: every scope.',
        },
        invitation: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A participant’s invitation token, on the routes of their own session: reads what their role reads, ' +
            'writes what their role may (a chair keeps invitations; a presenter submits their unit’s report).',
        },
      },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `Problem${status}`,
          {
            description: refusalText[status],
            content: { [problemMediaType]: { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
}
