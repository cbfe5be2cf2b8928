import type { Notification, NotificationChoices } from '@plenum/shared';
import type pg from 'pg';
import type { MailRecord, NewMail, NotificationCursor, NotificationStore } from '../../notifications/ports.js';
import {
  notificationValues,
  toChoices,
  toMail,
  toNotification,
  type MailRow,
  type NotificationRow,
} from '../notificationRows.js';
import { inTransaction } from './transaction.js';

/** Notifications, choices and the e-mail outbox in PostgreSQL (migration 6), shared by every process. */
export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly pool: pg.Pool) {}

  private static async enqueue(client: pg.PoolClient, mails: readonly NewMail[]): Promise<number> {
    let added = 0;
    for (const m of mails) {
      const result = await client.query(
        `INSERT INTO mail_outbox (id, recipient, subject, body, status, created_at, next_attempt_at, attempts)
         VALUES ($1, $2, $3, $4, 'pending', $5, $5, 0) ON CONFLICT (id) DO NOTHING`,
        [m.id, m.recipient, m.subject, m.body, m.createdAt],
      );
      added += result.rowCount ?? 0;
    }
    return added;
  }

  addNotifications(
    notifications: readonly Notification[],
    mails: readonly NewMail[],
    cursor: NotificationCursor | null,
  ): Promise<Notification[]> {
    return inTransaction(this.pool, async (client) => {
      // Made again from the log after a crash, as in SQLite (`unsynced`): the commit need not wait for the WAL's flush.
      await client.query('SET LOCAL synchronous_commit = off');
      const added: Notification[] = [];
      for (const n of notifications) {
        const result = await client.query(
          `INSERT INTO notifications (id, session_id, participant_id, kind, at, read_at, subject)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
          notificationValues(n),
        );
        if ((result.rowCount ?? 0) > 0) added.push(n);
      }
      await PostgresNotificationStore.enqueue(client, mails);
      if (cursor) {
        await client.query(
          `INSERT INTO notification_cursors (session_id, seq) VALUES ($1, $2)
           ON CONFLICT (session_id) DO UPDATE SET seq = greatest(notification_cursors.seq, excluded.seq)`,
          [cursor.sessionId, cursor.seq],
        );
      }
      return added;
    });
  }

  async notificationCursor(sessionId: string): Promise<number | null> {
    const result = await this.pool.query<{ seq: number }>(
      'SELECT seq FROM notification_cursors WHERE session_id = $1',
      [sessionId],
    );
    return result.rows[0]?.seq ?? null;
  }

  async listNotifications(sessionId: string, participantId: string, limit: number): Promise<Notification[]> {
    const result = await this.pool.query<NotificationRow>(
      `SELECT * FROM notifications WHERE session_id = $1 AND participant_id = $2 ORDER BY at DESC, id LIMIT $3`,
      [sessionId, participantId, limit],
    );
    return result.rows.map(toNotification);
  }

  async unreadNotifications(sessionId: string, participantId: string): Promise<number> {
    const result = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM notifications WHERE session_id = $1 AND participant_id = $2 AND read_at IS NULL',
      [sessionId, participantId],
    );
    return Number(result.rows[0]!.n);
  }

  async markNotificationsRead(
    sessionId: string,
    participantId: string,
    ids: readonly string[] | null,
    at: string,
  ): Promise<number> {
    const result = await this.pool.query(
      `UPDATE notifications SET read_at = $1 WHERE session_id = $2 AND participant_id = $3 AND read_at IS NULL
       AND ($4::text[] IS NULL OR id = ANY($4::text[]))`,
      [at, sessionId, participantId, ids],
    );
    return result.rowCount ?? 0;
  }

  async notificationChoices(sessionId: string, participantId: string): Promise<NotificationChoices | null> {
    const result = await this.pool.query<{ choices: string }>(
      'SELECT choices FROM notification_choices WHERE session_id = $1 AND participant_id = $2',
      [sessionId, participantId],
    );
    return result.rows[0] ? toChoices(result.rows[0].choices) : null;
  }

  async saveNotificationChoices(sessionId: string, participantId: string, choices: NotificationChoices): Promise<void> {
    await this.pool.query(
      `INSERT INTO notification_choices (session_id, participant_id, choices) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, participant_id) DO UPDATE SET choices = excluded.choices`,
      [sessionId, participantId, JSON.stringify(choices)],
    );
  }

  enqueueMail(mails: readonly NewMail[]): Promise<number> {
    return inTransaction(this.pool, (client) => PostgresNotificationStore.enqueue(client, mails));
  }

  claimMail(now: string, leaseUntil: string, limit: number): Promise<MailRecord[]> {
    return inTransaction(this.pool, async (client) => {
      const due = await client.query<MailRow>(
        `SELECT id, recipient, subject, body, attempts FROM mail_outbox
         WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (due.rows.length > 0) {
        await client.query('UPDATE mail_outbox SET next_attempt_at = $1 WHERE id = ANY($2::text[])', [
          leaseUntil,
          due.rows.map((row) => row.id),
        ]);
      }
      return due.rows.map(toMail);
    });
  }

  async recordMailSent(id: string, claimedUntil: string): Promise<void> {
    await this.pool.query(
      `UPDATE mail_outbox SET status = 'sent', body = '', next_attempt_at = NULL, attempts = attempts + 1,
       last_error = NULL WHERE id = $1 AND status = 'pending' AND next_attempt_at = $2`,
      [id, claimedUntil],
    );
  }

  async recordMailFailed(id: string, claimedUntil: string, nextAttemptAt: string | null, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE mail_outbox SET status = $1, next_attempt_at = $2, attempts = attempts + 1, last_error = $3
       WHERE id = $4 AND status = 'pending' AND next_attempt_at = $5`,
      [nextAttemptAt === null ? 'failed' : 'pending', nextAttemptAt, error, id, claimedUntil],
    );
  }

  async nextMailAttemptAt(): Promise<string | null> {
    const result = await this.pool.query<{ at: string | null }>(
      "SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE status = 'pending'",
    );
    return result.rows[0]?.at ?? null;
  }
}
