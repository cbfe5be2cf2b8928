import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  test('TRUST_PROXY: unset trusts no proxy; a hop count or addresses trust those', () => {
    expect(loadConfig({}).trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy?.('192.0.2.1', 0)).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy?.('127.0.0.1', 0)).toBe(true);
  });

  test('TRUST_PROXY=true and values that are not addresses are refused with the variable named', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/Invalid configuration:\n {2}TRUST_PROXY: true would/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY: /);
  });

  test('TLS: unset serves HTTP; both files serve HTTPS; one alone is refused with the missing one named', () => {
    expect(loadConfig({}).tls).toBeNull();
    expect(loadConfig({ TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' }).tls).toEqual({
      certFile: 'cert.pem',
      keyFile: 'key.pem',
    });
    expect(() => loadConfig({ TLS_CERT_FILE: 'cert.pem' })).toThrow(/TLS_KEY_FILE: HTTPS needs both/);
    expect(() => loadConfig({ TLS_KEY_FILE: 'key.pem' })).toThrow(/TLS_CERT_FILE: HTTPS needs both/);
  });

  test('webhook receivers: public only by default; WEBHOOK_ALLOW_PRIVATE or a CIDR list widens it; a bad range is named', () => {
    expect(loadConfig({}).webhookReceivers).toEqual({ allowPrivate: false, allowedCidrs: [] });
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: '1' }).webhookReceivers.allowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOWED_CIDRS: '10.20.0.0/16' }).webhookReceivers.allowedCidrs).toHaveLength(1);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_CIDRS: '10.20.0.0/16,intranet' })).toThrow(
      /WEBHOOK_ALLOWED_CIDRS: "intranet" is not a CIDR range/,
    );
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });

  test('e-mail: unset sends none; SMTP_URL with a sender sends through it; another scheme is refused with the variable named', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' }).smtp).toEqual({
      url: 'smtp://mail.example.org:587',
      from: 'plenum@localhost',
    });
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org', SMTP_FROM: 'Plenum <p@example.org>' }).smtp).toEqual({
      url: 'smtps://u:p@mail.example.org',
      from: 'Plenum <p@example.org>',
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
  });
});
