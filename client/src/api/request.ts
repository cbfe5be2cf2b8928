import type { Issue, Problem } from '@plenum/shared';

/** A refused REST request: the server's code, its message, the fields to change, and any data it sent. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
    /** What came with the refusal, e.g. the import preview listing each bad row. */
    readonly data: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An administrator's or a chair's token, sent as the bearer. */
  token: string;
  /** JSON-encoded unless it is a string (sent as `contentType`) or a Blob (sent as is). */
  body?: unknown;
  contentType?: string;
}

/** Sends a request to the REST API; throws {@link ApiError} for a refusal or `NETWORK`, else answers the parsed body. */
async function send(path: string, options: RequestOptions): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
  let body: BodyInit | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
    headers['content-type'] = options.contentType ?? 'text/plain';
  } else if (options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.contentType ?? options.body.type;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body });
  } catch {
    throw new ApiError('NETWORK', 'The server cannot be reached.');
  }
  if (!response.ok) throw await refusalOf(response);
  const answer: unknown = await response.json().catch(() => null);
  if (answer === null) throw new ApiError('INTERNAL', `The server answered ${response.status}.`);
  return answer;
}

/**
 * Calls the REST API of the console and returns the answer's `data`; throws {@link ApiError}
 * for a refusal, and `ApiError('NETWORK')` when the server cannot be reached.
 */
export async function apiRequest<T>(path: string, options: RequestOptions): Promise<T> {
  return ((await send(path, options)) as { data: T }).data;
}

/** Calls the public REST API (`/api/v1`), whose answers are the resource itself; refusals as {@link apiRequest}. */
export async function apiResource<T>(path: string, options: RequestOptions): Promise<T> {
  return (await send(path, options)) as T;
}

/**
 * The refusal a failed response carries: every `/api` refusal is an RFC 9457 problem with the
 * protocol's `code`, its `detail`, the fields to change (`issues`) and any checked file (`preview`).
 */
export async function refusalOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => null)) as Partial<Problem> | null;
  if (!problem?.code || typeof problem.detail !== 'string') {
    return new ApiError('INTERNAL', `The server answered ${response.status}.`);
  }
  return new ApiError(problem.code, problem.detail, problem.issues, problem.preview ?? null);
}
