import type { ApiScope } from '@plenum/shared';
import { Router, type Request } from 'express';
import type { z } from 'zod';

/** A refusal an operation may answer, with the status it answers it with. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500;

/**
 * One operation of the REST API, defined once: the router serves it and the OpenAPI document
 * describes it from the same zod schemas, so the two cannot drift apart.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form, e.g. `/api/v1/sessions/{sessionId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The scope an API token needs; `administrator`: an administrator's link only, never an API token. */
  scope: ApiScope | 'administrator';
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  response: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Refusals besides those of every operation (400, 401, 403, 429, 500). */
  refusals?: readonly ProblemStatus[];
  handle(req: Request): Promise<unknown>;
}

/** The express form of an OpenAPI path: `{sessionId}` becomes `:sessionId`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** A router serving every operation: its handler's answer as JSON, with the documented status. */
export function operationsRouter(operations: readonly ApiOperation[]): Router {
  const router = Router();
  for (const operation of operations) {
    router[operation.method](expressPath(operation.path), async (req, res) => {
      const body = await operation.handle(req);
      res.status(operation.response.status).json(body);
    });
  }
  return router;
}
