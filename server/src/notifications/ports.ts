import type { Notification, NotificationChoices } from '@plenum/shared';

/** An e-mail to send once: its id says what it is for (an invitation, a notification). */
export interface NewMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
}

/** A queued e-mail claimed for sending. */
export interface MailRecord {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  /** Attempts made before this one. */
  attempts: number;
}

/** How far a session's log has been turned into notifications, saved with what it made. */
export interface NotificationCursor {
  sessionId: string;
  seq: number;
}

/**
 * Notifications, the participants' choices and the e-mail outbox. Every write is idempotent by
 * id, so a notification or a mail made twice (by a retry, a restart, another process) is kept once.
 */
export interface NotificationStore {
  /**
   * Stores the notifications and e-mails not stored before, and moves the session's cursor, in
   * one transaction; answers the notifications that were new. The transaction need not wait for
   * the disk: a crash of the machine may lose it, cursor and all, and the events after the cursor
   * then make the same notifications again.
   */
  addNotifications(
    notifications: readonly Notification[],
    mails: readonly NewMail[],
    cursor: NotificationCursor | null,
  ): Promise<Notification[]>;
  /** The seq up to which the session's log has been read; null when it never was. */
  notificationCursor(sessionId: string): Promise<number | null>;
  /** The participant's notifications, newest first. */
  listNotifications(sessionId: string, participantId: string, limit: number): Promise<Notification[]>;
  unreadNotifications(sessionId: string, participantId: string): Promise<number>;
  /** Marks the participant's notifications read (`ids` null: all of them); answers how many changed. */
  markNotificationsRead(
    sessionId: string,
    participantId: string,
    ids: readonly string[] | null,
    at: string,
  ): Promise<number>;
  /** The participant's saved choices; null when they made none. */
  notificationChoices(sessionId: string, participantId: string): Promise<NotificationChoices | null>;
  saveNotificationChoices(sessionId: string, participantId: string, choices: NotificationChoices): Promise<void>;
  /** Queues e-mails not queued before; answers how many were new. */
  enqueueMail(mails: readonly NewMail[]): Promise<number>;
  /** Claims up to `limit` e-mails due at `now` until `leaseUntil` (a crash mid-send lets them fall due again). */
  claimMail(now: string, leaseUntil: string, limit: number): Promise<MailRecord[]>;
  /** The e-mail left: it is never sent again, and its body (an invitation's link) is not kept. */
  recordMailSent(id: string, claimedUntil: string): Promise<void>;
  /** The e-mail was refused: try again at `nextAttemptAt`, or give up when it is null. */
  recordMailFailed(id: string, claimedUntil: string, nextAttemptAt: string | null, error: string): Promise<void>;
  /** When the earliest pending e-mail is due; null when none is pending. */
  nextMailAttemptAt(): Promise<string | null>;
}

/** A store's notification part, in its own tables and files. */
export interface NotificationStoreHolder {
  readonly notifications: NotificationStore;
}
