import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { Logger } from '../../lib/logger.js';
import { toIssues } from '../../realtime/register.js';

const httpStatus: Record<string, number> = {
  INVALID_PAYLOAD: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

/** Every HTTP error as `{ ok: false, error: { code, message } }`, the same shape as socket acks. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof DomainError) {
      // With the fields to change, when the domain named them.
      const issues = error.issues && error.issues.length > 0 ? { issues: error.issues } : {};
      res
        .status(httpStatus[error.code] ?? 500)
        .json({ ok: false, error: { code: error.code, message: error.message, ...issues } });
      return;
    }
    if (error instanceof z.ZodError) {
      res.status(400).json({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message: 'The request body is not valid.', issues: toIssues(error) },
      });
      return;
    }
    const status = (error as { status?: number }).status;
    if (status === 413) {
      res.status(413).json({ ok: false, error: { code: 'TOO_LARGE', message: 'The request body is too large.' } });
      return;
    }
    if (status === 400) {
      res
        .status(400)
        .json({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'The request body is not valid JSON.' } });
      return;
    }
    logger.error({ err: error }, 'HTTP request failed');
    res.status(500).json({ ok: false, error: { code: 'INTERNAL', message: 'The server failed; try again.' } });
  };
}
