import { describe, expect, test } from 'vitest';
import { newEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import {
  changedCriticisms,
  criticismBucket,
  criticismCount,
  criticismIdsFrom,
  criticismOf,
  criticismsInOrder,
} from './criticismTable.js';
import { foldEvents } from './reducer.js';
import { emptySessionState, type SessionState } from './state.js';

const posted = (n: number) =>
  newEvent('criticism:posted', {
    criticismId: `crit-${n}`,
    itemId: n % 2 === 0 ? 'i1' : 'i2',
    unitId: 'u1',
    category: 'shortfall',
    severity: 'high',
    indicatorId: null,
    text: `Criticism ${n}`,
  });

/** A session with `count` criticisms posted, folded through immer as a UI store folds. */
function sessionWith(count: number): SessionState {
  const events = logOf([created, ...Array.from({ length: count }, (_, i) => posted(i + 1))]);
  return foldEvents(emptySessionState('s1'), events);
}

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `crit-${from + i}`);

describe('the criticism table', () => {
  test('keeps every criticism by id and the posting order across pages', () => {
    const state = sessionWith(600);
    expect(criticismCount(state)).toBe(600);
    expect(state.criticisms.pages.map((page) => page.length)).toEqual([256, 256, 88]);
    expect(criticismsInOrder(state).map((c) => c.id)).toEqual(ids(1, 600));
    expect(criticismOf(state, 'crit-257')).toMatchObject({ id: 'crit-257', itemId: 'i2', text: 'Criticism 257' });
    expect(criticismOf(state, 'crit-601')).toBeUndefined();
    expect(criticismCount(emptySessionState('s1'))).toBe(0);
    expect(criticismsInOrder(emptySessionState('s1'))).toEqual([]);
  });

  test.each([0, 1, 255, 256, 257, 512, 599, 600, 700])('gives the ids posted after the first %i', (from) => {
    const state = sessionWith(600);
    expect(criticismIdsFrom(state, from)).toEqual(from >= 600 ? [] : ids(from + 1, 600));
  });

  test('spreads ids over the buckets', () => {
    const used = new Set(ids(1, 2000).map(criticismBucket));
    expect(used.size).toBe(64);
    expect(criticismBucket('crit-1')).toBe(criticismBucket('crit-1'));
  });

  test('a fold copies the bucket and the page it changes, and leaves the others the same objects', () => {
    const before = sessionWith(600);
    const endorsed = foldEvents(
      before,
      logOf([newEvent('criticism:endorsed', { criticismId: 'crit-3', participantId: 'p2' })], { firstSeq: 602 }),
    );
    const bucket = criticismBucket('crit-3');
    const { buckets } = endorsed.criticisms;
    const kept = Object.keys(buckets).filter((b) => buckets[b] === before.criticisms.buckets[b]);
    expect(Object.keys(buckets)).toHaveLength(64);
    expect(kept).toHaveLength(63);
    expect(buckets[bucket]).not.toBe(before.criticisms.buckets[bucket]);
    expect(endorsed.criticisms.pages).toBe(before.criticisms.pages);

    const more = foldEvents(before, logOf([posted(601)], { firstSeq: 602 }));
    expect(more.criticisms.pages.slice(0, 2)).toEqual(before.criticisms.pages.slice(0, 2));
    more.criticisms.pages.slice(0, 2).forEach((page, i) => expect(page).toBe(before.criticisms.pages[i]));
    expect(more.criticisms.pages[2]).not.toBe(before.criticisms.pages[2]);
    expect(Object.isFrozen(more.criticisms.pages[2])).toBe(true);
  });

  test('names the criticisms that changed between two states, and no new ones', () => {
    const before = sessionWith(300);
    const after = foldEvents(
      before,
      logOf(
        [
          newEvent('criticism:endorsed', { criticismId: 'crit-3', participantId: 'p2' }),
          newEvent('criticism:ruled', { criticismId: 'crit-290', ruling: 'upheld', note: null }),
          posted(301),
        ],
        { firstSeq: 302 },
      ),
    );
    const changed = changedCriticisms(before, after).map(([was, now]) => [was.id, now.endorsedBy, now.ruling?.ruling]);
    expect(changed.sort()).toEqual([
      ['crit-290', [], 'upheld'],
      ['crit-3', ['p2'], undefined],
    ]);
    expect(changedCriticisms(after, after)).toEqual([]);
  });
});
