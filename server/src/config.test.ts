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
});
