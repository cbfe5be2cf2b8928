import { describe, expect, test } from 'vitest';
import { retryDelay } from './backoff.js';

const policy = { maxAttempts: 10, baseMs: 1_000, maxMs: 10_000 };

describe('retry waits', () => {
  test('double after each failure, capped, with half of each wait random', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, policy, () => 0.999_999))).toEqual([1000, 2000, 4000, 8000, 10000]);
  });
});
