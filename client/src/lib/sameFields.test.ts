import { describe, expect, test } from 'vitest';
import { sameFields } from './sameFields';

describe('sameFields', () => {
  const a = { id: 'c1', endorsedBy: ['p1'], timer: { extra: 1, running: true } };

  test('compares each field by identity, but the fields named with their own comparison', () => {
    expect(sameFields(a, { ...a }, {})).toBe(true);
    expect(sameFields(a, { ...a, endorsedBy: ['p1'] }, {})).toBe(false);
    expect(sameFields(a, { ...a, endorsedBy: ['p1', 'p2'] }, { endorsedBy: () => true })).toBe(true);
    const sameExtra = { timer: (x: typeof a.timer, y: typeof a.timer) => x.extra === y.extra };
    expect(sameFields(a, { ...a, timer: { extra: 1, running: false } }, sameExtra)).toBe(true);
    expect(sameFields(a, { ...a, timer: { extra: 2, running: true } }, sameExtra)).toBe(false);
  });

  test('a field only one of the two has makes them differ', () => {
    expect(sameFields<Record<string, unknown>>(a, { ...a, hidden: undefined }, {})).toBe(false);
  });
});
