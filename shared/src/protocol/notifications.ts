import { z } from 'zod';
import { IdSchema, InstantSchema, IsoDateSchema } from './schemas/index.js';
import {
  notificationKinds,
  notificationLanguages,
  type NotificationKind,
  type NotificationLanguage,
} from './vocabulary.js';

export { NotificationKind, notificationKinds, notificationLanguages, type NotificationLanguage } from './vocabulary.js';

/**
 * In-app and e-mail notifications: what the server tells one participant about the session
 * when it concerns them. Derived on the server from the log and the directives' due dates;
 * delivered live as `notification:new` and read or marked read through `/api/v1`.
 */

/** What the notification names, so a screen or an e-mail can say it without another call. */
export const NotificationSubjectSchema = z.object({
  /**
   * The item's topic (in the recipient's notification language when the system wrote it) or unit
   * name, the directive's title, or the criticism's category.
   */
  title: z.string().max(500).nullable(),
  unitId: IdSchema.nullable(),
  itemId: IdSchema.nullable(),
  criticismId: IdSchema.nullable(),
  directiveId: IdSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
});
export type NotificationSubject = z.infer<typeof NotificationSubjectSchema>;

/** One notification of one participant. */
export const NotificationSchema = z.object({
  /** Stable: the same source, recipient and kind always make the same id. */
  id: z.string().min(1).max(100),
  sessionId: IdSchema,
  participantId: IdSchema,
  kind: z.enum(notificationKinds),
  at: InstantSchema,
  readAt: InstantSchema.nullable(),
  subject: NotificationSubjectSchema,
});
export type Notification = z.infer<typeof NotificationSchema>;

/** `GET /api/v1/sessions/{sessionId}/notifications`: the caller's notifications, newest first, and how many are unread. */
export const NotificationListSchema = z.object({
  notifications: z.array(NotificationSchema),
  unread: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

/** `POST …/notifications/read`: mark these read; without `ids`, every one of the caller's. */
export const MarkNotificationsReadBodySchema = z.object({
  ids: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
});
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBodySchema>;

/** Where one kind reaches the participant. */
export const NotificationChannelsSchema = z.object({ inApp: z.boolean(), email: z.boolean() });
export type NotificationChannels = z.infer<typeof NotificationChannelsSchema>;

/** A participant's own choices: which kinds reach them where, and the language of their e-mails. */
export const NotificationChoicesSchema = z.object({
  kinds: z.object(
    Object.fromEntries(notificationKinds.map((kind) => [kind, NotificationChannelsSchema])) as Record<
      NotificationKind,
      typeof NotificationChannelsSchema
    >,
  ),
  language: z.enum(notificationLanguages),
});
export type NotificationChoices = z.infer<typeof NotificationChoicesSchema>;

/**
 * The choices of someone who made none: everything in the app; by e-mail only what waits for
 * them after the meeting (due dates and explanations), not what happens on the live floor.
 */
export function defaultNotificationChoices(language: NotificationLanguage = 'en'): NotificationChoices {
  const live = new Set<NotificationKind>(['item-starts', 'floor-given', 'criticism-of-unit']);
  return {
    kinds: Object.fromEntries(
      notificationKinds.map((kind) => [kind, { inApp: true, email: !live.has(kind) }]),
    ) as NotificationChoices['kinds'],
    language,
  };
}

/** `notification:new`: a notification for this socket's participant, sent as it is made. */
export const NotificationMessageSchema = z.object({ notification: NotificationSchema });
export type NotificationMessage = z.infer<typeof NotificationMessageSchema>;
