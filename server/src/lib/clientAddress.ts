import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Which peers are reverse proxies whose X-Forwarded-For may be believed; null: none. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Reads TRUST_PROXY: the number of proxies in front of the server, or their addresses and
 * subnets, comma-separated (with the presets `loopback`, `linklocal` and `uniquelocal`).
 * Empty: no proxy. `true` is refused: trusting every hop lets any client choose the address
 * its rate limits are counted against.
 * @example parseTrustProxy('loopback, 10.0.0.0/8')
 */
export function parseTrustProxy(text: string): TrustProxy | null {
  const value = text.trim();
  if (value === '' || value === 'false' || value === '0') return null;
  if (value === 'true') {
    throw new Error('true would let any client choose its address: give the number of proxies or their addresses');
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  try {
    return proxyaddr.compile(value.split(',').map((part) => part.trim()));
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The address of the client behind a request: the peer itself, or with trusted proxies the
 * nearest address in X-Forwarded-For that no trusted proxy gave. Rate limits are kept per
 * client address, so behind a proxy without this every participant would share one.
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy | null): string {
  if (trust === null) return request.socket.remoteAddress ?? '';
  return proxyaddr(request, trust);
}
