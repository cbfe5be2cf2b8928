import { describe, expect, test } from 'vitest';
import { AddressParticipants } from './addressBudget.js';
import { KeyedBuckets } from './tokenBucket.js';

const base = { capacity: 100, refillPerSecond: 10 };
const scaling = { perParticipant: { capacity: 50, refillPerSecond: 5 }, maxParticipants: 3, windowMs: 1000 };

describe('AddressParticipants', () => {
  test('rehearsal 17: an address’s budget grows by a share per distinct participant, up to the cap, and shrinks once they are gone', () => {
    let now = 0;
    const seen = new AddressParticipants(scaling, () => now);
    expect(seen.budget(base, 'a')).toEqual(base);
    expect(seen.saw('a', 'p1')).toBe(true);
    expect(seen.saw('a', 'p1')).toBe(false);
    expect(seen.budget(base, 'a')).toEqual({ capacity: 150, refillPerSecond: 15 });
    for (const p of ['p2', 'p3', 'p4', 'p5']) seen.saw('a', p);
    expect(seen.budget(base, 'a')).toEqual({ capacity: 250, refillPerSecond: 25 });
    expect(seen.budget(base, 'b')).toEqual(base);
    now = 1500;
    seen.saw('a', 'p1');
    seen.sweep();
    expect(seen.count('a')).toBe(1);
  });

  test('a keyed bucket follows its address’s current budget', () => {
    const now = () => 0;
    const seen = new AddressParticipants(scaling, now);
    const buckets = new KeyedBuckets((address) => seen.budget(base, address), now);
    expect(buckets.take('a', 100)).toBe(true);
    expect(buckets.take('a')).toBe(false);
    seen.saw('a', 'p1');
    buckets.refund('a', 50);
    expect(buckets.take('a', 50)).toBe(true);
    expect(buckets.take('a')).toBe(false);
  });

  test('with the scaling off, the budget is the base alone', () => {
    const seen = new AddressParticipants(false, () => 0);
    expect(seen.saw('a', 'p1')).toBe(false);
    expect(seen.budget(base, 'a')).toEqual(base);
  });
});
