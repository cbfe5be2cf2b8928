import { act, render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { connectionStore } from '../stores/connection';
import { createSessionStore, sessionStore } from '../stores/session';
import { demoSession, ids, instant } from '../test/events';
import { kilnInspection } from '../test/stories';
import { changeLanguage } from '../i18n';
import { announcementsBetween, LiveAnnouncer } from './LiveAnnouncer';

describe('live announcements', () => {
  test('say when an item starts, when its floor opens and when it closes', () => {
    const store = createSessionStore(ids.session);
    const log = demoSession();
    store.getState().applyEvents(log.events);
    const at = () => store.getState().session;

    let before = at();
    store.getState().applyEvents([log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) })]);
    expect(announcementsBetween(before, at())).toEqual([
      'Now presenting: North County Cement Works — Cement output, Q1.',
    ]);

    before = at();
    store.getState().applyEvents([log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(200) })]);
    expect(announcementsBetween(before, at())).toEqual(['The floor is open for criticism on Cement output, Q1.']);

    before = at();
    store.getState().applyEvents([log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(300) })]);
    expect(announcementsBetween(before, at())).toEqual(['Agenda item closed: Cement output, Q1.']);
  });

  test('announce a criticism folded while live, but not what a catch-up replays', () => {
    sessionStore.getState().reset(ids.session);
    const log = demoSession();
    log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(200) });
    render(<LiveAnnouncer />);
    const region = screen.getByRole('status');

    connectionStore.getState().setStatus('catching-up');
    act(() => sessionStore.getState().applyEvents(log.events));
    expect(region).toBeEmptyDOMElement();

    connectionStore.getState().setStatus('live');
    const posted = log.add(
      'criticism:posted',
      {
        criticismId: 'crit-1',
        itemId: ids.itemOne,
        unitId: ids.unit,
        category: 'supply',
        severity: 'low',
        indicatorId: null,
        text: 'Coal arrived late.',
      },
      ids.official,
    );
    act(() => sessionStore.getState().applyEvents([posted]));
    expect(region).toHaveTextContent('New criticism from Oleg Official, Supply, Low severity: Coal arrived late.');
  });

  test('say who has the floor, rulings, directives, warnings and the clock, in the chosen language', async () => {
    const store = createSessionStore(ids.session);
    const log = demoSession();
    log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    log.add(
      'criticism:posted',
      {
        criticismId: 'crit-1',
        itemId: ids.itemOne,
        unitId: ids.unit,
        category: 'shortfall',
        severity: 'high',
        indicatorId: null,
        text: 'Kilns idle.',
      },
      ids.official,
    );
    store.getState().applyEvents(log.events);
    const before = store.getState().session;
    store
      .getState()
      .applyEvents([
        log.add('floor:given', { participantId: ids.official, itemId: ids.itemOne, at: instant(200) }),
        log.add('criticism:ruled', { criticismId: 'crit-1', ruling: 'upheld', note: null }),
        log.add('agenda:time-extended', { itemId: ids.itemOne, minutes: 5 }),
        log.add('agenda:timer-paused', { itemId: ids.itemOne, at: instant(210) }),
        kilnInspection(log, 'dir-1'),
        log.add('warning:issued', { warningId: 'w-1', unitId: ids.unit, fulfilment: 0.65, threshold: 0.7, note: null }),
      ]);
    const after = store.getState().session;
    expect(announcementsBetween(before, after)).toEqual([
      'The clock is paused.',
      '5 more minutes given.',
      'Oleg Official has the floor.',
      'Ruling: Upheld on “Kilns idle.”.',
      'Directive to North County Cement Works: Inspect the kilns.',
      'Warning issued to North County Cement Works at 65%.',
    ]);

    await changeLanguage('ko', { persist: false });
    expect(announcementsBetween(before, after)[2]).toBe('Oleg Official에게 발언권이 주어졌습니다.');
    await changeLanguage('en', { persist: false });

    // Taken back, then issued again: both said, though the order of warnings is as long as before.
    store
      .getState()
      .applyEvents([
        log.add('warning:reconsidered', { unitId: ids.unit, decision: 'issued', warningId: 'w-1', reason: 'Mistake.' }),
        log.add('warning:issued', { warningId: 'w-2', unitId: ids.unit, fulfilment: 0.65, threshold: 0.7, note: null }),
      ]);
    expect(announcementsBetween(after, store.getState().session)).toEqual([
      'Warning issued to North County Cement Works at 65%.',
      'The warning to North County Cement Works was taken back; it is proposed again.',
    ]);
  });
});
