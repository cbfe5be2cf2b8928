import { describe, expect, test } from 'vitest';
import { newEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { foldEvents } from './reducer.js';
import { directiveHandedOnTo, emptySessionState, warningHandedOnTo } from './state.js';

const followedUp = newEvent('session:followed-up', {
  bySessionId: 'q2',
  title: 'Q2 review',
  period: '2026-Q2',
  directiveIds: ['d-open'],
  warningIds: ['w-open'],
});

describe('session:followed-up', () => {
  test('names the later review, and hands on exactly the directives and warnings it carried', () => {
    const state = foldEvents(emptySessionState('s1'), logOf([created, followedUp]));
    expect(state.followedUpBy).toEqual({
      sessionId: 'q2',
      title: 'Q2 review',
      period: '2026-Q2',
      directiveIds: ['d-open'],
      warningIds: ['w-open'],
      at: '2026-04-13T09:00:00.000Z',
    });
    expect(directiveHandedOnTo(state, 'd-open')).toBe(state.followedUpBy);
    expect(directiveHandedOnTo(state, 'd-closed')).toBeNull();
    expect(warningHandedOnTo(state, 'w-open')).toBe(state.followedUpBy);
    expect(warningHandedOnTo(state, 'd-open')).toBeNull();
  });

  test('a withdrawn follow-up hands nothing on; one withdrawn for another session leaves the mark', () => {
    const withdrawn = (bySessionId: string) => newEvent('session:follow-up-withdrawn', { bySessionId });
    const other = foldEvents(emptySessionState('s1'), logOf([created, followedUp, withdrawn('q2-other')]));
    expect(other.followedUpBy?.sessionId).toBe('q2');
    const state = foldEvents(emptySessionState('s1'), logOf([created, followedUp, withdrawn('q2')]));
    expect(state.followedUpBy).toBeNull();
    expect(directiveHandedOnTo(state, 'd-open')).toBeNull();
  });
});
