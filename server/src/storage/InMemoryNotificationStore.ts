import type { Notification, NotificationChoices } from '@plenum/shared';
import type { MailRecord, NewMail, NotificationCursor, NotificationStore } from '../notifications/ports.js';

interface QueuedMail extends MailRecord {
  status: 'pending' | 'sent' | 'failed';
  nextAttemptAt: string | null;
}

/** Notifications, choices and the e-mail outbox in process memory; for unit tests. */
export class InMemoryNotificationStore implements NotificationStore {
  private readonly notifications = new Map<string, Notification>();
  private readonly choices = new Map<string, NotificationChoices>();
  private readonly cursors = new Map<string, number>();
  private readonly mails = new Map<string, QueuedMail>();

  addNotifications(
    notifications: readonly Notification[],
    mails: readonly NewMail[],
    cursor: NotificationCursor | null,
  ): Promise<Notification[]> {
    const added = notifications.filter((n) => !this.notifications.has(n.id));
    for (const n of added) this.notifications.set(n.id, structuredClone(n));
    this.enqueueNow(mails);
    if (cursor) this.cursors.set(cursor.sessionId, Math.max(this.cursors.get(cursor.sessionId) ?? 0, cursor.seq));
    return Promise.resolve(added);
  }

  notificationCursor(sessionId: string): Promise<number | null> {
    return Promise.resolve(this.cursors.get(sessionId) ?? null);
  }

  private mine(sessionId: string, participantId: string): Notification[] {
    return [...this.notifications.values()]
      .filter((n) => n.sessionId === sessionId && n.participantId === participantId)
      .reverse()
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  listNotifications(sessionId: string, participantId: string, limit: number): Promise<Notification[]> {
    return Promise.resolve(
      this.mine(sessionId, participantId)
        .slice(0, limit)
        .map((n) => structuredClone(n)),
    );
  }

  unreadNotifications(sessionId: string, participantId: string): Promise<number> {
    return Promise.resolve(this.mine(sessionId, participantId).filter((n) => n.readAt === null).length);
  }

  markNotificationsRead(
    sessionId: string,
    participantId: string,
    ids: readonly string[] | null,
    at: string,
  ): Promise<number> {
    const unread = this.mine(sessionId, participantId).filter((n) => n.readAt === null && (!ids || ids.includes(n.id)));
    for (const n of unread) this.notifications.get(n.id)!.readAt = at;
    return Promise.resolve(unread.length);
  }

  notificationChoices(sessionId: string, participantId: string): Promise<NotificationChoices | null> {
    const choices = this.choices.get(`${sessionId}\n${participantId}`);
    return Promise.resolve(choices ? structuredClone(choices) : null);
  }

  saveNotificationChoices(sessionId: string, participantId: string, choices: NotificationChoices): Promise<void> {
    this.choices.set(`${sessionId}\n${participantId}`, structuredClone(choices));
    return Promise.resolve();
  }

  private enqueueNow(mails: readonly NewMail[]): number {
    const added = mails.filter((m) => !this.mails.has(m.id));
    for (const m of added) {
      this.mails.set(m.id, { ...m, attempts: 0, status: 'pending', nextAttemptAt: m.createdAt });
    }
    return added.length;
  }

  enqueueMail(mails: readonly NewMail[]): Promise<number> {
    return Promise.resolve(this.enqueueNow(mails));
  }

  claimMail(now: string, leaseUntil: string, limit: number): Promise<MailRecord[]> {
    const due = [...this.mails.values()]
      .filter((m) => m.status === 'pending' && m.nextAttemptAt !== null && m.nextAttemptAt <= now)
      .slice(0, limit);
    for (const m of due) m.nextAttemptAt = leaseUntil;
    return Promise.resolve(
      due.map(({ id, recipient, subject, body, attempts }) => ({ id, recipient, subject, body, attempts })),
    );
  }

  private claimed(id: string, claimedUntil: string): QueuedMail | null {
    const mail = this.mails.get(id);
    return mail?.status === 'pending' && mail.nextAttemptAt === claimedUntil ? mail : null;
  }

  recordMailSent(id: string, claimedUntil: string): Promise<void> {
    const mail = this.claimed(id, claimedUntil);
    if (mail) Object.assign(mail, { status: 'sent', body: '', nextAttemptAt: null, attempts: mail.attempts + 1 });
    return Promise.resolve();
  }

  recordMailFailed(id: string, claimedUntil: string, nextAttemptAt: string | null): Promise<void> {
    const mail = this.claimed(id, claimedUntil);
    if (mail) {
      Object.assign(mail, { status: nextAttemptAt ? 'pending' : 'failed', nextAttemptAt, attempts: mail.attempts + 1 });
    }
    return Promise.resolve();
  }

  nextMailAttemptAt(): Promise<string | null> {
    const due = [...this.mails.values()]
      .filter((m) => m.status === 'pending' && m.nextAttemptAt !== null)
      .map((m) => m.nextAttemptAt!)
      .sort();
    return Promise.resolve(due[0] ?? null);
  }
}
