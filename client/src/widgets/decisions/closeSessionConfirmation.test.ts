import { emptySessionState, foldEvents } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { i18n } from '../../i18n';
import { demoSession, ids, instant } from '../../test/events';
import { carriedWarning, criticise, directiveToUnit, floorOpen } from '../../test/stories';
import { closeSessionConfirmation } from './closeSessionConfirmation';

const t = i18n.getFixedT('en');

function sessionWith(build: (log: ReturnType<typeof demoSession>) => void) {
  const log = demoSession();
  build(log);
  return foldEvents(emptySessionState(ids.session), log.events);
}

/** Seven more items on day 1, after the demo's two. */
function moreItems(log: ReturnType<typeof demoSession>): void {
  for (let n = 3; n <= 9; n++) {
    log.add('agenda:item-added', {
      item: {
        id: `item-${n}`,
        dayId: ids.dayOne,
        unitId: ids.unit,
        topic: `Topic ${n}`,
        plannedMinutes: 10,
        warningId: null,
      },
      order: n - 1,
    });
  }
}

describe('closing the session', () => {
  test('names the days never opened, the items never presented, the criticisms not ruled on, and what carries over', () => {
    const state = sessionWith((log) => {
      moreItems(log);
      floorOpen(log);
      for (const criticismId of ['c-1', 'c-2', 'c-3']) criticise(log, criticismId);
      log.add('criticism:ruled', { criticismId: 'c-1', ruling: 'upheld', note: null });
      log.add('criticism:hidden', { criticismId: 'c-2', reason: 'Off topic.' });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(20) });
      directiveToUnit(log);
    });
    expect(closeSessionConfirmation(t, state)).toEqual({
      title: 'Close “Quarterly review, Northern Province”?',
      losses: [
        'Day 2 was never opened.',
        '8 items of the days held were never presented: “Milk deliveries, Q1”, “Topic 3”, “Topic 4”, “Topic 5”, “Topic 6” and 3 more.',
        '1 criticism is not ruled on.',
      ],
      undo: 'A closed session cannot be reopened: the record becomes final. 1 directive still open carries into the next period.',
      confirmLabel: 'Yes, close the session',
    });
  });

  test('a day never opened counts its items; a session held in full says nothing is cut off', () => {
    const unheld = sessionWith((log) => {
      log.add('agenda:item-added', {
        item: {
          id: 'item-d2',
          dayId: ids.dayTwo,
          unitId: ids.unit,
          topic: 'Day 2 topic',
          plannedMinutes: 10,
          warningId: null,
        },
        order: 0,
      });
    });
    expect(closeSessionConfirmation(t, unheld).losses[0]).toBe('Day 2 was never opened: its 1 item is not held.');

    const held = sessionWith((log) => {
      for (const itemId of [ids.itemOne, ids.itemTwo]) {
        log.add('agenda:item-started', { itemId, startedAt: instant(10) });
        log.add('agenda:item-closed', { itemId, closedAt: instant(20) });
      }
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(30) });
      log.add('day:opened', { dayId: ids.dayTwo, at: instant(40) });
    });
    expect(closeSessionConfirmation(t, held)).toMatchObject({
      losses: [
        'Every day was held, every item presented or deferred, every criticism ruled on, every earlier warning decided.',
      ],
      undo: 'A closed session cannot be reopened: the record becomes final.',
    });
  });

  test('an earlier period’s warning carried in for its second review and neither lifted nor escalated is named', () => {
    const state = sessionWith((log) => {
      carriedWarning(log);
    });
    expect(closeSessionConfirmation(t, state).losses).toContain(
      '1 warning of an earlier period was neither lifted nor escalated: South County Dairy (warned in 2025-Q4). It stays open into the next period.',
    );
  });
});
