import { HandshakeErrorDataSchema, PROTOCOL_VERSION } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient, expectRefused } from '../helpers/connectClient.js';
import { joinSession } from '../helpers/joinSession.js';
import { startTestServer } from '../helpers/startTestServer.js';

describe('handshake', () => {
  test.each([PROTOCOL_VERSION + 1, PROTOCOL_VERSION - 1, 999])(
    'P9: a client speaking protocol version %i is refused with INCOMPATIBLE_PROTOCOL and a clear message',
    async (protocolVersion) => {
      const server = await startTestServer({ store: 'memory' });
      const refused = await expectRefused(server.url, { token: server.tokens.chair, protocolVersion });
      const data = HandshakeErrorDataSchema.parse(refused.data);
      expect(data.code).toBe('INCOMPATIBLE_PROTOCOL');
      expect(data.message).toMatch(/reload/i);
      expect(data.serverProtocolVersion).toBe(PROTOCOL_VERSION);
      expect(server.app.io.sockets.sockets.size).toBe(0);
    },
  );

  test.each([
    ['as a string', { protocolVersion: String(PROTOCOL_VERSION) }],
    ['as a fraction', { protocolVersion: PROTOCOL_VERSION + 0.5 }],
    ['left out', {}],
    ['as null', { protocolVersion: null }],
  ])(
    'rehearsal 13: a protocol version sent %s is refused with INCOMPATIBLE_PROTOCOL, not UNAUTHENTICATED',
    async (_why, auth) => {
      const server = await startTestServer({ store: 'memory' });
      for (const token of [server.tokens.chair, undefined]) {
        const refused = await expectRefused(server.url, { auth: { ...auth, token } });
        const data = HandshakeErrorDataSchema.parse(refused.data);
        expect(data.code).toBe('INCOMPATIBLE_PROTOCOL');
        expect(data.serverProtocolVersion).toBe(PROTOCOL_VERSION);
      }
      expect(server.app.io.sockets.sockets.size).toBe(0);
    },
  );

  test('P9: the version is checked before the token, so an outdated client is told to reload', async () => {
    const server = await startTestServer({ store: 'memory' });
    const refused = await expectRefused(server.url, { token: 'not-a-token', protocolVersion: PROTOCOL_VERSION + 1 });
    expect(refused.data).toMatchObject({ code: 'INCOMPATIBLE_PROTOCOL' });
  });

  test('P9: the current version with a valid token is accepted', async () => {
    const server = await startTestServer({ store: 'memory' });
    const chair = await connectClient(server.url, { token: server.tokens.chair, protocolVersion: PROTOCOL_VERSION });
    expect(chair.connected).toBe(true);
    expect((await joinSession(chair, server.sessionId)).you.role).toBe('chair');
  });

  test.each([
    ['an unknown token', { token: 'k3Jf9wQzX0bLrT5vYp2sNc8mHd4aGe7uVi1oWx6yZ0A', protocolVersion: PROTOCOL_VERSION }],
    ['an empty token', { token: '', protocolVersion: PROTOCOL_VERSION }],
    ['no token', { protocolVersion: PROTOCOL_VERSION }],
    ['a token over 200 characters', { token: 'x'.repeat(201), protocolVersion: PROTOCOL_VERSION }],
    ['a token that is not a string', { token: 42, protocolVersion: PROTOCOL_VERSION }],
  ])('P8: a handshake with %s is refused with UNAUTHENTICATED', async (_why, auth) => {
    const server = await startTestServer({ store: 'memory' });
    const refused = await expectRefused(server.url, { auth });
    const data = HandshakeErrorDataSchema.parse(refused.data);
    expect(data.code).toBe('UNAUTHENTICATED');
    expect(data.message.length).toBeGreaterThan(10);
    expect(server.app.io.sockets.sockets.size).toBe(0);
  });

  test('a token for a tampered hash is refused: the server stores hashes, not tokens', async () => {
    const server = await startTestServer({ store: 'memory' });
    const token = server.tokens.official;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await expectRefused(server.url, { token: tampered })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('origin', () => {
  test('a foreign browser Origin is refused at the upgrade; no socket is created', async () => {
    const server = await startTestServer({ store: 'memory' });
    const refused = await expectRefused(server.url, {
      token: server.tokens.chair,
      extraHeaders: { origin: 'https://evil.example' },
      reconnection: false,
    });
    expect(refused.message).toMatch(/websocket error/i);
    expect(server.app.io.sockets.sockets.size).toBe(0);
  });

  test('a client without an Origin header (not a browser) is accepted', async () => {
    const server = await startTestServer({ store: 'memory' });
    const chair = await connectClient(server.url, { token: server.tokens.chair });
    expect(chair.connected).toBe(true);
  });

  test('the server’s own origin is accepted', async () => {
    const server = await startTestServer({ store: 'memory' });
    const chair = await connectClient(server.url, { token: server.tokens.chair, extraHeaders: { origin: server.url } });
    expect(chair.connected).toBe(true);
  });

  test('with ALLOWED_ORIGINS, a listed origin is accepted and an unlisted one refused', async () => {
    const server = await startTestServer({ store: 'memory', allowedOrigins: ['https://plenum.example.org'] });
    const listed = await connectClient(server.url, {
      token: server.tokens.chair,
      extraHeaders: { origin: 'https://plenum.example.org' },
    });
    expect(listed.connected).toBe(true);
    await expectRefused(server.url, {
      token: server.tokens.official,
      extraHeaders: { origin: 'https://plenum.example.org.evil.example' },
      reconnection: false,
    });
  });
});
