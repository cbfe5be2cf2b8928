import { problemMediaType, type ErrorCode, type Problem } from '@plenum/shared';
import type { Request, Response } from 'express';

/** The HTTP status of each protocol error code. */
const problemStatus: Record<ErrorCode, number> = {
  INVALID_PAYLOAD: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INCOMPATIBLE_PROTOCOL: 400,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** A short, fixed summary of each code: the `title` of its problems. */
const problemTitle: Record<ErrorCode, string> = {
  INVALID_PAYLOAD: 'The request is not valid',
  UNAUTHENTICATED: 'Not signed in',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflicts with the current state',
  INCOMPATIBLE_PROTOCOL: 'Another protocol version',
  TOO_LARGE: 'Too large',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'The server failed',
};

/** What a problem carries besides its code and detail. */
export type ProblemExtras = Partial<Pick<Problem, 'issues' | 'preview' | 'reason' | 'seq'>> & { status?: number };

/**
 * A request refused as a whole although well formed (422, `INVALID_PAYLOAD`): nothing was done,
 * and `issues` names each entry at fault, or `preview` each row. Thrown by a route or an API
 * operation, which cannot otherwise choose a status other than its error code's.
 */
export class Unprocessable extends Error {
  constructor(
    detail: string,
    readonly extras: Pick<ProblemExtras, 'issues' | 'preview'>,
  ) {
    super(detail);
    this.name = 'Unprocessable';
  }

  /** A file or list of rows refused because `invalid` of them are not valid: `preview` says why, row by row. */
  static rows(invalid: number, preview: ProblemExtras['preview']): Unprocessable {
    return new Unprocessable(`${invalid} row(s) are not valid: nothing was applied.`, { preview });
  }
}

/**
 * Answers an RFC 9457 problem (`application/problem+json`): `type` names the code
 * (`urn:plenum:problem:<code>`), `detail` says what happened, `instance` is the refused path.
 */
export function sendProblem(req: Request, res: Response, code: ErrorCode, detail: string, extras: ProblemExtras = {}) {
  const { status = problemStatus[code], ...rest } = extras;
  const body: Problem = {
    type: `urn:plenum:problem:${code}`,
    title: problemTitle[code],
    status,
    detail,
    instance: req.originalUrl.split('?')[0]!,
    code,
    ...rest,
  };
  res.status(status).type(problemMediaType).send(JSON.stringify(body));
}
