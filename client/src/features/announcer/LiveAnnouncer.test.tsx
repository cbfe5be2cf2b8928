import { act, render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { connectionStore } from '../../stores/connection';
import { createSessionStore, sessionStore } from '../../stores/session';
import { demoSession, ids, instant } from '../../test/events';
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
      'Now presenting: North County Cement Works, Cement output, Q1.',
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
});
