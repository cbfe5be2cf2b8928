import type { NotificationList } from '@plenum/shared';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../api/request';
import { whenIdle } from '../lib/whenIdle';
import type { NotificationFeed } from '../realtime/RealtimeContext';
import { connectionSelectors, useConnectionStore } from '../stores/connection';
import { emptyNotificationList, withNotification } from './notificationList';
import { fetchNotifications, markNotificationsRead } from './notificationsApi';

/** What the bell shows and does. */
export interface NotificationsView extends NotificationList {
  /** False until the server's list is first read: until then the count is only what came live. */
  isLoaded: boolean;
  /** Why the list could not be read or changed last time; null when it could. */
  error: string | null;
  /** Marks those named read, or all of them. */
  markRead: (ids?: readonly string[]) => Promise<void>;
  /** Reads the list now if it is stale, without waiting for an idle moment: the reader is looking. */
  readNow: () => void;
}

interface Shown {
  list: NotificationList;
  isLoaded: boolean;
  error: string | null;
}

/** One feed's list for the page, whichever header's bell shows it. */
interface FeedList {
  shown: Shown;
  /** To be read: never read, or a (re)connect, a failed read or a time unheard since the last read. */
  isStale: boolean;
  /** Cancels the read waiting for an idle moment; null when none waits. */
  cancelRead: (() => void) | null;
  bells: Set<() => void>;
  stopListening: (() => void) | null;
}

/** A read waits at most this long for an idle moment. */
const readWithinMs = 2_000;

const lists = new WeakMap<NotificationFeed, FeedList>();

function listOf(feed: NotificationFeed): FeedList {
  let entry = lists.get(feed);
  if (!entry) {
    entry = {
      shown: { list: emptyNotificationList, isLoaded: false, error: null },
      isStale: true,
      cancelRead: null,
      bells: new Set(),
      stopListening: null,
    };
    lists.set(feed, entry);
  }
  return entry;
}

function show(entry: FeedList, shown: Shown): void {
  entry.shown = shown;
  for (const bell of entry.bells) bell();
}

function reasonOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

/** Reads the list now; a failed read leaves it stale, so the next chance reads it again. */
function read(feed: NotificationFeed, entry: FeedList): void {
  entry.isStale = false;
  fetchNotifications(feed).then(
    (list) => show(entry, { list, isLoaded: true, error: null }),
    (failure: unknown) => {
      entry.isStale = true;
      show(entry, { ...entry.shown, error: reasonOf(failure) });
    },
  );
}

/** Reads the list in the next idle moment if it is stale and no read waits already. */
function readIfStale(feed: NotificationFeed, entry: FeedList): void {
  if (!entry.isStale || entry.cancelRead) return;
  entry.cancelRead = whenIdle(() => {
    entry.cancelRead = null;
    read(feed, entry);
  }, readWithinMs);
}

/** Reads the list at once if it is stale, in place of a read waiting for an idle moment. */
function readStaleNow(feed: NotificationFeed, entry: FeedList): void {
  if (!entry.isStale) return;
  entry.cancelRead?.();
  entry.cancelRead = null;
  read(feed, entry);
}

/** Shows `bell` the feed's list; the feed is heard while a bell shows it. */
function subscribe(feed: NotificationFeed, entry: FeedList, bell: () => void): () => void {
  entry.bells.add(bell);
  entry.stopListening ??= feed.listen(
    (notification) => show(entry, { ...entry.shown, list: withNotification(entry.shown.list, notification) }),
    () => {
      entry.isStale = true;
    },
  );
  return () => {
    entry.bells.delete(bell);
    if (entry.bells.size > 0 || !entry.stopListening) return;
    // Unheard from now on: what is sent meanwhile is read when a bell shows the list again.
    entry.stopListening();
    entry.stopListening = null;
    entry.cancelRead?.();
    entry.cancelRead = null;
    entry.isStale = true;
  };
}

/**
 * The participant's notifications, kept for the page and added to as they are sent live. The
 * list is read over REST in an idle moment once the session is live, off the path to the first
 * screen, and again after every reconnect so that none sent while offline is missed. Opening the
 * panel reads it at once.
 */
export function useNotifications(feed: NotificationFeed): NotificationsView {
  const entry = listOf(feed);
  const isLive = useConnectionStore(connectionSelectors.isLive);
  const { list, isLoaded, error } = useSyncExternalStore(
    useCallback((bell: () => void) => subscribe(feed, entry, bell), [feed, entry]),
    () => entry.shown,
  );

  useEffect(() => {
    if (isLive) readIfStale(feed, entry);
  }, [feed, entry, isLive]);

  const markRead = useCallback(
    async (ids?: readonly string[]) => {
      try {
        show(entry, { list: await markNotificationsRead(feed, ids), isLoaded: true, error: null });
      } catch (failure) {
        show(entry, { ...entry.shown, error: reasonOf(failure) });
      }
    },
    [feed, entry],
  );

  const readNow = useCallback(() => readStaleNow(feed, entry), [feed, entry]);

  return { ...list, isLoaded, error, markRead, readNow };
}
