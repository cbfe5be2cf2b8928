import type { Notification, NotificationChoices, NotificationKind, NotificationSubject } from '@plenum/shared';
import type { MailRecord } from '../notifications/ports.js';

/** A `notifications` row as SQLite and PostgreSQL return it. */
export interface NotificationRow {
  id: string;
  session_id: string;
  participant_id: string;
  kind: string;
  at: string;
  read_at: string | null;
  subject: string;
}

/** A `mail_outbox` row. */
export interface MailRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    kind: row.kind as NotificationKind,
    at: row.at,
    readAt: row.read_at,
    subject: JSON.parse(row.subject) as NotificationSubject,
  };
}

/** The values of a `notifications` row, in column order. */
export function notificationValues(n: Notification): [string, string, string, string, string, string | null, string] {
  return [n.id, n.sessionId, n.participantId, n.kind, n.at, n.readAt, JSON.stringify(n.subject)];
}

export function toMail(row: MailRow): MailRecord {
  return { id: row.id, recipient: row.recipient, subject: row.subject, body: row.body, attempts: row.attempts };
}

export function toChoices(text: string): NotificationChoices {
  return JSON.parse(text) as NotificationChoices;
}
