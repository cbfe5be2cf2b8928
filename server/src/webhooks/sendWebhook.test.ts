import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { parseCidrs, publicOnly } from './receiverPolicy.js';
import { sendWebhook } from './sendWebhook.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A receiver on loopback answering `status` (with `location` for a redirect); counts its requests. */
async function receiver(status: number, location?: string) {
  const counter = { requests: 0 };
  const server = createServer((req, res) => {
    counter.requests++;
    req.resume();
    res.writeHead(status, location ? { location } : {}).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { counter, port: (server.address() as AddressInfo).port };
}

const allowLoopback = { allowPrivate: false, allowedCidrs: parseCidrs('127.0.0.0/8') };
const call = { headers: {}, body: '{}', timeoutMs: 5_000 };

describe('sending one webhook request', () => {
  test('a host resolving to loopback is refused at delivery, after DNS, with nothing sent; allowed by configuration', async () => {
    const { counter, port } = await receiver(204);
    const url = `http://localhost:${port}/hook`;
    const refused = await sendWebhook({ ...call, url, policy: publicOnly });
    expect(refused).toMatchObject({ statusCode: null, error: expect.stringMatching(/loopback/) as unknown });
    expect(counter.requests).toBe(0);
    // Negative control: the same receiver, its range allowed.
    expect(await sendWebhook({ ...call, url, policy: allowLoopback })).toEqual({ statusCode: 204, error: null });
    expect(counter.requests).toBe(1);
  });

  test('a redirect is not followed, and counts as a failure', async () => {
    const target = await receiver(200);
    const { port } = await receiver(302, `http://127.0.0.1:${target.port}/elsewhere`);
    const answer = await sendWebhook({ ...call, url: `http://127.0.0.1:${port}/hook`, policy: allowLoopback });
    expect(answer).toMatchObject({ statusCode: 302, error: expect.stringMatching(/not followed/) as unknown });
    expect(target.counter.requests).toBe(0);
  });

  test('a receiver that never answers is abandoned after the timeout', async () => {
    const server = createServer(() => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const answer = await sendWebhook({ ...call, url, timeoutMs: 50, policy: allowLoopback });
    expect(answer).toEqual({ statusCode: null, error: 'no answer within 50 ms' });
  });
});
