import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which receiver addresses webhooks may reach. By default only public unicast addresses: a
 * receiver that resolves to a private, loopback, link-local or otherwise reserved address is
 * refused (SSRF), unless allowed here.
 */
export interface ReceiverPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: any address is allowed (a closed network, tests on loopback). */
  allowPrivate: boolean;
  /** WEBHOOK_ALLOWED_CIDRS: internal ranges allowed despite the rule, e.g. `10.20.0.0/16`. */
  allowedCidrs: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** The default: public addresses only. */
export const publicOnly: ReceiverPolicy = { allowPrivate: false, allowedCidrs: [] };

/** Parses a comma-separated list of CIDR ranges; throws naming the first one that is not. */
export function parseCidrs(text: string): ReceiverPolicy['allowedCidrs'] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new Error(`"${cidr}" is not a CIDR range such as 10.0.0.0/8 or fd00::/8`);
      }
    });
}

/** Why `address` may not be reached under `policy` (e.g. `loopback`), or null when it may. */
export function refusedRange(address: string, policy: ReceiverPolicy): string | null {
  if (policy.allowPrivate) return null;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
  const parsed = ipaddr.process(address);
  if (policy.allowedCidrs.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) {
    return null;
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** A receiver that may not be reached: the host and the address it resolved to. */
export class ReceiverRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to ${address}, a ${range} address; internal receivers are not allowed`);
    this.name = 'ReceiverRefusedError';
  }
}

/**
 * A DNS lookup for `http.request` that refuses a host if any of its addresses may not be
 * reached, so the address checked is the address connected to (no second resolution between
 * the check and the connection that a rebinding DNS server could answer differently).
 */
export function guardedLookup(policy: ReceiverPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 4);
        return;
      }
      for (const { address } of addresses) {
        const range = refusedRange(address, policy);
        if (range !== null) {
          callback(Object.assign(new ReceiverRefusedError(hostname, address, range), { code: 'ERECEIVER' }), '', 4);
          return;
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Resolves the URL's host and throws {@link ReceiverRefusedError} when it may not be reached. */
export function checkReceiver(url: string, policy: ReceiverPolicy): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    guardedLookup(policy)(host, { all: true }, (error) => (error ? reject(error) : resolve()));
  });
}
