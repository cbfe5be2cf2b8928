import { describe, expect, test } from 'vitest';
import type { Participant, Role } from '../protocol/index.js';
import { canEndorse, endorseBlocker } from './criticismRules.js';
import type { CriticismState } from './state.js';

const criticism: CriticismState = {
  id: 'c1',
  itemId: 'i1',
  unitId: 'u1',
  authorId: 'author',
  postedAt: '2026-04-13T09:00:00.000Z',
  category: 'shortfall',
  severity: 'medium',
  indicatorId: null,
  text: 'Short.',
  endorsedBy: ['endorser'],
  response: null,
  ruling: null,
  hidden: null,
  hidings: [],
  directiveIds: [],
};
const as = (id: string, role: Role): Participant => ({ id, name: id, role, unitId: null });

describe('the endorse rule', () => {
  test('never one’s own criticism, and once per participant', () => {
    expect(endorseBlocker(criticism, 'author')).toBe('own');
    expect(endorseBlocker(criticism, 'endorser')).toBe('already-endorsed');
    expect(endorseBlocker(criticism, 'someone')).toBeNull();
  });

  test('a critic role (the chair among them), while the session is in session', () => {
    for (const role of ['chair', 'official', 'inspector'] as const) {
      expect(canEndorse(criticism, as('someone', role), 'in-session')).toBe(true);
    }
    for (const role of ['presenter', 'observer'] as const) {
      expect(canEndorse(criticism, as('someone', role))).toBe(false);
    }
    expect(canEndorse(criticism, as('someone', 'official'), 'closed')).toBe(false);
    expect(canEndorse(criticism, as('author', 'official'), 'in-session')).toBe(false);
    expect(canEndorse(criticism, null, 'in-session')).toBe(false);
  });
});
