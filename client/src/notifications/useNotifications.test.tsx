import { act, render, waitFor } from '@testing-library/react';
import { beforeEach, expect, test, vi } from 'vitest';
import type { NotificationFeed } from '../realtime/RealtimeContext';
import { connectionStore } from '../stores/connection';
import { fetchNotifications } from './notificationsApi';
import { fakeFeed, notification, oneUnread } from './testing/fakeFeed';
import { useNotifications } from './useNotifications';

vi.mock('./notificationsApi', () => ({ fetchNotifications: vi.fn(), markNotificationsRead: vi.fn() }));
const fetched = vi.mocked(fetchNotifications);

function Unread({ feed }: { feed: NotificationFeed }) {
  return <p data-testid="unread">{useNotifications(feed).unread}</p>;
}

/** The header of the joining screen, then the role's: one bell unmounted, another mounted, in one render. */
function Header({ feed, screen }: { feed: NotificationFeed; screen: 'joining' | 'role' }) {
  return <Unread key={screen} feed={feed} />;
}

const idle = () => act(() => new Promise((resolve) => setTimeout(resolve, 10)));

beforeEach(() => {
  fetched.mockReset();
  fetched.mockResolvedValue(oneUnread);
});

test('the list is not read while joining, and once when the session is live', async () => {
  const { feed, connect } = fakeFeed();
  const view = render(<Header feed={feed} screen="joining" />);
  act(() => {
    connectionStore.getState().setStatus('connecting');
    connect();
  });
  await idle();
  expect(fetched).not.toHaveBeenCalled();

  // The join answer makes the session live and shows the role's screen in one render.
  act(() => {
    connectionStore.getState().setStatus('live');
    view.rerender(<Header feed={feed} screen="role" />);
  });
  await waitFor(() => expect(view.getByTestId('unread')).toHaveTextContent('1'));
  await idle();
  expect(fetched).toHaveBeenCalledTimes(1);
});

test('a reconnect reads the list again; a notification heard live is added meanwhile', async () => {
  const { feed, connect, send } = fakeFeed();
  act(() => connectionStore.getState().setStatus('live'));
  const view = render(<Unread feed={feed} />);
  await waitFor(() => expect(fetched).toHaveBeenCalledTimes(1));

  act(() => send({ ...notification, id: 'n-2' }));
  expect(view.getByTestId('unread')).toHaveTextContent('2');

  act(() => {
    connectionStore.getState().setStatus('reconnecting');
    connect();
  });
  act(() => connectionStore.getState().setStatus('live'));
  await waitFor(() => expect(fetched).toHaveBeenCalledTimes(2));
  await waitFor(() => expect(view.getByTestId('unread')).toHaveTextContent('1'));
});

test('a bell mounted after none was for a while reads the list again: what was sent meanwhile was not heard', async () => {
  const { feed, isHeard } = fakeFeed();
  act(() => connectionStore.getState().setStatus('live'));
  const first = render(<Unread feed={feed} />);
  await waitFor(() => expect(fetched).toHaveBeenCalledTimes(1));
  first.unmount();
  await idle();
  expect(isHeard()).toBe(false);

  render(<Unread feed={feed} />);
  await waitFor(() => expect(fetched).toHaveBeenCalledTimes(2));
  expect(isHeard()).toBe(true);
});
