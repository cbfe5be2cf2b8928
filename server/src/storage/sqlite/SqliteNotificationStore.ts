import type Database from 'better-sqlite3';
import type { Notification, NotificationChoices } from '@plenum/shared';
import type { MailRecord, NewMail, NotificationCursor, NotificationStore } from '../../notifications/ports.js';
import {
  notificationValues,
  toChoices,
  toMail,
  toNotification,
  type MailRow,
  type NotificationRow,
} from '../notificationRows.js';
import { settle } from '../settle.js';
import { unsynced } from './unsynced.js';

const insertMailSql = `INSERT INTO mail_outbox (id, recipient, subject, body, status, created_at, next_attempt_at, attempts)
  VALUES (?, ?, ?, ?, 'pending', ?, ?, 0) ON CONFLICT (id) DO NOTHING`;

/** Notifications, choices and the e-mail outbox in the SQLite store's file (migration 6). */
export class SqliteNotificationStore implements NotificationStore {
  private readonly addTx;
  private readonly enqueueTx;
  private readonly claimTx;
  /** Read on every commit's sweep, so prepared once. */
  private readonly cursorOf;
  private readonly choicesOf;

  constructor(private readonly db: Database.Database) {
    this.cursorOf = db.prepare<[string], { seq: number }>('SELECT seq FROM notification_cursors WHERE session_id = ?');
    this.choicesOf = db.prepare<[string, string], { choices: string }>(
      'SELECT choices FROM notification_choices WHERE session_id = ? AND participant_id = ?',
    );
    const insertNotification = db.prepare(
      `INSERT INTO notifications (id, session_id, participant_id, kind, at, read_at, subject)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    const insertMail = db.prepare(insertMailSql);
    const saveCursor = db.prepare(
      `INSERT INTO notification_cursors (session_id, seq) VALUES (?, ?)
       ON CONFLICT (session_id) DO UPDATE SET seq = max(seq, excluded.seq)`,
    );
    const enqueue = (mails: readonly NewMail[]) =>
      mails.reduce(
        (added, m) => added + insertMail.run(m.id, m.recipient, m.subject, m.body, m.createdAt, m.createdAt).changes,
        0,
      );
    this.enqueueTx = db.transaction(enqueue);
    this.addTx = db.transaction(
      (notifications: readonly Notification[], mails: readonly NewMail[], cursor: NotificationCursor | null) => {
        const added = notifications.filter((n) => insertNotification.run(...notificationValues(n)).changes > 0);
        enqueue(mails);
        if (cursor) saveCursor.run(cursor.sessionId, cursor.seq);
        return added;
      },
    );
    const due = db.prepare<[string, number], MailRow>(
      `SELECT id, recipient, subject, body, attempts FROM mail_outbox
       WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
    );
    const lease = db.prepare('UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?');
    this.claimTx = db.transaction((now: string, leaseUntil: string, limit: number) => {
      const rows = due.all(now, limit);
      for (const row of rows) lease.run(leaseUntil, row.id);
      return rows.map(toMail);
    });
  }

  addNotifications(
    notifications: readonly Notification[],
    mails: readonly NewMail[],
    cursor: NotificationCursor | null,
  ): Promise<Notification[]> {
    return settle(() => unsynced(this.db, () => this.addTx.immediate(notifications, mails, cursor)));
  }

  notificationCursor(sessionId: string): Promise<number | null> {
    return settle(() => this.cursorOf.get(sessionId)?.seq ?? null);
  }

  listNotifications(sessionId: string, participantId: string, limit: number): Promise<Notification[]> {
    return settle(() =>
      this.db
        .prepare<[string, string, number], NotificationRow>(
          `SELECT * FROM notifications WHERE session_id = ? AND participant_id = ?
           ORDER BY at DESC, rowid DESC LIMIT ?`,
        )
        .all(sessionId, participantId, limit)
        .map(toNotification),
    );
  }

  unreadNotifications(sessionId: string, participantId: string): Promise<number> {
    return settle(
      () =>
        this.db
          .prepare<[string, string], { n: number }>(
            'SELECT count(*) AS n FROM notifications WHERE session_id = ? AND participant_id = ? AND read_at IS NULL',
          )
          .get(sessionId, participantId)!.n,
    );
  }

  markNotificationsRead(
    sessionId: string,
    participantId: string,
    ids: readonly string[] | null,
    at: string,
  ): Promise<number> {
    return settle(() => {
      const base =
        'UPDATE notifications SET read_at = ? WHERE session_id = ? AND participant_id = ? AND read_at IS NULL';
      if (ids === null) return this.db.prepare(base).run(at, sessionId, participantId).changes;
      const one = this.db.prepare(`${base} AND id = ?`);
      return this.db.transaction(() =>
        ids.reduce((changed, id) => changed + one.run(at, sessionId, participantId, id).changes, 0),
      )();
    });
  }

  notificationChoices(sessionId: string, participantId: string): Promise<NotificationChoices | null> {
    return settle(() => {
      const row = this.choicesOf.get(sessionId, participantId);
      return row ? toChoices(row.choices) : null;
    });
  }

  saveNotificationChoices(sessionId: string, participantId: string, choices: NotificationChoices): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO notification_choices (session_id, participant_id, choices) VALUES (?, ?, ?)
           ON CONFLICT (session_id, participant_id) DO UPDATE SET choices = excluded.choices`,
        )
        .run(sessionId, participantId, JSON.stringify(choices));
    });
  }

  enqueueMail(mails: readonly NewMail[]): Promise<number> {
    return settle(() => this.enqueueTx.immediate(mails));
  }

  claimMail(now: string, leaseUntil: string, limit: number): Promise<MailRecord[]> {
    return settle(() => this.claimTx.immediate(now, leaseUntil, limit));
  }

  recordMailSent(id: string, claimedUntil: string): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `UPDATE mail_outbox SET status = 'sent', body = '', next_attempt_at = NULL, attempts = attempts + 1,
           last_error = NULL WHERE id = ? AND status = 'pending' AND next_attempt_at = ?`,
        )
        .run(id, claimedUntil);
    });
  }

  recordMailFailed(id: string, claimedUntil: string, nextAttemptAt: string | null, error: string): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `UPDATE mail_outbox SET status = ?, next_attempt_at = ?, attempts = attempts + 1, last_error = ?
           WHERE id = ? AND status = 'pending' AND next_attempt_at = ?`,
        )
        .run(nextAttemptAt === null ? 'failed' : 'pending', nextAttemptAt, error, id, claimedUntil);
    });
  }

  nextMailAttemptAt(): Promise<string | null> {
    return settle(
      () =>
        this.db
          .prepare<[], { at: string | null }>(
            "SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE status = 'pending'",
          )
          .get()?.at ?? null,
    );
  }
}
