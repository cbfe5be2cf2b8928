/** The size and the refill rate of a {@link TokenBucket}. */
export interface BucketOptions {
  /** Most tokens the bucket holds: the burst allowed after a quiet spell. */
  capacity: number;
  /** Tokens added per second: the sustained rate allowed. */
  refillPerSecond: number;
}

/** A monotonic clock in milliseconds; injected so tests can drive time. */
export type MonotonicClock = () => number;

export const monotonicNow: MonotonicClock = () => performance.now();

/** A bucket's options, fixed or read again at each use (a budget that scales with demand). */
export type BucketSizing = BucketOptions | (() => BucketOptions);

/**
 * A token bucket: starts full, refills continuously, and each allowed action takes tokens.
 * O(1) in time and memory; no timers. With sizing given as a function, the capacity and rate
 * are those it returns at each use.
 * @example
 * const bucket = new TokenBucket({ capacity: 40, refillPerSecond: 20 });
 * if (!bucket.take()) refuse();
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly sizing: () => BucketOptions;

  constructor(
    sizing: BucketSizing,
    private readonly now: MonotonicClock = monotonicNow,
  ) {
    this.sizing = typeof sizing === 'function' ? sizing : () => sizing;
    const options = this.sizing();
    if (!(options.capacity > 0) || !(options.refillPerSecond >= 0)) {
      throw new RangeError(`a token bucket needs a positive capacity and a non-negative rate`);
    }
    this.tokens = options.capacity;
    this.last = now();
  }

  /** Takes `cost` tokens if the bucket holds them; false (and nothing taken) otherwise. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /**
   * Takes `cost` tokens for something already done whose cost was known only afterwards; the
   * bucket may go below zero, and then refuses until it has refilled past it.
   */
  spend(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  /** Gives back tokens taken for something that did not happen; never above the capacity. */
  refund(cost = 1): void {
    this.refill();
    this.tokens = Math.min(this.sizing().capacity, this.tokens + cost);
  }

  /** Tokens available now. */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** True when the bucket is full again, i.e. nothing would be lost by forgetting it. */
  isFull(): boolean {
    return this.available() >= this.sizing().capacity;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.last;
    this.last = now;
    if (elapsed > 0) {
      const { capacity, refillPerSecond } = this.sizing();
      this.tokens = Math.min(capacity, this.tokens + (elapsed / 1000) * refillPerSecond);
    }
  }
}

/**
 * One bucket per key (a client address, an invitation), created on first use. Full buckets
 * are forgotten by {@link KeyedBuckets.sweep}, so the map does not grow with every address ever seen.
 * The options may depend on the key (an address's budget grows with its participants).
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  /** Tokens taken per key since the last {@link KeyedBuckets.drain} (given back: less); null while unshared. */
  private ledger: Map<string, number> | null = null;

  constructor(
    private readonly options: BucketOptions | ((key: string) => BucketOptions),
    private readonly now: MonotonicClock = monotonicNow,
  ) {}

  take(key: string, cost = 1): boolean {
    const taken = this.bucket(key).take(cost);
    if (taken) this.note(key, cost);
    return taken;
  }

  /** Takes `cost` tokens from the bucket of `key` for something already done (see {@link TokenBucket.spend}). */
  spend(key: string, cost: number): void {
    this.bucket(key).spend(cost);
    this.note(key, cost);
  }

  /**
   * Keeps a ledger of what is taken from now on, for other processes keeping the same budgets:
   * they {@link KeyedBuckets.absorb} what this one {@link KeyedBuckets.drain}s, and the reverse.
   */
  share(): void {
    this.ledger ??= new Map();
  }

  /** What was taken per key since the last drain (net of what was given back), and a fresh ledger. */
  drain(): [key: string, cost: number][] {
    if (this.ledger === null || this.ledger.size === 0) return [];
    const entries = [...this.ledger].filter(([, cost]) => cost !== 0);
    this.ledger.clear();
    return entries;
  }

  /** What another process took from its bucket of `key` (negative: gave back), taken here too. */
  absorb(key: string, cost: number): void {
    if (cost > 0) this.bucket(key).spend(cost);
    else this.buckets.get(key)?.refund(-cost);
  }

  private note(key: string, cost: number): void {
    if (this.ledger !== null) this.ledger.set(key, (this.ledger.get(key) ?? 0) + cost);
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const options = this.options;
      bucket = new TokenBucket(typeof options === 'function' ? () => options(key) : options, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Gives back tokens to the bucket of `key`, if it still exists. */
  refund(key: string, cost = 1): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    bucket.refund(cost);
    this.note(key, -cost);
  }

  /** Forgets every bucket that has refilled completely. */
  sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
