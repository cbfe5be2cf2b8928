import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, onTestFinished, test } from 'vitest';
import { printFigures } from './helpers/figures.js';
import { startFaultApp } from './helpers/faultApp.js';

const requiredHeaders: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^SAMEORIGIN$/,
  'referrer-policy': /no-referrer/,
  'cross-origin-opener-policy': /same-origin/,
};

/** Throws unless every response carries the security headers and no X-Powered-By. */
async function checkHeaders(url: string, paths: string[]): Promise<number> {
  let checked = 0;
  for (const path of paths) {
    const res = await fetch(`${url}${path}`);
    await res.arrayBuffer();
    for (const [name, pattern] of Object.entries(requiredHeaders)) {
      const value = res.headers.get(name);
      if (!value || !pattern.test(value)) throw new Error(`${path}: header ${name} is ${value ?? 'missing'}`);
    }
    if (res.headers.has('x-powered-by')) throw new Error(`${path}: X-Powered-By is sent`);
    checked++;
  }
  return checked;
}

/** Throws unless a body over the limit is refused with 413 TOO_LARGE. */
async function checkBodyLimit(url: string, path: string, bytes: number, type: string): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: 'Bearer x' },
    body: type === 'application/json' ? JSON.stringify({ pad: 'x'.repeat(bytes) }) : 'id,name\n' + 'x'.repeat(bytes),
  });
  const body = (await res.json().catch(() => null)) as { code?: string } | null;
  if (res.status !== 413 || body?.code !== 'TOO_LARGE')
    throw new Error(`${path}: a ${bytes}-byte body got ${res.status}`);
}

/** The GET routes an express app serves, from its router. */
function getRoutes(web: unknown): string[] {
  const handler = web as { router?: { stack: Layer[] } };
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods.get) out.push(layer.route.path);
      if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(handler.router?.stack ?? []);
  return out;
}

const listen = async (app: express.Express): Promise<string> => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('HTTP', () => {
  test('P16: every response carries the security headers (helmet) and no X-Powered-By', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const checked = await checkHeaders(server.url, [
      '/',
      '/api/health',
      '/api/nothing-here',
      `/api/organisations/x/units`,
    ]);
    printFigures('security headers', { 'responses checked': checked });
  });

  test('negative control: the same check fails on an express app without helmet', async () => {
    const bare = express();
    bare.get('/', (_req, res) => void res.send('hi'));
    await expect(checkHeaders(await listen(bare), ['/'])).rejects.toThrow(/content-security-policy/);
  });

  test('P16: no GET route changes state: each GET route is requested, and the store sees no write', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const writes: string[] = [];
    for (const method of ['append', 'appendBatch', 'saveInvitation', 'revokeInvitations', 'setSetting'] as const) {
      const store = server.store as unknown as Record<string, (...args: unknown[]) => unknown>;
      const original = store[method]!.bind(store);
      store[method] = (...args: unknown[]) => {
        writes.push(method);
        return original(...args);
      };
    }
    const routes = getRoutes(server.app.web);
    const urls = routes.map((path) =>
      path
        .replace(/:(\w+)/g, (_m, name: string) => (name === 'sessionId' ? server.sessionId : 'northern-province'))
        .replace('{*splat}', 's/x'),
    );
    for (const url of urls) {
      for (const auth of [undefined, `Bearer ${server.tokens.chair}`]) {
        const res = await fetch(`${server.url}${url}`, { headers: auth ? { authorization: auth } : {} });
        await res.arrayBuffer();
      }
    }
    // State-changing routes do not answer GET.
    const postOnly = await fetch(`${server.url}/api/sessions/${server.sessionId}/participants/x/revoke`, {
      headers: { authorization: `Bearer ${server.tokens.chair}` },
    });
    printFigures('GET safety', {
      'GET routes found': routes.length,
      'requests made': urls.length * 2 + 1,
      'store writes': writes.length,
    });
    expect(routes.length).toBeGreaterThanOrEqual(2);
    expect(postOnly.status).toBe(404);
    expect(writes).toEqual([]);
  });

  test('negative control: a GET route that writes is caught by the same check', async () => {
    const writes: string[] = [];
    const unsafe = express();
    unsafe.get('/api/touch', (_req, res) => {
      writes.push('setSetting');
      res.json({ ok: true });
    });
    const url = await listen(unsafe);
    for (const path of ['/api/touch']) await (await fetch(`${url}${path}`)).arrayBuffer();
    expect(writes).not.toEqual([]);
  });

  test('P16: a JSON body over 64 KiB and a CSV body over 512 KiB are refused with 413 TOO_LARGE', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    await checkBodyLimit(server.url, `/api/sessions/${server.sessionId}/invitations`, 65 * 1024, 'application/json');
    await checkBodyLimit(server.url, '/api/organisations/northern-province/units', 513 * 1024, 'text/csv');
  });

  test('negative control: without a body limit the same request is not refused as too large', async () => {
    const lax = express();
    lax.use(express.json({ limit: '10mb' }));
    lax.post('/x', (_req, res) => void res.json({ ok: true }));
    await expect(checkBodyLimit(await listen(lax), '/x', 65 * 1024, 'application/json')).rejects.toThrow(/got 200/);
  });

  async function hammer(limit: { windowMs: number; limit: number } | false) {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', protections: { http: limit } });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 40; i++) {
      last = await fetch(`${server.url}/api/health`);
      statuses.push(last.status);
      if (last.status === 429) break;
      await last.arrayBuffer();
    }
    return { statuses, last: last! };
  }

  test('P16: REST endpoints are rate-limited per address: past the limit, 429 RATE_LIMITED with RateLimit headers', async () => {
    const { statuses, last } = await hammer({ windowMs: 60_000, limit: 20 });
    printFigures('REST rate limit', { 'requests until refused': statuses.length, 'last status': statuses.at(-1) });
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(await last.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(last.headers.get('ratelimit-policy') ?? last.headers.get('ratelimit')).toBeTruthy();
  });

  test('negative control: without the REST limit, 40 requests in a row all succeed', async () => {
    const { statuses } = await hammer(false);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
