import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, type ReceiverPolicy } from './receiverPolicy.js';

/** One HTTP POST to a receiver. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: ReceiverPolicy;
}

/** What the receiver did: its status (null without an answer) and why it failed (null: 2xx). */
export interface WebhookResponse {
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs the body; resolves (never rejects) with the outcome. Only a 2xx answer succeeds: a
 * redirect is not followed, an address the policy refuses is not connected to (checked on the
 * resolved address), and an answer that takes longer than `timeoutMs` is abandoned.
 */
export function sendWebhook(call: WebhookRequest): Promise<WebhookResponse> {
  const url = new URL(call.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...call.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(call.body),
          'user-agent': 'Plenum-Webhooks',
        },
        lookup: guardedLookup(call.policy),
        signal: AbortSignal.timeout(call.timeoutMs),
        // Our own connection each time: an agent's pooled socket could skip the address check.
        agent: false,
      },
      (res) => {
        // The answer's body is not needed; reading it lets the connection close.
        res.resume();
        const statusCode = res.statusCode ?? null;
        if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
          resolve({ statusCode, error: null });
        } else if (statusCode !== null && statusCode >= 300 && statusCode < 400) {
          resolve({ statusCode, error: `redirect to ${res.headers.location ?? '(none)'} not followed` });
        } else {
          resolve({ statusCode, error: `the receiver answered ${statusCode}` });
        }
      },
    );
    req.on('error', (error: Error & { code?: string }) => {
      const reason =
        error.name === 'AbortError' || error.name === 'TimeoutError'
          ? `no answer within ${call.timeoutMs} ms`
          : error.message;
      resolve({ statusCode: null, error: reason });
    });
    req.end(call.body);
  });
}
