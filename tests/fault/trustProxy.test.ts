import { parseTrustProxy, type TrustProxy } from '@plenum/server';
import { describe, expect, test } from 'vitest';
import { connectClient, type ConnectError } from '../helpers/connectClient.js';
import { printFigures } from './helpers/figures.js';
import { startFaultApp } from './helpers/faultApp.js';

/** Two clients behind one reverse proxy on this machine, each named by X-Forwarded-For. */
const clientA = '203.0.113.10';
const clientB = '198.51.100.20';

/**
 * Client A spends its handshakes and REST requests, then client B tries once of each: behind a
 * proxy the server trusts, B has limits of its own; behind one it does not, everybody shares
 * the proxy's address.
 */
async function spendAsA(trustProxy: TrustProxy | null) {
  const server = await startFaultApp({
    store: 'memory',
    logLevel: 'warn',
    trustProxy,
    protections: { handshakes: { capacity: 3, refillPerSecond: 0 }, http: { windowMs: 60_000, limit: 2 } },
  });
  const handshake = async (forwardedFor: string): Promise<string> => {
    try {
      const socket = await connectClient(server.url, {
        token: server.tokens.official,
        extraHeaders: { 'x-forwarded-for': forwardedFor },
        reconnection: false,
      });
      socket.disconnect();
      return 'connected';
    } catch (error) {
      return ((error as ConnectError).data as { code?: string } | undefined)?.code ?? 'refused';
    }
  };
  const health = async (forwardedFor: string): Promise<number> =>
    (await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-for': forwardedFor } })).status;
  const a = {
    handshakes: [
      await handshake(clientA),
      await handshake(clientA),
      await handshake(clientA),
      await handshake(clientA),
    ],
    rest: [await health(clientA), await health(clientA), await health(clientA)],
  };
  const b = { handshake: await handshake(clientB), rest: await health(clientB) };
  return { a, b, logLines: server.logLines };
}

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  test('P12: with the proxy trusted, each client behind it has its own handshake and REST limits', async () => {
    const { a, b, logLines } = await spendAsA(parseTrustProxy('loopback'));
    expect(logLines.filter((line) => line.includes('TRUST_PROXY'))).toEqual([]);
    printFigures('trusted proxy', {
      'A handshakes': a.handshakes.join(', '),
      'A REST statuses': a.rest.join(', '),
      'B handshake': b.handshake,
      'B REST status': b.rest,
    });
    expect(a.handshakes).toEqual(['connected', 'connected', 'connected', 'RATE_LIMITED']);
    expect(a.rest).toEqual([200, 200, 429]);
    expect(b).toEqual({ handshake: 'connected', rest: 200 });
  });

  test('negative control: without TRUST_PROXY, X-Forwarded-For is ignored and every client counts as the proxy', async () => {
    const { a, b, logLines } = await spendAsA(null);
    printFigures('untrusted proxy', { 'B handshake': b.handshake, 'B REST status': b.rest });
    expect(a.handshakes).toEqual(['connected', 'connected', 'connected', 'RATE_LIMITED']);
    expect(b).toEqual({ handshake: 'RATE_LIMITED', rest: 429 });
    // The operator is told once, in the server's log.
    expect(logLines.filter((line) => line.includes('TRUST_PROXY is not set'))).toHaveLength(1);
  });

  test('TRUST_PROXY takes a hop count or addresses and subnets; it refuses true and what is not an address', () => {
    expect(parseTrustProxy('')).toBeNull();
    expect(parseTrustProxy('false')).toBeNull();
    expect(parseTrustProxy('loopback, 10.0.0.0/8')?.('10.1.2.3', 0)).toBe(true);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')?.('192.0.2.1', 0)).toBe(false);
    const oneHop = parseTrustProxy('1');
    expect([oneHop?.('192.0.2.1', 0), oneHop?.('192.0.2.1', 1)]).toEqual([true, false]);
    expect(() => parseTrustProxy('true')).toThrow(/any client/);
    expect(() => parseTrustProxy('proxy.example')).toThrow();
  });
});
