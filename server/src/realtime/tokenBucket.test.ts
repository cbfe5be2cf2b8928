import { describe, expect, test } from 'vitest';
import { KeyedBuckets, TokenBucket } from './tokenBucket.js';

function fakeClock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  test('allows a burst of `capacity`, then refuses until tokens refill', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2 }, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  test('the sustained rate is refillPerSecond, whatever the demand', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 10, refillPerSecond: 20 }, clock.now);
    let allowed = 0;
    // 1,000 attempts a second for 10 s.
    for (let i = 0; i < 10_000; i++) {
      if (bucket.take()) allowed++;
      clock.advance(1);
    }
    expect(allowed).toBeGreaterThanOrEqual(200);
    expect(allowed).toBeLessThanOrEqual(10 + 200);
  });

  test('never holds more than its capacity after a long quiet spell', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 100 }, clock.now);
    clock.advance(3_600_000);
    expect(bucket.available()).toBe(5);
    expect(bucket.isFull()).toBe(true);
  });

  test('a refused take takes nothing; a cost above the capacity is always refused', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 4, refillPerSecond: 1 }, clock.now);
    expect(bucket.take(3)).toBe(true);
    expect(bucket.take(2)).toBe(false);
    expect(bucket.available()).toBe(1);
    expect(bucket.take(5)).toBe(false);
  });

  test('a clock that goes backwards adds nothing', () => {
    const clock = fakeClock(1000);
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1 }, clock.now);
    bucket.take(2);
    clock.advance(-500);
    expect(bucket.available()).toBe(0);
  });

  test('refuses nonsense options', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: -1 })).toThrow(RangeError);
  });
});

describe('KeyedBuckets', () => {
  test('keys are independent, and full buckets are forgotten by sweep', () => {
    const clock = fakeClock();
    const buckets = new KeyedBuckets({ capacity: 1, refillPerSecond: 1 }, clock.now);
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('a')).toBe(false);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.size).toBe(2);
    clock.advance(1000);
    buckets.sweep();
    expect(buckets.size).toBe(0);
    expect(buckets.take('a')).toBe(true);
  });
});
