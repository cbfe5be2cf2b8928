import { emptySessionState, foldEvents } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { changeLanguage, i18n } from '../../i18n';
import { demoSession, ids, instant } from '../../test/events';
import { adjournDayConfirmation, closeItemConfirmation } from './confirmations';

const t = i18n.getFixedT('en');

function sessionWith(build: (log: ReturnType<typeof demoSession>) => void) {
  const log = demoSession();
  build(log);
  return foldEvents(emptySessionState(ids.session), log.events);
}

describe('floor confirmations', () => {
  test('rehearsal 5: closing an item names the speaker cut off, the raised hands and the unruled criticisms', () => {
    const state = sessionWith((log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(10) });
      log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(11) });
      for (const [criticismId, text] of [
        ['c-1', 'Cement is 35 % short.'],
        ['c-2', 'Kilns were repaired late.'],
        ['c-3', 'The plan was lowered in March.'],
        ['c-4', 'Ruled already.'],
        ['c-5', 'Hidden by the chair.'],
      ] as const) {
        log.add(
          'criticism:posted',
          {
            criticismId,
            itemId: ids.itemOne,
            unitId: ids.unit,
            category: 'shortfall',
            severity: 'high',
            indicatorId: null,
            text,
          },
          ids.official,
        );
      }
      log.add('criticism:ruled', { criticismId: 'c-4', ruling: 'upheld', note: null });
      log.add('criticism:hidden', { criticismId: 'c-5', reason: 'Off topic.' });
      log.add('floor:hand-raised', { participantId: ids.otherOfficial, at: instant(20) });
      log.add('floor:given', { participantId: ids.official, itemId: ids.itemOne, at: instant(21) });
    });
    expect(closeItemConfirmation(t, state, ids.itemOne)).toEqual({
      title: 'Close “Cement output, Q1”?',
      losses: [
        'Oleg Official is speaking: the speech ends.',
        '1 hand is raised: the queue is cleared.',
        '3 criticisms are not ruled on.',
      ],
      undo: 'A closed item can be reopened, with a reason, while its day is open.',
      confirmLabel: 'Close the item',
    });
  });

  test('closing an item with nothing pending says so', () => {
    const state = sessionWith((log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(10) });
    });
    expect(closeItemConfirmation(t, state, ids.itemOne).losses).toEqual([
      'Nobody is speaking, no hand is raised and every criticism is ruled on.',
    ]);
  });

  test('rehearsal 5: adjourning a day names the items never presented', async () => {
    const state = sessionWith((log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(10) });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(11) });
    });
    expect(adjournDayConfirmation(t, state, ids.dayOne)).toEqual({
      title: 'Adjourn Day 1?',
      losses: ['1 item was never presented: “Milk deliveries, Q1”.'],
      undo: 'An adjourned day can be reopened, with a reason, while no other day is open.',
      confirmLabel: 'Adjourn the day',
    });
    const untouched = sessionWith(() => undefined);
    expect(adjournDayConfirmation(t, untouched, ids.dayOne).losses).toEqual([
      '2 items were never presented: “Cement output, Q1”, “Milk deliveries, Q1”.',
    ]);
    await changeLanguage('ko', { persist: false });
    const ko = adjournDayConfirmation(i18n.getFixedT('ko'), untouched, ids.dayOne);
    await changeLanguage('en', { persist: false });
    expect(ko.title).toBe('Day 1을(를) 산회하시겠습니까?');
    expect(ko.losses[0]).toBe('보고하지 않은 의제가 2건 있습니다: “Cement output, Q1”, “Milk deliveries, Q1”.');
  });

  test('adjourning a day tells apart two items of the same unit by their topics', () => {
    const state = sessionWith((log) => {
      log.add('agenda:item-added', {
        item: {
          id: 'item-second-review',
          dayId: ids.dayOne,
          unitId: ids.unit,
          topic: 'North County Cement Works — second review of its warning',
          plannedMinutes: 10,
          warningId: null,
        },
        order: 2,
      });
    });
    expect(adjournDayConfirmation(t, state, ids.dayOne).losses).toEqual([
      '3 items were never presented: “Cement output, Q1”, “Milk deliveries, Q1”, “North County Cement Works — second review of its warning”.',
    ]);
  });
});
