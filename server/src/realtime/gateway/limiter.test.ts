import { describe, expect, test, vi } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { createLogger } from '../../lib/logger.js';
import { resolveProtections, type Protections } from '../protections.js';
import type { GatewaySocket } from '../types.js';
import { Limiter } from './limiter.js';
import { participantKey } from './participantKey.js';

/** A limiter on a clock the test moves, and a socket of one participant at one address. */
function world(overrides: Partial<Protections>, onCooldown?: (invitationHash: string, ms: number) => void) {
  let now = 0;
  const limiter = new Limiter({
    protections: resolveProtections(overrides),
    monotonic: () => now,
    logger: createLogger({ level: 'silent' }),
    addressOf: () => '203.0.113.7',
    onCooldown,
  });
  const disconnect = vi.fn();
  const socket = {
    data: { sessionId: 's-1', participant: { id: 'p-1' }, invitationHash: 'h-1' },
    connected: true,
    disconnect,
    use: vi.fn(),
  } as unknown as GatewaySocket;
  limiter.watch(socket);
  return { limiter, socket, disconnect, advance: (ms: number) => (now += ms) };
}

const refusedAs = (reserve: () => unknown): string | null => {
  try {
    reserve();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};

describe('Limiter', () => {
  test('commits: at most `inFlight` at once; a released one frees its place', () => {
    const { limiter, socket } = world({ commits: { inFlight: 1, rate: { capacity: 10, refillPerSecond: 0 } } });
    const first = limiter.reserveCommit(socket);
    expect(refusedAs(() => limiter.reserveCommit(socket))).toBe('RATE_LIMITED');
    first.release();
    first.release();
    expect(refusedAs(() => limiter.reserveCommit(socket))).toBeNull();
  });

  test('commits: a refunded commit costs nothing of the rate, a kept one does', () => {
    const { limiter, socket } = world({ commits: { inFlight: 5, rate: { capacity: 2, refillPerSecond: 0 } } });
    const refunded = limiter.reserveCommit(socket);
    refunded.refund();
    refunded.release();
    limiter.reserveCommit(socket).release();
    limiter.reserveCommit(socket).release();
    expect(refusedAs(() => limiter.reserveCommit(socket))).toBe('RATE_LIMITED');
  });

  test('reads: at most `inFlight` pages at once, each charged the events it served', () => {
    const { limiter, socket } = world({
      reads: {
        perParticipant: { capacity: 100, refillPerSecond: 0 },
        perAddress: { capacity: 1_000, refillPerSecond: 0 },
        inFlight: 1,
      },
    });
    const page = limiter.reserveRead(socket);
    expect(refusedAs(() => limiter.reserveRead(socket))).toBe('RATE_LIMITED');
    page.served(100);
    expect(refusedAs(() => limiter.reserveRead(socket))).toBe('RATE_LIMITED');
  });

  test('a socket whose strikes run out is disconnected, and its invitation cools down', () => {
    const { limiter, socket, disconnect, advance } = world({
      commits: { inFlight: 1, rate: { capacity: 10, refillPerSecond: 0 } },
      strikes: { capacity: 2, refillPerSecond: 0 },
      abuseCooldownMs: 1_000,
    });
    limiter.reserveCommit(socket);
    for (let i = 0; i < 3; i++) refusedAs(() => limiter.reserveCommit(socket));
    expect(disconnect).toHaveBeenCalledWith(true);
    expect(limiter.isCoolingDown('h-1')).toBe(true);
    advance(1_000);
    limiter.sweep();
    expect(limiter.isCoolingDown('h-1')).toBe(false);
  });

  test('a cooldown reaches the other processes: their limiters keep the invitation out as long (never longer than their own cooldown)', () => {
    const protections = {
      commits: { inFlight: 1, rate: { capacity: 10, refillPerSecond: 0 } },
      strikes: { capacity: 2, refillPerSecond: 0 },
      abuseCooldownMs: 1_000,
    };
    const other = world(protections);
    const { limiter, socket } = world(protections, (hash, ms) => other.limiter.coolDown(hash, ms));
    limiter.reserveCommit(socket);
    for (let i = 0; i < 3; i++) refusedAs(() => limiter.reserveCommit(socket));
    expect(other.limiter.isCoolingDown('h-1')).toBe(true);
    other.advance(999);
    expect(other.limiter.isCoolingDown('h-1')).toBe(true);
    other.advance(1);
    expect(other.limiter.isCoolingDown('h-1')).toBe(false);
    other.limiter.coolDown('h-2', 60_000);
    other.advance(1_000);
    expect(other.limiter.isCoolingDown('h-2')).toBe(false);
  });

  test('handshakes are counted per address; switched off, every one is admitted', () => {
    const { limiter } = world({ handshakes: { capacity: 1, refillPerSecond: 0 } });
    expect([limiter.admitHandshake('a'), limiter.admitHandshake('a'), limiter.admitHandshake('b')]).toEqual([
      true,
      false,
      true,
    ]);
    const open = world({ handshakes: false }).limiter;
    expect([open.admitHandshake('a'), open.admitHandshake('a')]).toEqual([true, true]);
  });
  test('shared budgets: what one process takes, another takes too, so a participant on both has one budget', () => {
    const rate = { commits: { inFlight: 100, rate: { capacity: 10, refillPerSecond: 0 } } };
    const a = world(rate);
    const b = world(rate);
    for (const { limiter } of [a, b]) limiter.shareBudgets();
    for (let i = 0; i < 6; i++) a.limiter.reserveCommit(a.socket).release();
    const refunded = a.limiter.reserveCommit(a.socket);
    refunded.refund();
    refunded.release();
    const spending = a.limiter.spending();
    expect(spending?.commits).toEqual([[participantKey('s-1', 'p-1'), 6]]);
    // Drained: told once.
    expect(a.limiter.spending()).toBeNull();
    b.limiter.absorb(spending!);
    for (let i = 0; i < 4; i++) expect(refusedAs(() => b.limiter.reserveCommit(b.socket).release())).toBeNull();
    expect(refusedAs(() => b.limiter.reserveCommit(b.socket))).toBe('RATE_LIMITED');
  });

  test('unshared budgets keep no ledger: a lone process tells nothing', () => {
    const { limiter, socket } = world({ commits: { inFlight: 100, rate: { capacity: 10, refillPerSecond: 0 } } });
    limiter.reserveCommit(socket).release();
    expect(limiter.spending()).toBeNull();
  });
});
