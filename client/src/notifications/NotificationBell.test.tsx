import type { NotificationList } from '@plenum/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, expect, test, vi } from 'vitest';
import { RealtimeContext, type NotificationFeed, type Realtime } from '../realtime/RealtimeContext';
import { connectionStore } from '../stores/connection';
import { NotificationBell } from './NotificationBell';
import { fetchNotifications } from './notificationsApi';
import { fakeFeed, oneUnread } from './testing/fakeFeed';

vi.mock('./notificationsApi', () => ({ fetchNotifications: vi.fn(), markNotificationsRead: vi.fn() }));
const fetched = vi.mocked(fetchNotifications);

function renderBell(feed: NotificationFeed) {
  const realtime: Realtime = { send: vi.fn(), reconnect: vi.fn(), notifications: feed };
  return render(
    <RealtimeContext.Provider value={realtime}>
      <NotificationBell />
    </RealtimeContext.Provider>,
  );
}

/** A read the test answers when it chooses. */
function heldRead() {
  let answer: (list: NotificationList) => void = () => undefined;
  fetched.mockReturnValue(new Promise((resolve) => (answer = resolve)));
  return async (list: NotificationList) => {
    await act(async () => {
      answer(list);
      await Promise.resolve();
    });
  };
}

beforeEach(() => {
  fetched.mockReset();
});

test('before the list is read the bell claims no count, and opening it reads the list at once', async () => {
  const answer = heldRead();
  // Not live yet: no read waits for an idle moment.
  act(() => connectionStore.getState().setStatus('connecting'));
  renderBell(fakeFeed().feed);
  const bell = screen.getByTestId('notification-bell');
  expect(bell).not.toHaveAttribute('data-unread');
  expect(bell).toHaveAccessibleName('Notifications');
  expect(fetched).not.toHaveBeenCalled();

  fireEvent.click(bell);
  expect(fetched).toHaveBeenCalledTimes(1);
  expect(screen.getByTestId('notifications-loading')).toHaveTextContent('Reading your notifications…');
  expect(screen.queryByText(/^Nothing yet/)).toBeNull();

  await answer(oneUnread);
  expect(screen.queryByTestId('notifications-loading')).toBeNull();
  expect(screen.getAllByTestId('notification')).toHaveLength(1);
  expect(bell).toHaveAttribute('data-unread', '1');
  expect(bell).toHaveAccessibleName('Notifications, 1 unread');
});

test('opening the bell while a read waits for an idle moment reads once, not twice', async () => {
  fetched.mockResolvedValue({ notifications: [], unread: 0 });
  act(() => connectionStore.getState().setStatus('live'));
  renderBell(fakeFeed().feed);
  fireEvent.click(screen.getByTestId('notification-bell'));
  await waitFor(() => expect(screen.getByTestId('notification-bell')).toHaveAttribute('data-unread', '0'));
  expect(screen.getByText(/^Nothing yet/)).toBeInTheDocument();
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  expect(fetched).toHaveBeenCalledTimes(1);
});
