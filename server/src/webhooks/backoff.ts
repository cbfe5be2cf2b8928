/** How failed deliveries are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included, before a delivery is marked failed. */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each further one. */
  baseMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
}

/** Twelve attempts over about 5½ hours: waits of 30 s, 1, 2, 4, 8, 16, 32 min, then 1 hour four times. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 12, baseMs: 30_000, maxMs: 3_600_000 };

/**
 * The wait after the `failures`-th failed attempt: exponential, capped, with "equal jitter" (half
 * fixed, half random) so that receivers failing together are not retried in lockstep.
 * @param random a number in [0, 1), injectable for tests
 */
export function retryDelay(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
