// No zod here (as in limits.ts and thresholds.ts): the client offers these choices without the schemas.

/** What a participant may do in a review session. The role comes from the invitation only. */
export const Role = {
  /** Convenes and runs the session: agenda, floor, rulings, directives, warnings. */
  chair: 'chair',
  /** Presents one unit's plan and results and answers criticism. */
  presenter: 'presenter',
  /** Follows presentations, posts and endorses criticisms. */
  official: 'official',
  /** Records verified figures and inspection findings. */
  inspector: 'inspector',
  /** Read-only view, e.g. the big screen in the room. */
  observer: 'observer',
  /**
   * The organisation's administrator: keeps the register, convenes sessions and prepares them
   * (agenda, invitations, notice). Signs in with an administrator link, never invited to a session.
   */
  administrator: 'administrator',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role) as [Role, ...Role[]];

/** The roles a session invitation may grant (an administrator is the organisation's, not a session's). */
export const SessionRole = {
  chair: Role.chair,
  presenter: Role.presenter,
  official: Role.official,
  inspector: Role.inspector,
  observer: Role.observer,
} as const;
export type SessionRole = (typeof SessionRole)[keyof typeof SessionRole];
export const sessionRoles = Object.values(SessionRole) as [SessionRole, ...SessionRole[]];

/** What an agenda item is for; read through `itemKind()`, which also answers for older logs. */
export const AgendaItemKind = {
  /** The chair's opening: the period's summary and the session's aims. Comes first. */
  opening: 'opening',
  /** A unit presents its plan and results. */
  report: 'report',
  /** A unit warned in the previous period is reviewed again. */
  secondReview: 'second-review',
  /** A general topic, not tied to a unit. */
  topic: 'topic',
} as const;
export type AgendaItemKind = (typeof AgendaItemKind)[keyof typeof AgendaItemKind];

/** What a notification is about. */
export const NotificationKind = {
  /** The agenda item of the presenter's unit started (`agenda:item-started`). */
  itemStarts: 'item-starts',
  /** The chair gave the participant the floor (`floor:given`). */
  floorGiven: 'floor-given',
  /** A criticism was posted against the presenter's unit (`criticism:posted`). */
  criticismOfUnit: 'criticism-of-unit',
  /**
   * A directive was issued to the participant (`directive:issued`): an inspection order to its
   * inspector, any other to the presenters of its unit.
   */
  directiveIssued: 'directive-issued',
  /** A directive to the presenter's unit is due in two days or less (the due schedule). */
  directiveDueSoon: 'directive-due-soon',
  /** A directive to the presenter's unit passed its due date (the due schedule). */
  directiveOverdue: 'directive-overdue',
  /** An assignee filed an explanation (`directive:answered`); it waits for the chair's review. */
  explanationWaiting: 'explanation-waiting',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
/** Every kind, in the order the choices list them. */
export const notificationKinds = Object.values(NotificationKind) as [NotificationKind, ...NotificationKind[]];

/** The languages notices and e-mails are written in; the first is the default. */
export const notificationLanguages = ['en', 'ko'] as const;
export type NotificationLanguage = (typeof notificationLanguages)[number];
