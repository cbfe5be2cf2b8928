import type { FileRefusal } from '@plenum/shared';
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { Logger } from '../../lib/logger.js';
import { toIssues } from '../../realtime/register.js';
import { sendProblem, Unprocessable } from '../problem.js';
import { FileRefusalError } from '../tables.js';

/** Every HTTP error as an RFC 9457 problem carrying the protocol's error code (see `sendProblem`). */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof DomainError) {
      // With the fields to change, when the domain named them.
      const issues = error.issues && error.issues.length > 0 ? { issues: error.issues } : {};
      sendProblem(req, res, error.code, error.message, issues);
      return;
    }
    if (error instanceof FileRefusalError) {
      // Refused as a whole, before any row: why, typed, as the import's preview.
      sendProblem(req, res, 'INVALID_PAYLOAD', error.message, {
        preview: { file: error.problem } satisfies FileRefusal,
      });
      return;
    }
    if (error instanceof Unprocessable) {
      sendProblem(req, res, 'INVALID_PAYLOAD', error.message, { ...error.extras, status: 422 });
      return;
    }
    if (error instanceof z.ZodError) {
      sendProblem(req, res, 'INVALID_PAYLOAD', 'The request body is not valid.', { issues: toIssues(error) });
      return;
    }
    const status = (error as { status?: number }).status;
    if (status === 413) {
      sendProblem(req, res, 'TOO_LARGE', 'The request body is too large.');
      return;
    }
    if (status === 400) {
      sendProblem(req, res, 'INVALID_PAYLOAD', 'The request body is not valid JSON.');
      return;
    }
    logger.error({ err: error }, 'HTTP request failed');
    sendProblem(req, res, 'INTERNAL', 'The server failed; try again.');
  };
}
