import type { IssuedLink } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { createIssuedLinksStore, issuedLinksSelectors } from './index';

const link = (participantId: string, token: string): IssuedLink => ({
  participant: { id: participantId, name: participantId, role: 'official', unitId: null },
  link: `http://localhost:3000/s/s-1#token=${token}`,
});

describe('issued links', () => {
  test('kept by session until put away; a reissued participant’s older link goes', () => {
    const store = createIssuedLinksStore();
    const of = (sessionId: string) => issuedLinksSelectors.ofSession(store.getState(), sessionId);
    expect(of('s-1')).toBe(of('s-2'));
    store.getState().add('s-1', [link('p-1', 'a'), link('p-2', 'b')]);
    store.getState().add('s-2', [link('p-9', 'z')]);
    store.getState().add('s-1', [link('p-1', 'c')]);
    expect(of('s-1').map((l) => l.link.slice(-1))).toEqual(['b', 'c']);
    store.getState().dismiss('s-1');
    expect(of('s-1')).toEqual([]);
    expect(of('s-2')).toHaveLength(1);
  });
});
