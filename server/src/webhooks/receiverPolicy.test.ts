import { describe, expect, test } from 'vitest';
import { parseCidrs, publicOnly, refusedRange } from './receiverPolicy.js';

describe('which receiver addresses webhooks may reach', () => {
  test.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    // An IPv4-mapped IPv6 address is judged by the IPv4 address it carries.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('%s is refused by default (%s)', (address, range) => {
    expect(refusedRange(address, publicOnly)).toBe(range);
  });

  test.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'])(
    '%s, a public address, is allowed',
    (address) => {
      expect(refusedRange(address, publicOnly)).toBeNull();
    },
  );

  test('WEBHOOK_ALLOWED_CIDRS allows its ranges only; WEBHOOK_ALLOW_PRIVATE allows any', () => {
    const policy = { allowPrivate: false, allowedCidrs: parseCidrs('10.20.0.0/16, fd12::/16') };
    expect(refusedRange('10.20.3.4', policy)).toBeNull();
    expect(refusedRange('fd12::5', policy)).toBeNull();
    expect(refusedRange('10.21.0.1', policy)).toBe('private');
    expect(refusedRange('127.0.0.1', { allowPrivate: true, allowedCidrs: [] })).toBeNull();
    expect(() => parseCidrs('10.0.0.0/8, intranet')).toThrow(/"intranet" is not a CIDR range/);
  });
});
