import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { connectionStore } from '../../stores/connection';
import { sessionStore } from '../../stores/session';
import { demoSession, ids, instant } from '../../test/events';
import { Timer } from './Timer';

// The timer reads the device clock every second: fake it, and always restore it.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function renderItemTimer(story: (log: ReturnType<typeof demoSession>) => void, deviceNow: string) {
  vi.setSystemTime(new Date(deviceNow));
  const log = demoSession();
  story(log);
  sessionStore.getState().reset(ids.session);
  sessionStore.getState().applyEvents(log.events);
  return render(<Timer item={sessionStore.getState().session.agenda[ids.itemOne]!} />);
}

describe('timer', () => {
  test('counts down from the server start time using the server clock offset', () => {
    connectionStore.getState().setServerClockOffset(60_000);
    // Device clock: 5 min after the start; server clock: 6 min after. 20 min planned.
    renderItemTimer(
      (log) => log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(0) }),
      instant(300),
    );
    expect(screen.getByTestId('timer')).toHaveTextContent('Time left14:00');

    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('timer')).toHaveTextContent('13:59');
  });

  test('says when the clock is paused, counts extensions, and shows an overrun', () => {
    renderItemTimer(
      (log) => {
        log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(0) });
        log.add('agenda:time-extended', { itemId: ids.itemOne, minutes: 5 });
        log.add('agenda:timer-paused', { itemId: ids.itemOne, at: instant(30 * 60) });
      },
      instant(40 * 60),
    );
    const timer = screen.getByTestId('timer');
    expect(timer).toHaveAttribute('data-paused', 'true');
    expect(timer).toHaveAttribute('data-overrun', 'true');
    // 25 min allowed, 30 min used before the pause: 5 min over, frozen while paused.
    expect(timer).toHaveTextContent('Paused, over time by5:00');
    expect(timer).toHaveTextContent('+5 min given');
  });
});
