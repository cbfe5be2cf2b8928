import { newEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { InMemoryStore } from '../storage/InMemoryStore.js';
import { PageCache } from './pageCache.js';

async function storeWith(events: number) {
  const store = new InMemoryStore();
  await store.append({
    sessionId: 's1',
    commandId: null,
    actorId: 'system',
    expectedSeq: 0,
    at: '2026-04-13T09:00:00.000Z',
    events: Array.from({ length: events }, (_, i) => newEvent('session:renamed', { title: `Title ${i}` })),
  });
  let reads = 0;
  const counting = {
    read: (sessionId: string, afterSeq: number, limit: number) => {
      reads++;
      return store.read(sessionId, afterSeq, limit);
    },
  };
  return { counting, reads: () => reads };
}

describe('PageCache', () => {
  test('rehearsal 11: a repeated identical full page is read from the store once; a page reaching the head is read every time', async () => {
    const { counting, reads } = await storeWith(30);
    const pages = new PageCache(counting, 2);
    const first = await pages.read('s1', 0, 10);
    expect(await pages.read('s1', 0, 10)).toBe(first);
    expect(reads()).toBe(1);
    await pages.read('s1', 25, 10);
    await pages.read('s1', 25, 10);
    expect(reads()).toBe(3);
    // Two entries: a third full page pushes out the least recently used.
    await pages.read('s1', 10, 10);
    await pages.read('s1', 20, 5);
    await pages.read('s1', 0, 10);
    expect(reads()).toBe(6);
  });
});
