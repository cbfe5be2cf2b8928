import type { Problem } from '@plenum/shared';

/** A REST answer as the client sees it: the status and the parsed JSON body, a refusal being an RFC 9457 problem. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: { ok: true; data: T } | Problem;
}

export interface ApiCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as the bearer; omitted: no Authorization header. */
  token?: string;
  /** JSON unless `contentType` is given (then sent as is: text or bytes). */
  body?: unknown;
  contentType?: string;
}

/** Calls the server's REST API as a browser would, with `fetch`. */
export async function api<T = unknown>(url: string, path: string, call: ApiCall = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
  let body: BodyInit | undefined;
  if (call.contentType !== undefined) {
    headers['content-type'] = call.contentType;
    body = call.body as BodyInit;
  } else if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  const res = await fetch(`${url}${path}`, { method: call.method ?? 'GET', headers, body });
  return { status: res.status, body: (await res.json()) as ApiAnswer<T>['body'] };
}

/** The `data` of a successful answer; throws with the answer otherwise. */
export function dataOf<T>(answer: ApiAnswer<T>): T {
  if (!('ok' in answer.body)) throw new Error(`refused ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

/** A successful answer of a `/api/v1` operation, which is the resource itself (no envelope); throws otherwise. */
export function resourceOf<T>(answer: ApiAnswer<T>): T {
  if (answer.status >= 300) throw new Error(`refused ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as T;
}

/** The token in a link's fragment (`…#token=<token>`). */
export const tokenOf = (link: string): string => link.split('#token=')[1]!;
