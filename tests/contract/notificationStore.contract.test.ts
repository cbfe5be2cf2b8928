import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryStore, SqliteStore, type Store } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { defaultNotificationChoices, type Notification } from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { connectionOf } from '../helpers/sqliteConnection.js';
import { tempDir } from '../helpers/tempDir.js';

/** A notification of session s1, to `participantId`. */
const notification = (id: string, participantId: string, at: string): Notification => ({
  id,
  sessionId: 's1',
  participantId,
  kind: 'item-starts',
  at,
  readAt: null,
  subject: { title: 'Steel', unitId: 'u1', itemId: 'i1', criticismId: null, directiveId: null, dueDate: null },
});

/** The same behaviour of notifications, choices and the e-mail outbox from every store adapter. */
function notificationStoreContract(name: string, open: () => Promise<Store>) {
  const openStore = async () => {
    const store = await open();
    onTestFinished(() => store.close());
    return store.notifications;
  };
  const mail = (id: string, createdAt = '2026-04-13T08:00:00.000Z') => ({
    id,
    recipient: 'kim@example.org',
    subject: '초대',
    body: `the body of ${id}`,
    createdAt,
  });

  describe(`${name} notifications`, () => {
    test('a notification and a mail are stored once by id, the cursor only moves forward, and the list is the recipient’s, newest first', async () => {
      const store = await openStore();
      expect(await store.notificationCursor('s1')).toBeNull();
      const a = notification('ntf_a', 'p1', '2026-04-13T08:00:00.000Z');
      const b = notification('ntf_b', 'p1', '2026-04-13T09:00:00.000Z');
      const other = notification('ntf_c', 'p2', '2026-04-13T09:30:00.000Z');
      expect(await store.addNotifications([a, b, other], [mail('notice:a')], { sessionId: 's1', seq: 5 })).toEqual([
        a,
        b,
        other,
      ]);
      expect(await store.addNotifications([a], [mail('notice:a')], { sessionId: 's1', seq: 3 })).toEqual([]);
      expect(await store.notificationCursor('s1')).toBe(5);
      expect(await store.listNotifications('s1', 'p1', 10)).toEqual([b, a]);
      expect(await store.unreadNotifications('s1', 'p1')).toBe(2);
      expect(await store.enqueueMail([mail('notice:a')])).toBe(0);
    });

    test('marking read is the recipient’s own: by id or all; another’s id changes nothing', async () => {
      const store = await openStore();
      await store.addNotifications(
        [
          notification('ntf_a', 'p1', '2026-04-13T08:00:00.000Z'),
          notification('ntf_b', 'p1', '2026-04-13T09:00:00.000Z'),
          notification('ntf_c', 'p2', '2026-04-13T09:00:00.000Z'),
        ],
        [],
        null,
      );
      expect(await store.markNotificationsRead('s1', 'p1', ['ntf_a', 'ntf_c'], '2026-04-13T10:00:00.000Z')).toBe(1);
      expect(await store.unreadNotifications('s1', 'p1')).toBe(1);
      expect(await store.unreadNotifications('s1', 'p2')).toBe(1);
      expect(await store.markNotificationsRead('s1', 'p1', null, '2026-04-13T10:05:00.000Z')).toBe(1);
      const listed = await store.listNotifications('s1', 'p1', 10);
      expect(listed.map((n) => [n.id, n.readAt])).toEqual([
        ['ntf_b', '2026-04-13T10:05:00.000Z'],
        ['ntf_a', '2026-04-13T10:00:00.000Z'],
      ]);
    });

    test('choices are kept per participant, replaced when saved again', async () => {
      const store = await openStore();
      expect(await store.notificationChoices('s1', 'p1')).toBeNull();
      const korean = defaultNotificationChoices('ko');
      await store.saveNotificationChoices('s1', 'p1', korean);
      await store.saveNotificationChoices('s1', 'p1', {
        ...korean,
        kinds: { ...korean.kinds, 'item-starts': { inApp: false, email: true } },
      });
      expect((await store.notificationChoices('s1', 'p1'))?.kinds['item-starts']).toEqual({
        inApp: false,
        email: true,
      });
      expect(await store.notificationChoices('s1', 'p2')).toBeNull();
    });

    test('the outbox leases due mail; a sent one is never due again; a refused one falls due at its retry', async () => {
      const store = await openStore();
      await store.enqueueMail([mail('m1', '2026-04-13T08:00:00.000Z'), mail('m2', '2026-04-13T09:00:00.000Z')]);
      const lease = '2026-04-13T08:31:00.000Z';
      const claimed = await store.claimMail('2026-04-13T08:30:00.000Z', lease, 10);
      expect(claimed).toEqual([
        { id: 'm1', recipient: 'kim@example.org', subject: '초대', body: 'the body of m1', attempts: 0 },
      ]);
      // Leased: not claimed again until the lease lapses.
      expect(await store.claimMail('2026-04-13T08:30:30.000Z', '2026-04-13T08:32:00.000Z', 10)).toEqual([]);
      await store.recordMailSent('m1', lease);
      expect(
        await store
          .claimMail('2026-04-13T12:00:00.000Z', '2026-04-13T12:01:00.000Z', 10)
          .then((m) => m.map((x) => x.id)),
      ).toEqual(['m2']);
      await store.recordMailFailed('m2', '2026-04-13T12:01:00.000Z', '2026-04-13T13:00:00.000Z', 'refused');
      expect(await store.nextMailAttemptAt()).toBe('2026-04-13T13:00:00.000Z');
      const retried = await store.claimMail('2026-04-13T13:00:00.000Z', '2026-04-13T13:01:00.000Z', 10);
      expect(retried.map((m) => [m.id, m.attempts])).toEqual([['m2', 1]]);
      // A verdict from a sender whose lease lapsed is ignored.
      await store.recordMailSent('m2', '2026-04-13T12:01:00.000Z');
      await store.recordMailFailed('m2', '2026-04-13T13:01:00.000Z', null, 'gave up');
      expect(await store.nextMailAttemptAt()).toBeNull();
      expect(await store.claimMail('2026-04-14T00:00:00.000Z', '2026-04-14T00:01:00.000Z', 10)).toEqual([]);
    });
  });
}

notificationStoreContract('InMemoryStore', () => Promise.resolve(new InMemoryStore()));

notificationStoreContract('SqliteStore', async () => new SqliteStore(join(await tempDir(), 'plenum.sqlite')));

test('SqliteStore: storing notifications leaves the connection synced for the log’s next commit (P10)', async () => {
  const store = new SqliteStore(join(await tempDir(), 'plenum.sqlite'));
  onTestFinished(() => store.close());
  const stored = notification('ntf_a', 'p1', '2026-04-13T08:00:00.000Z');
  expect(await store.notifications.addNotifications([stored], [], { sessionId: 's1', seq: 4 })).toEqual([stored]);
  expect(connectionOf(store).pragma('synchronous', { simple: true })).toBe(2);
});

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  notificationStoreContract('PostgresStore', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    return PostgresStore.open(databaseUrl, { schema });
  });

  test('PostgresStore: storing notifications leaves the pooled connection committing synchronously for the log', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    const store = await PostgresStore.open(databaseUrl, { schema });
    onTestFinished(() => store.close());
    const stored = notification('ntf_a', 'p1', '2026-04-13T08:00:00.000Z');
    expect(await store.notifications.addNotifications([stored], [], { sessionId: 's1', seq: 4 })).toEqual([stored]);
    // The pool hands out the connection released last: the one the transaction ran on.
    const pool = (
      store as unknown as { pool: { query(sql: string): Promise<{ rows: { synchronous_commit: string }[] }> } }
    ).pool;
    expect((await pool.query('SHOW synchronous_commit')).rows[0]!.synchronous_commit).toBe('on');
  });
} else {
  test.skip('PostgresStore notifications: runs when DATABASE_URL is set', () => undefined);
}
