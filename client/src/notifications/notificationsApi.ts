import type { NotificationChoices, NotificationList } from '@plenum/shared';
import { apiResource } from '../api/request';
import type { NotificationFeed } from '../realtime/RealtimeContext';

function pathOf(feed: NotificationFeed, tail = ''): string {
  return `/api/v1/sessions/${encodeURIComponent(feed.sessionId)}/notifications${tail}`;
}

/** The participant's notifications, newest first, with the unread count. */
export function fetchNotifications(feed: NotificationFeed): Promise<NotificationList> {
  return apiResource<NotificationList>(pathOf(feed), { token: feed.token });
}

/** Marks those named read, or all of them; answers the list as it is now. */
export function markNotificationsRead(feed: NotificationFeed, ids?: readonly string[]): Promise<NotificationList> {
  return apiResource<NotificationList>(pathOf(feed, '/read'), {
    method: 'POST',
    token: feed.token,
    body: ids ? { ids } : {},
  });
}

export function fetchChoices(feed: NotificationFeed): Promise<NotificationChoices> {
  return apiResource<NotificationChoices>(pathOf(feed, '/choices'), { token: feed.token });
}

export function saveChoices(feed: NotificationFeed, choices: NotificationChoices): Promise<NotificationChoices> {
  return apiResource<NotificationChoices>(pathOf(feed, '/choices'), {
    method: 'PUT',
    token: feed.token,
    body: choices,
  });
}
