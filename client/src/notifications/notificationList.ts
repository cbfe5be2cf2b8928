import type { Notification, NotificationList } from '@plenum/shared';

export const emptyNotificationList: NotificationList = { notifications: [], unread: 0 };

/**
 * The list with a notification heard live added at the top; one already listed (heard again
 * after a reconnect read the list) changes nothing.
 */
export function withNotification(list: NotificationList, notification: Notification): NotificationList {
  if (list.notifications.some((n) => n.id === notification.id)) return list;
  return {
    notifications: [notification, ...list.notifications],
    unread: list.unread + (notification.readAt === null ? 1 : 0),
  };
}
