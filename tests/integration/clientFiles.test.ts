import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createApp, createLogger, InMemoryStore } from '@plenum/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/** A built client in miniature: the page, one hashed script with its brotli and gzip forms. */
const script = `console.log(${JSON.stringify('Plenum '.repeat(400))});`;

describe('the built client is served compressed and cached by what can change', () => {
  let dir = '';
  let url = '';
  let close: () => Promise<void> = () => Promise.resolve();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plenum-client-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><title>Plenum</title><script src="/assets/app-1a2b.js"></script>',
    );
    await writeFile(join(dir, 'assets', 'app-1a2b.js'), script);
    await writeFile(join(dir, 'assets', 'app-1a2b.js.br'), brotliCompressSync(script));
    await writeFile(join(dir, 'assets', 'app-1a2b.js.gz'), gzipSync(script));
    const app = createApp({ store: new InMemoryStore(), logger: createLogger({ level: 'silent' }), clientDir: dir });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    close = () => app.close();
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a browser that accepts brotli gets the brotli form, one that accepts gzip only the gzip form, others the file', async () => {
    const br = await fetch(`${url}/assets/app-1a2b.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(await br.text()).toBe(script);
    const gzip = await fetch(`${url}/assets/app-1a2b.js`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(Number(gzip.headers.get('content-length'))).toBe(gzipSync(script).length);
    expect(await gzip.text()).toBe(script);
    const plain = await fetch(`${url}/assets/app-1a2b.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(script));
  });

  test('hashed assets are cached for a year; the page is revalidated by its ETag on every load', async () => {
    const asset = await fetch(`${url}/assets/app-1a2b.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${url}/s/demo`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag');
    expect(etag).toBeTruthy();
    // Through node:http: fetch turns a conditional request into a no-cache one, which is never answered 304.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`${url}/s/demo`, { headers: { 'if-none-match': etag! } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(status).toBe(304);
  });

  test('a hashed file of another build is a 404, never the page in its place', async () => {
    const missing = await fetch(`${url}/assets/app-older.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
    expect(await missing.text()).not.toMatch(/<title>/);
  });
});
