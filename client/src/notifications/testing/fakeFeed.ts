import type { Notification, NotificationList } from '@plenum/shared';
import type { NotificationFeed } from '../../realtime/RealtimeContext';

export const notification: Notification = {
  id: 'n-1',
  sessionId: 's-1',
  participantId: 'p-1',
  kind: 'item-starts',
  at: '2026-12-05T10:00:00.000Z',
  readAt: null,
  subject: {
    title: 'Riverside Steel Works',
    unitId: null,
    itemId: null,
    criticismId: null,
    directiveId: null,
    dueDate: null,
  },
};
export const oneUnread: NotificationList = { notifications: [notification], unread: 1 };

/** A feed whose socket the test drives: `connect()` as on a (re)connect, `send()` a live notification. */
export function fakeFeed() {
  let heard: ((n: Notification) => void) | null = null;
  let connected: (() => void) | null = null;
  const feed: NotificationFeed = {
    sessionId: 's-1',
    token: 'token',
    listen: (onNotification, onConnected) => {
      heard = onNotification;
      connected = onConnected;
      return () => {
        heard = null;
        connected = null;
      };
    },
  };
  return { feed, connect: () => connected?.(), send: (n: Notification) => heard?.(n), isHeard: () => heard !== null };
}
