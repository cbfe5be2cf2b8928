import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, hashToken, newInvitationToken, SqliteStore } from '@plenum/server';
import { PROTOCOL_VERSION } from '@plenum/shared';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { connectClient, expectRefused } from '../helpers/connectClient.js';
import { newCommandId, postCriticism, sendCommand, sendRaw, sendOk, startItem } from '../helpers/factories.js';
import { tempDir } from '../helpers/tempDir.js';
import { printFigures } from './helpers/figures.js';
import { startFaultApp, type FaultApp } from './helpers/faultApp.js';

const allowed = 'https://plenum.example.org';

/** Foreign and look-alike origins a browser page could come from; none may connect. */
function foreignOrigins(own: string): string[] {
  const host = new URL(own).host;
  const port = new URL(own).port;
  return [
    'https://evil.example',
    'http://evil.example',
    'null',
    `${own}.evil.example`,
    `http://${host}.evil.example`,
    `http://evil.example/${host}`,
    `${own}/`,
    `${own}/socket.io`,
    `http://evil.example#${host}`,
    `http://user@evil.example`,
    `http://${host}@evil.example`,
    own.toUpperCase(),
    `http://127.0.0.1:${Number(port) + 1}`,
    'http://localhost',
    'http://[::1]',
    'http://0.0.0.0',
    'file://',
    'chrome-extension://abcdefghijklmnop',
    'https://plenum.example.org.evil.example',
    'https://evil-plenum.example.org',
    'https://plenum.example.org:8443',
    'http://plenum.example.org',
    'https://plenum.example.org/',
    'https://plenum.example.org@evil.example',
    'https://xn--plenm-kva.example.org',
    'HTTPS://PLENUM.EXAMPLE.ORG',
    'https://plenum.example.org%2eevil.example',
  ];
}

/**
 * Extra request headers (a rebound Host), and the query of an existing session (`&sid=…`), to
 * which a noop packet is posted (a GET would wait for the next ping).
 */
interface RequestShape {
  headers?: Record<string, string>;
  sid?: string;
}

const sidQuery = (sid: string | undefined) => (sid === undefined ? '' : `&sid=${encodeURIComponent(sid)}`);

/** Sends an engine.io polling request with `origin` (none when undefined); resolves with the status and body. */
function polling(url: string, origin: string | undefined, shape: RequestShape = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers = { ...(origin === undefined ? {} : { origin }), ...shape.headers };
    const method = shape.sid === undefined ? 'GET' : 'POST';
    const path = `${url}/socket.io/?EIO=4&transport=polling${sidQuery(shape.sid)}`;
    const req = request(path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '6' : undefined);
  });
}

/** Opens an engine.io polling handshake with `origin`; resolves with the HTTP status. */
async function pollingStatus(url: string, origin: string, shape: RequestShape = {}): Promise<number> {
  return (await polling(url, origin, shape)).status;
}

/** Tries a WebSocket upgrade with `origin`; resolves with 101 when upgraded, else the status. */
function upgradeStatus(url: string, origin: string, shape: RequestShape = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/socket.io/?EIO=4&transport=websocket${sidQuery(shape.sid)}`, {
      headers: {
        ...shape.headers,
        origin,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function originFigures(server: FaultApp) {
  const foreign = foreignOrigins(server.url);
  const refused = { polling: 0, websocket: 0 };
  const accepted: string[] = [];
  for (const origin of foreign) {
    const [p, w] = await Promise.all([pollingStatus(server.url, origin), upgradeStatus(server.url, origin)]);
    if (p === 403) refused.polling++;
    else accepted.push(`polling ${origin} (${p})`);
    if (w !== 101) refused.websocket++;
    else accepted.push(`websocket ${origin}`);
  }
  const own = [server.url, server.url.replace('127.0.0.1', 'localhost'), allowed];
  const ownAccepted: string[] = [];
  for (const origin of own) {
    if ((await pollingStatus(server.url, origin)) === 200) ownAccepted.push(`polling ${origin}`);
    if ((await upgradeStatus(server.url, origin)) === 101) ownAccepted.push(`websocket ${origin}`);
  }
  return { foreign: foreign.length, refused, accepted, ownAccepted, own: own.length };
}

describe('origins', () => {
  test('P14: with ALLOWED_ORIGINS set, 27 foreign and look-alike origins are refused on both transports; the listed origin and the server’s own are accepted on both', async () => {
    const server = await startFaultApp({ store: 'memory', allowedOrigins: [allowed], logLevel: 'warn' });
    const f = await originFigures(server);
    printFigures('origins', {
      'foreign origins tried': f.foreign,
      'refused, polling': f.refused.polling,
      'refused, websocket': f.refused.websocket,
      'own and allowed accepted (of 3 × 2)': f.ownAccepted.length,
    });
    expect(f.foreign).toBeGreaterThanOrEqual(20);
    expect(f.accepted).toEqual([]);
    expect(f.ownAccepted).toHaveLength(f.own * 2);
    // A full connection from the allowed origin works over each transport.
    for (const transports of [['polling'], ['websocket']] as const) {
      const { io } = await import('socket.io-client');
      const socket = io(server.url, {
        forceNew: true,
        transports: [...transports],
        extraHeaders: { origin: allowed },
        auth: { token: server.tokens.chair, protocolVersion: PROTOCOL_VERSION },
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      socket.disconnect();
    }
  });

  test('negative control: with the origin check off, the foreign origins get in', async () => {
    const server = await startFaultApp({
      store: 'memory',
      allowedOrigins: [allowed],
      logLevel: 'warn',
      protections: { checkOrigin: false },
    });
    const f = await originFigures(server);
    expect(f.accepted.length).toBeGreaterThan(20);
  });

  /** A page of a foreign name rebound to this server's address: Host and Origin both name it. */
  async function reboundFigures(server: FaultApp) {
    const port = new URL(server.url).port;
    const accepted: string[] = [];
    for (const name of ['evil.example', 'plenum.evil.example']) {
      const shape = { headers: { host: `${name}:${port}` } };
      const origin = `http://${name}:${port}`;
      if ((await pollingStatus(server.url, origin, shape)) !== 403) accepted.push(`polling ${origin}`);
      if ((await upgradeStatus(server.url, origin, shape)) === 101) accepted.push(`websocket ${origin}`);
    }
    return accepted;
  }

  /** A polling session opened without an Origin, then polled and upgraded from a foreign origin. */
  async function foreignUpgradeFigures(server: FaultApp) {
    const accepted: string[] = [];
    for (const origin of ['https://evil.example', 'null']) {
      const open = await polling(server.url, undefined);
      expect(open.status).toBe(200);
      const { sid } = JSON.parse(open.body.slice(1)) as { sid: string };
      if ((await pollingStatus(server.url, origin, { sid })) === 200) accepted.push(`poll ${origin}`);
      if ((await upgradeStatus(server.url, origin, { sid })) === 101) accepted.push(`upgrade ${origin}`);
    }
    return accepted;
  }

  test('rehearsal 12: DNS rebinding: a request whose Host and Origin both name a foreign domain is refused on both transports', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const accepted = await reboundFigures(server);
    printFigures('rebound origins', { 'accepted (of 4)': accepted.length });
    expect(accepted).toEqual([]);
  });

  test('rehearsal 12: a polling session opened without an Origin is neither polled nor upgraded from a foreign origin', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const accepted = await foreignUpgradeFigures(server);
    printFigures('foreign origins on an open session', { 'accepted (of 4)': accepted.length });
    expect(accepted).toEqual([]);
    // Without an Origin, the same session upgrades as before: a client that is not a browser.
    const open = await polling(server.url, undefined);
    const { sid } = JSON.parse(open.body.slice(1)) as { sid: string };
    expect(await polling(server.url, undefined, { sid })).toMatchObject({ status: 200 });
  });

  test('rehearsal 12: with PUBLIC_URL set, its origin and ALLOWED_ORIGINS connect, and the loopback forms do not', async () => {
    const publicUrl = 'https://review.example.org/plenum';
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', publicUrl, allowedOrigins: [allowed] });
    for (const origin of ['https://review.example.org', allowed]) {
      expect(await pollingStatus(server.url, origin), origin).toBe(200);
      expect(await upgradeStatus(server.url, origin), origin).toBe(101);
    }
    for (const origin of [server.url, server.url.replace('127.0.0.1', 'localhost')]) {
      expect(await pollingStatus(server.url, origin), origin).toBe(403);
      expect(await upgradeStatus(server.url, origin), origin).not.toBe(101);
    }
  });

  test('negative control: with the origin check off, the rebound page and the foreign upgrade get in', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', protections: { checkOrigin: false } });
    expect(await reboundFigures(server)).toHaveLength(4);
    expect(await foreignUpgradeFigures(server)).toHaveLength(4);
  });
});

describe('tokens', () => {
  test('P15: invitation tokens are 256 random bits from the CSPRNG, all distinct, and the store holds only their hashes', async () => {
    const tokens = Array.from({ length: 2000 }, () => newInvitationToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens.slice(0, 50)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    // Bits are balanced: about half of all 512,000 bits are set.
    let ones = 0;
    for (const token of tokens)
      for (const byte of Buffer.from(token, 'base64url')) ones += byte.toString(2).split('1').length - 1;
    expect(Math.abs(ones / (tokens.length * 256) - 0.5)).toBeLessThan(0.01);

    const dir = await tempDir('plenum-tokens-');
    const server = await startFaultApp({ store: 'sqlite', logLevel: 'warn' });
    const { token } = await server.invite('official');
    const file = join(dir, 'copy.sqlite');
    await SqliteStore.backup((server.store as SqliteStore).file, file);
    const bytes = Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
  });

  /** Every line that contains one of `tokens`. */
  const leaks = (lines: readonly string[], tokens: readonly string[]) =>
    lines.filter((line) => tokens.some((t) => line.includes(t)));

  test('P15: no token reaches a log line: a run at trace level through handshakes, refusals, revocation, floods and errors is grepped for every token', async () => {
    const server = await startFaultApp({
      store: 'sqlite',
      logLevel: 'trace',
      protections: {
        messages: {
          perSocket: { capacity: 5, refillPerSecond: 1 },
          perAddress: { capacity: 1000, refillPerSecond: 500 },
        },
      },
    });
    const chair = await connectClient(server.url, { token: server.tokens.chair });
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const used: string[] = [...server.issuedTokens];
    // Refused handshakes: unknown, malformed, tampered tokens.
    const unknown = newInvitationToken();
    used.push(unknown);
    await expectRefused(server.url, { token: unknown });
    await expectRefused(server.url, { token: `${server.tokens.official.slice(0, -2)}xx` });
    // A revoked invitation and its new link.
    const official = await connectClient(server.url, { token: server.tokens.official, reconnection: false });
    const reissued = await server.app.sessions.reissue(server.sessionId, server.participants.official);
    used.push(reissued.token);
    await expectRefused(server.url, { token: server.tokens.official });
    official.disconnect();
    // Invalid payloads, unknown channels (named after the token), and a flood that is cut.
    const inspector = await connectClient(server.url, { token: server.tokens.inspector, reconnection: false });
    await sendRaw(inspector, 'command', {
      commandId: newCommandId(),
      sessionId: server.sessionId,
      command: { token: server.tokens.inspector },
    });
    (inspector as unknown as { emit(e: string, ...a: unknown[]): void }).emit(
      `x-${server.tokens.inspector.slice(0, 8)}`,
      {},
    );
    for (let i = 0; i < 100 && inspector.connected; i++)
      void sendCommand(inspector, server.sessionId, postCriticism('item-2'), newCommandId(), 500).catch(
        () => undefined,
      );
    // HTTP: an invitation by the chair's bearer token, and a wrong one.
    for (const bearer of [server.tokens.chair, unknown]) {
      await fetch(`${server.url}/api/sessions/${server.sessionId}/invitations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Guest', role: 'observer', unitId: null }),
      }).then(async (res) => {
        const body = (await res.json()) as { data?: { link?: string } };
        const link = body.data?.link;
        if (link) used.push(link.split('#token=')[1]!);
      });
    }
    // A request without an ack, and a browser from elsewhere.
    (chair as unknown as { emit(e: string, ...a: unknown[]): void }).emit('command', {
      commandId: newCommandId(),
      sessionId: server.sessionId,
      command: startItem('item-3'),
    });
    await expectRefused(server.url, {
      token: server.tokens.chair,
      extraHeaders: { origin: 'https://evil.example' },
      reconnection: false,
    });
    await new Promise((r) => setTimeout(r, 300));
    const found = leaks(server.logLines, used);
    printFigures('tokens in logs', {
      'log lines written': server.logLines.length,
      'tokens used in the run': used.length,
      'lines containing a token': found.length,
    });
    for (const message of [
      'handshake refused',
      'unknown message dropped',
      'request without acknowledgement dropped',
      'foreign origin refused',
    ])
      expect(
        server.logLines.some((l) => l.includes(message)),
        message,
      ).toBe(true);
    expect(found).toEqual([]);
  });

  test('negative control: the same grep finds a token that a logger without redaction writes', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        cb();
      },
    });
    const token = newInvitationToken();
    pino({ level: 'info' }, sink).info({ auth: { token } }, 'handshake');
    createLogger({ level: 'info', destination: sink }).info({ auth: { token } }, 'handshake');
    expect(leaks(lines, [token])).toHaveLength(1);
  });
});
