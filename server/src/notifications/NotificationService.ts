import {
  defaultNotificationChoices,
  type AgendaItemState,
  type Notification,
  type NotificationLanguage,
  type NotificationChoices,
  type NotificationList,
  type ReviewSessionDefinition,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';
import { agendaTopicIn } from '../domain/agendaWords.js';
import { isOrganisationStream } from '../domain/organisationService.js';
import { laterTurn, type Clock, type Store, type Timers } from '../domain/ports.js';
import type { SessionDirectory } from '../domain/sessionDirectory.js';
import type { IssuedToInvitee } from '../domain/sessionService.js';
import { hashToken } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import { Rounds } from '../lib/rounds.js';
import { dueNotifications, mayRemind, notificationsOfEvent, takenOver } from './derive.js';
import { MailOutbox } from './MailOutbox.js';
import type { Mailer } from './mailer.js';
import { administratorMail, invitationMail, noticeMail } from './mailText.js';
import type { NewMail, NotificationCursor } from './ports.js';

export interface NotificationServiceDeps {
  store: Store;
  /** Each session's digest: the due check loads only the sessions it says may remind. */
  directory: Pick<SessionDirectory, 'holdingDue'>;
  /** What `view` derives from a session's current state (`CommandService.read`). */
  read: <TResult>(sessionId: string, view: (state: SessionState) => TResult) => Promise<TResult>;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Null: no e-mail is queued or sent (SMTP_URL unset). */
  mailer: Mailer | null;
  /** Sends a new notification to its recipient's open screens. */
  publish: (notification: Notification) => void;
  /** How often due dates are checked; default 5 minutes. */
  dueCheckMs?: number;
  random?: () => number;
}

/**
 * Events read from a log at a time; each page is one short transaction, and the next waits for
 * another turn of the event loop, so a long log (a start after many events) never holds it.
 */
const readPage = 500;
/**
 * Events read past the saved cursor that made no notification, before the cursor is saved
 * anyway: a process stopped without saving it reads at most this many again at its start.
 */
const cursorLag = 500;
/** An event older than this when first read is history, not news: nobody is notified of it. */
const freshForMs = 24 * 60 * 60 * 1000;
/** Notifications a participant's list shows. */
const listLimit = 100;

type SessionNames = Pick<ReviewSessionDefinition, 'title' | 'period' | 'organisation'>;

function namesOf(state: SessionState): SessionNames | null {
  const d = state.definition;
  return d ? { title: d.title, period: d.period, organisation: d.organisation } : null;
}

type ItemTopic = Pick<AgendaItemState, 'topic' | 'generatedTopic'>;

/** The items whose topic the system wrote, of those the notifications name, by id. */
function itemsNamed(state: SessionState, notifications: readonly Notification[]): Map<string, ItemTopic> {
  const items = new Map<string, ItemTopic>();
  for (const { subject } of notifications) {
    const item = subject.itemId === null ? undefined : state.agenda[subject.itemId];
    if (item?.generatedTopic) items.set(item.id, item);
  }
  return items;
}

/**
 * The notification with its item's topic in the recipient's language, when the system wrote it:
 * the e-mail, the list and the API all say it so.
 */
function titledIn(
  notification: Notification,
  language: NotificationLanguage,
  items: ReadonlyMap<string, ItemTopic>,
): Notification {
  const item = notification.subject.itemId === null ? undefined : items.get(notification.subject.itemId);
  if (!item) return notification;
  return { ...notification, subject: { ...notification.subject, title: agendaTopicIn(item, language).slice(0, 500) } };
}

/**
 * Turns committed events and the directives' due dates into notifications per participant, off
 * the command path, as the webhook dispatcher turns them into deliveries: a commit only hints
 * which sessions moved; each session's log is read from a cursor saved with what it made; each
 * notification's id is derived from its source, recipient and kind, so nothing is made twice
 * across retries, restarts and processes. New ones go live to the recipient's sockets and, by
 * their choice, into the e-mail outbox.
 */
export class NotificationService {
  private readonly outbox: MailOutbox | null;
  /** Sessions whose log is being read, a round at a time each. */
  private readonly sweeps = new Rounds();
  /**
   * Per session, the seq through which this process has made the notifications, and the one its
   * saved cursor holds: the cursor is saved with what it made, not after every event that made
   * none (most of them), as that was a write per commit.
   */
  private readonly madeThrough = new Map<string, number>();
  private readonly savedThrough = new Map<string, number>();
  /** Per session, the events committed here since its last sweep: read from memory, not the log. */
  private readonly committed = new Map<string, SessionEvent[]>();
  private cancelDue: () => void = () => undefined;
  private stopped = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly deps: NotificationServiceDeps) {
    this.outbox = deps.mailer
      ? new MailOutbox({
          store: deps.store.notifications,
          mailer: deps.mailer,
          clock: deps.clock,
          timers: deps.timers,
          logger: deps.logger,
          random: deps.random,
        })
      : null;
  }

  /** Catches up with every log, checks the due dates and sends pending e-mail; once. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      for (const sessionId of await this.deps.store.listSessions()) {
        if (this.stopped) return;
        await this.sweep(sessionId);
        await laterTurn(this.deps.timers);
      }
      await this.checkDue();
      this.scheduleDue();
      await this.outbox?.runDue();
    })();
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelDue();
    await Promise.allSettled([this.starting, ...this.sweeps.inFlight()]);
    for (const [sessionId, seq] of this.madeThrough) {
      if (seq > (this.savedThrough.get(sessionId) ?? 0)) {
        await this.deps.store.notifications
          .addNotifications([], [], { sessionId, seq })
          .catch((error: unknown) =>
            this.deps.logger.warn({ err: error, sessionId }, 'notification cursor not saved; read again at the start'),
          );
      }
    }
    await this.outbox?.stop();
    this.deps.mailer?.close();
  }

  /** The command service committed these events to the session's log: notify whom they concern, soon. */
  handleCommitted(sessionId: string, events: readonly SessionEvent[]): void {
    if (this.stopped || isOrganisationStream(sessionId)) return;
    const held = this.committed.get(sessionId);
    // Many commits before a sweep (its turns not coming): the log has them all.
    if (held && held.length + events.length > readPage) this.committed.set(sessionId, []);
    else if (held) held.push(...events);
    else this.committed.set(sessionId, [...events]);
    this.deps.timers.nextTurn(() => {
      this.sweep(sessionId).catch((error: unknown) =>
        this.deps.logger.warn({ err: error, sessionId }, 'notifications not made; retried at the next commit'),
      );
    });
  }

  /** Makes the notifications of the session's events after its cursor. */
  sweep(sessionId: string): Promise<void> {
    if (isOrganisationStream(sessionId)) return Promise.resolve();
    return this.sweeps.run(sessionId, () => this.readLog(sessionId));
  }

  private async readLog(sessionId: string): Promise<void> {
    const { store, clock } = this.deps;
    for (;;) {
      let cursor = this.madeThrough.get(sessionId);
      if (cursor === undefined) {
        cursor = (await store.notifications.notificationCursor(sessionId)) ?? 0;
        this.savedThrough.set(sessionId, cursor);
      }
      const events = this.takeCommitted(sessionId, cursor) ?? (await store.read(sessionId, cursor, readPage));
      if (events.length === 0) return;
      const since = new Date(clock.now().getTime() - freshForMs).toISOString();
      const made = await this.deps.read(sessionId, (state) => {
        const notifications = events.filter((e) => e.at >= since).flatMap((e) => notificationsOfEvent(e, state));
        return { names: namesOf(state), notifications, items: itemsNamed(state, notifications) };
      });
      const seq = events.at(-1)!.seq;
      const saved = this.savedThrough.get(sessionId) ?? 0;
      if (made.notifications.length > 0 || seq - saved >= cursorLag) {
        await this.deliver(sessionId, made.notifications, made.names, { sessionId, seq }, made.items);
        this.savedThrough.set(sessionId, seq);
      }
      this.madeThrough.set(sessionId, seq);
      // The store answers synchronously: without a turn between pages, the whole catch-up is one task.
      await laterTurn(this.deps.timers);
    }
  }

  /**
   * The events committed here that follow `cursor` without a gap; null when they do not (another
   * process or another path appended in between), so the log is read instead.
   */
  private takeCommitted(sessionId: string, cursor: number): SessionEvent[] | null {
    const held = this.committed.get(sessionId);
    this.committed.delete(sessionId);
    const events = held?.filter((event) => event.seq > cursor) ?? [];
    const followOn = events.length > 0 && events.every((event, i) => event.seq === cursor + 1 + i);
    return followOn ? events : null;
  }

  /**
   * Makes the reminders of every session's directives due soon or overdue; each once. Only the
   * sessions whose digest holds such a directive are read ({@link SessionDirectory.holdingDue});
   * a directive the next period's review took over is reminded of there ({@link takenOver}).
   */
  async checkDue(): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    for (const { sessionId, followedBy } of await this.deps.directory.holdingDue((dueBy) => mayRemind(dueBy, now))) {
      if (this.stopped) return;
      const remindedElsewhere = new Set<string>();
      for (const follower of followedBy) {
        for (const id of await this.deps.read(follower, (state) => takenOver(state, sessionId)))
          remindedElsewhere.add(id);
      }
      const made = await this.deps.read(sessionId, (state) => ({
        names: namesOf(state),
        notifications: dueNotifications(state, now, remindedElsewhere),
      }));
      if (made.notifications.length > 0) await this.deliver(sessionId, made.notifications, made.names, null);
      await laterTurn(this.deps.timers);
    }
  }

  private scheduleDue(): void {
    if (this.stopped) return;
    this.cancelDue = this.deps.timers.after(this.deps.dueCheckMs ?? 300_000, () => {
      this.checkDue()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'due check failed; retried on schedule'))
        .finally(() => this.scheduleDue());
    });
  }

  /** Stores what each recipient chose to receive in the app, queues what they chose by e-mail, and sends the new ones live. */
  private async deliver(
    sessionId: string,
    notifications: readonly Notification[],
    names: SessionNames | null,
    cursor: NotificationCursor | null,
    items: ReadonlyMap<string, ItemTopic> = new Map(),
  ): Promise<void> {
    const recipients = [...new Set(notifications.map((n) => n.participantId))];
    const choices = new Map(
      await Promise.all(recipients.map(async (id) => [id, await this.choices(sessionId, id)] as const)),
    );
    const titled = notifications.map((n) => titledIn(n, choices.get(n.participantId)!.language, items));
    const emails = this.outbox && recipients.length > 0 ? await this.emailsOf(sessionId) : new Map<string, string>();
    const createdAt = this.deps.clock.now().toISOString();
    const mails: NewMail[] = titled.flatMap((n) => {
      const chosen = choices.get(n.participantId)!;
      const recipient = emails.get(n.participantId);
      if (!names || !recipient || !chosen.kinds[n.kind].email) return [];
      const text = noticeMail(chosen.language, names, n);
      return [{ id: `notice:${n.id}`, recipient, subject: text.subject, body: text.body, createdAt }];
    });
    const shown = titled.filter((n) => choices.get(n.participantId)!.kinds[n.kind].inApp);
    const added = await this.deps.store.notifications.addNotifications(shown, mails, cursor);
    for (const notification of added) this.deps.publish(notification);
    if (mails.length > 0) void this.outbox?.runDue();
  }

  /** Each participant's e-mail address, from their live invitation. */
  private async emailsOf(sessionId: string): Promise<Map<string, string>> {
    const invitations = await this.deps.store.listInvitations(sessionId);
    return new Map(
      invitations.filter((i) => i.revokedAt === null && i.email).map((i) => [i.participant.id, i.email!] as const),
    );
  }

  /**
   * Queues the invitation e-mail of each invitee with an address, in their language (kept as
   * their choice), and sends it. The link is in the queued body only until the mail has left.
   */
  async invited(
    sessionId: string,
    invitations: readonly IssuedToInvitee[],
    link: (token: string) => string,
  ): Promise<void> {
    for (const { participant, language } of invitations) {
      if (language) {
        const current = await this.choices(sessionId, participant.id);
        await this.saveChoices(sessionId, participant.id, { ...current, language });
      }
    }
    if (!this.outbox) return;
    // The organisation's log invites administrators, who belong to no session.
    const ofAdministrators = isOrganisationStream(sessionId);
    const names = ofAdministrators ? null : await this.deps.read(sessionId, namesOf);
    if (!ofAdministrators && !names) return;
    const createdAt = this.deps.clock.now().toISOString();
    const mails: NewMail[] = [];
    for (const i of invitations.filter((one) => one.email)) {
      // A reissued link names no language: the one the participant chose (or was invited in).
      const language = i.language ?? (await this.choices(sessionId, i.participant.id)).language;
      const kind = i.reissued ? 'reissued' : 'invitation';
      const text = names
        ? invitationMail(language, names, i.participant, link(i.token), kind)
        : administratorMail(language, i.participant, link(i.token), kind);
      mails.push({
        id: `invitation:${hashToken(i.token)}`,
        recipient: i.email!,
        subject: text.subject,
        body: text.body,
        createdAt,
      });
    }
    if (mails.length === 0) return;
    await this.deps.store.notifications.enqueueMail(mails);
    void this.outbox.runDue();
  }

  /** The participant's notifications, newest first, with the unread count. */
  async list(sessionId: string, participantId: string): Promise<NotificationList> {
    const { notifications } = this.deps.store;
    return {
      notifications: await notifications.listNotifications(sessionId, participantId, listLimit),
      unread: await notifications.unreadNotifications(sessionId, participantId),
    };
  }

  /** Marks the participant's notifications read (`ids` omitted: all); answers the list as it is now. */
  async markRead(
    sessionId: string,
    participantId: string,
    ids: readonly string[] | undefined,
  ): Promise<NotificationList> {
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.notifications.markNotificationsRead(sessionId, participantId, ids ?? null, at);
    return this.list(sessionId, participantId);
  }

  /**
   * The participant's choices, or the defaults when they made none; a kind added since they
   * saved theirs reaches them as it does by default.
   */
  async choices(sessionId: string, participantId: string): Promise<NotificationChoices> {
    const defaults = defaultNotificationChoices();
    const saved = await this.deps.store.notifications.notificationChoices(sessionId, participantId);
    return saved ? { ...saved, kinds: { ...defaults.kinds, ...saved.kinds } } : defaults;
  }

  async saveChoices(
    sessionId: string,
    participantId: string,
    choices: NotificationChoices,
  ): Promise<NotificationChoices> {
    await this.deps.store.notifications.saveNotificationChoices(sessionId, participantId, choices);
    return choices;
  }

  /** Sends whatever e-mail is due now (tests call it after moving their clock). */
  runMail(): Promise<void> {
    return this.outbox?.runDue() ?? Promise.resolve();
  }
}
