import type { NotificationList } from '@plenum/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/request';
import type { NotificationFeed } from '../realtime/RealtimeContext';
import { emptyNotificationList, withNotification } from './notificationList';
import { fetchNotifications, markNotificationsRead } from './notificationsApi';

/** What the bell shows and does. */
export interface NotificationsView extends NotificationList {
  /** Why the list could not be read or changed last time; null when it could. */
  error: string | null;
  /** Marks those named read, or all of them. */
  markRead: (ids?: readonly string[]) => Promise<void>;
}

function reasonOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

/**
 * The participant's notifications: read over REST at mount and on every (re)connect, so none
 * sent while offline is missed, and added to as they are sent live.
 */
export function useNotifications(feed: NotificationFeed): NotificationsView {
  const [list, setList] = useState<NotificationList>(emptyNotificationList);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let isMounted = true;
    const refresh = () => {
      fetchNotifications(feed).then(
        (fresh) => {
          if (!isMounted) return;
          setList(fresh);
          setError(null);
        },
        (failure: unknown) => {
          if (isMounted) setError(reasonOf(failure));
        },
      );
    };
    const stop = feed.listen((notification) => setList((current) => withNotification(current, notification)), refresh);
    refresh();
    return () => {
      isMounted = false;
      stop();
    };
  }, [feed]);

  const markRead = useCallback(
    async (ids?: readonly string[]) => {
      try {
        setList(await markNotificationsRead(feed, ids));
        setError(null);
      } catch (failure) {
        setError(reasonOf(failure));
      }
    },
    [feed],
  );

  return { ...list, error, markRead };
}
