import { emptySessionState, foldEvents } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { changeLanguage, i18n } from '../../i18n';
import { demoSession, ids, instant } from '../../test/events';
import { carriedWarning, carriedWarningId } from '../../test/stories';
import { formatDate } from '../../lib/format';
import { adjournDayConfirmation, closeItemConfirmation, openDayConfirmation } from './confirmations';

const t = i18n.getFixedT('en');

/** The demo session with the South County Dairy's 2025-Q4 warning carried in and its second review on day one, started. */
function secondReviewWith(build: (log: ReturnType<typeof demoSession>) => void = () => undefined) {
  return sessionWith((log) => {
    carriedWarning(log);
    log.add('agenda:item-started', { itemId: 'item-review', startedAt: instant(10) });
    build(log);
  });
}

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

  test('closing a second review whose warning is still open names the warning and where it is decided later', async () => {
    const state = secondReviewWith();
    const line =
      'The 2025-Q4 warning to South County Dairy is neither lifted nor escalated: this second review is to decide it. Closing the item leaves it open; it can still be lifted or escalated in Decisions until the session closes, or else it stays open into the next period.';
    expect(closeItemConfirmation(t, state, 'item-review').losses).toEqual([line]);
    // Said beside what the item cuts off, not instead of it.
    const withSpeaker = secondReviewWith((log) =>
      log.add('floor:given', { participantId: ids.official, itemId: 'item-review', at: instant(20) }),
    );
    expect(closeItemConfirmation(t, withSpeaker, 'item-review').losses).toEqual([
      'Oleg Official is speaking: the speech ends.',
      line,
    ]);
    await changeLanguage('ko', { persist: false });
    const ko = closeItemConfirmation(i18n.getFixedT('ko'), state, 'item-review');
    await changeLanguage('en', { persist: false });
    expect(ko.losses).toEqual([
      'South County Dairy에 대한 2025-Q4 경고가 아직 해제되지도 상향 조치되지도 않았습니다. 이 재검토에서 결정할 경고입니다. 의제를 종료해도 경고는 그대로 남으며, 폐회 전까지 결정 화면에서 해제하거나 상향 조치할 수 있습니다. 그러지 않으면 다음 기간까지 유효합니다.',
    ]);
  });

  test('closing a second review whose warning was decided says nothing of it', () => {
    for (const decided of ['warning:lifted', 'warning:escalated'] as const) {
      const state = secondReviewWith((log) => log.add(decided, { warningId: carriedWarningId, note: 'Decided.' }));
      expect(closeItemConfirmation(t, state, 'item-review').losses).toEqual([
        'Nobody is speaking, no hand is raised and every criticism is ruled on.',
      ]);
    }
  });

  test('opening a day off its date names both dates and the date the record will show', async () => {
    const state = sessionWith(() => undefined);
    const date = (d: string) => formatDate(d, 'en');
    expect(openDayConfirmation(t, state, ids.dayTwo, '2026-03-25', date)).toEqual({
      title: 'Open Day 2 today?',
      losses: [
        `Day 2 is scheduled for ${date('2026-04-02')}, but today is ${date('2026-03-25')}.`,
        `The record will show it opened on ${date('2026-03-25')}, not on its scheduled date.`,
      ],
      undo: "Once opened, a day's date can no longer be changed. To have the schedule say today, cancel and change its date first.",
      confirmLabel: 'Open the day today',
    });
    await changeLanguage('ko', { persist: false });
    const ko = openDayConfirmation(i18n.getFixedT('ko'), state, ids.dayTwo, '2026-04-09', (d) => formatDate(d, 'ko'));
    await changeLanguage('en', { persist: false });
    expect(ko.title).toBe('Day 2을(를) 오늘 개회하시겠습니까?');
    expect(ko.losses).toEqual([
      `Day 2은(는) ${formatDate('2026-04-02', 'ko')}로 예정되어 있지만 오늘은 ${formatDate('2026-04-09', 'ko')}입니다.`,
      `기록에는 예정일이 아니라 오늘(${formatDate('2026-04-09', 'ko')}) 개회한 것으로 남습니다.`,
    ]);
  });
});
