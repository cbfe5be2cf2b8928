import type { Notification } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { emptyNotificationList, withNotification } from './notificationList';

const notification = (id: string, readAt: string | null = null): Notification => ({
  id,
  sessionId: 's1',
  participantId: 'p1',
  kind: 'item-starts',
  at: '2026-04-13T09:00:00.000Z',
  readAt,
  subject: {
    title: 'Eastfield Cement',
    unitId: 'u1',
    itemId: 'i1',
    criticismId: null,
    directiveId: null,
    dueDate: null,
  },
});

describe('the bell’s list', () => {
  test('a notification heard live goes on top and counts unread', () => {
    const once = withNotification(emptyNotificationList, notification('a'));
    const twice = withNotification(once, notification('b'));
    expect(twice.notifications.map((n) => n.id)).toEqual(['b', 'a']);
    expect(twice.unread).toBe(2);
  });

  test('one already listed (heard again after a reconnect read the list) changes nothing', () => {
    const listed = withNotification(emptyNotificationList, notification('a'));
    expect(withNotification(listed, notification('a'))).toBe(listed);
  });

  test('one already read is listed but not counted', () => {
    expect(withNotification(emptyNotificationList, notification('a', '2026-04-13T09:01:00.000Z')).unread).toBe(0);
  });
});
