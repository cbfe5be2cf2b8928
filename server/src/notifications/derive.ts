import { createHash } from 'node:crypto';
import {
  actsOnDirective,
  addDays,
  carriedOverFrom,
  isDirectiveOpen,
  isOverdue,
  type DirectiveState,
  type EventType,
  type Notification,
  type NotificationKind,
  type NotificationSubject,
  type Participant,
  type SessionEvent,
  type SessionEventOf,
  type SessionState,
} from '@plenum/shared';

/** How many days before its due date a directive's addressee is reminded. */
export const dueSoonDays = 2;

const noSubject: NotificationSubject = {
  title: null,
  unitId: null,
  itemId: null,
  criticismId: null,
  directiveId: null,
  dueDate: null,
};

/**
 * A notification's id: the same for the same source, recipient and kind, in every process and
 * after every restart, so making it twice stores it once.
 */
export function notificationId(
  sessionId: string,
  source: string,
  participantId: string,
  kind: NotificationKind,
): string {
  const digest = createHash('sha256').update(`${sessionId}\n${source}\n${participantId}\n${kind}`).digest('base64url');
  return `ntf_${digest.slice(0, 32)}`;
}

/**
 * The participants who may still be told anything (their link not revoked) and who `is` one
 * of: one pass over the participants, run on every criticism posted, so a session of thousands
 * of officials makes no list of them all first.
 */
function reachable(state: SessionState, is: (participant: Participant) => boolean): string[] {
  const found: string[] = [];
  for (const id in state.participants) {
    if (is(state.participants[id]!) && isReachable(state, id)) found.push(id);
  }
  return found;
}

/** Whether the participant may still be told anything: invited, their link not revoked. */
function isReachable(state: SessionState, participantId: string): boolean {
  return participantId in state.participants && !state.access[participantId]?.revokedAt;
}

/** The presenters of a unit: who answers for it. */
function presentersOf(state: SessionState, unitId: string | null): string[] {
  if (unitId === null) return [];
  return reachable(state, (participant) => participant.role === 'presenter' && participant.unitId === unitId);
}

/** Who a directive is addressed to: the inspector it names, else whoever acts for its assignee unit (the chair aside). */
function addresseesOf(state: SessionState, directive: DirectiveState): string[] {
  return reachable(state, (participant) => participant.role !== 'chair' && actsOnDirective(participant, directive));
}

function chairsOf(state: SessionState): string[] {
  return reachable(state, (participant) => participant.role === 'chair');
}

function unitName(state: SessionState, unitId: string | null): string | null {
  return unitId === null ? null : (state.units[unitId]?.name ?? unitId);
}

interface Made {
  kind: NotificationKind;
  recipients: string[];
  subject: Partial<NotificationSubject>;
}

type Maker<K extends EventType> = (event: SessionEventOf<K>, state: SessionState) => Made | null;

/** The log events that notify someone: the kind, who is told, and what it names. */
const makers: { [K in EventType]?: Maker<K> } = {
  'agenda:item-started': (event, state) => {
    const item = state.agenda[event.payload.itemId];
    if (!item) return null;
    return {
      kind: 'item-starts',
      recipients: presentersOf(state, item.unitId),
      subject: { itemId: item.id, unitId: item.unitId, title: item.topic },
    };
  },
  'floor:given': (event, state) => {
    const item = state.agenda[event.payload.itemId];
    return {
      kind: 'floor-given',
      recipients: isReachable(state, event.payload.participantId) ? [event.payload.participantId] : [],
      subject: {
        itemId: event.payload.itemId,
        unitId: item?.unitId ?? null,
        title: item?.topic ?? null,
      },
    };
  },
  'criticism:posted': (event, state) => ({
    kind: 'criticism-of-unit',
    // The author is not told of their own point, should they present the unit too.
    recipients: presentersOf(state, event.payload.unitId).filter((id) => id !== event.actorId),
    subject: { criticismId: event.payload.criticismId, unitId: event.payload.unitId, title: event.payload.text },
  }),
  'directive:issued': (event, state) => {
    const directive = state.directives[event.payload.directiveId];
    if (!directive) return null;
    return {
      kind: 'directive-issued',
      recipients: addresseesOf(state, directive),
      subject: directiveSubject(state, directive),
    };
  },
  'directive:answered': (event, state) => explanationWaiting(state, event.payload.directiveId),
  // An explanation relayed up from a lower level's follow-up waits here as one answered here does.
  'directive:relayed': (event, state) => explanationWaiting(state, event.payload.directiveId),
};

function explanationWaiting(state: SessionState, directiveId: string): Made | null {
  const directive = state.directives[directiveId];
  if (!directive) return null;
  return { kind: 'explanation-waiting', recipients: chairsOf(state), subject: directiveSubject(state, directive) };
}

function directiveSubject(state: SessionState, directive: DirectiveState): Partial<NotificationSubject> {
  return {
    directiveId: directive.id,
    unitId: directive.assigneeUnitId,
    title: directive.title || unitName(state, directive.assigneeUnitId),
    dueDate: directive.dueDate,
  };
}

function toNotifications(state: SessionState, made: Made, source: string, at: string): Notification[] {
  const subject = { ...noSubject, ...made.subject };
  if (subject.title !== null) subject.title = subject.title.slice(0, 500);
  return made.recipients.map((participantId) => ({
    id: notificationId(state.sessionId, source, participantId, made.kind),
    sessionId: state.sessionId,
    participantId,
    kind: made.kind,
    at,
    readAt: null,
    subject,
  }));
}

/**
 * The notifications a logged event makes, one per recipient; none for the events that concern
 * nobody in particular. `state` is the session's current state, read for who is who.
 */
export function notificationsOfEvent(event: SessionEvent, state: SessionState): Notification[] {
  const make = makers[event.type] as Maker<EventType> | undefined;
  const made = make?.(event, state);
  return made ? toNotifications(state, made, `seq:${event.seq}`, event.at) : [];
}

/**
 * The directives `follower`, a review of the next period, took over from the review
 * `previousSessionId` and answers for itself: closed there, or open with someone there to remind.
 * The earlier review leaves those to it; it still reminds of one the follower holds open with
 * nobody to address yet (its presenters not invited, say), so no reminder is lost.
 */
export function takenOver(follower: SessionState, previousSessionId: string): string[] {
  return carriedOverFrom(follower, previousSessionId)
    .filter((directive) => !isDirectiveOpen(directive) || addresseesOf(follower, directive).length > 0)
    .map((directive) => directive.id);
}

/** The latest due date a reminder is made for on `now`: the overdue and those due soon. */
function remindsUpTo(now: string): string {
  return addDays(now.slice(0, 10), dueSoonDays);
}

/** Whether a session whose earliest open due date is `dueBy` may call for a reminder on `now`. */
export function mayRemind(dueBy: string, now: string): boolean {
  return dueBy <= remindsUpTo(now);
}

/**
 * The reminders the due dates call for on `now`: each open directive overdue, or due within
 * {@link dueSoonDays} days, to its unit's presenters, but those `remindedElsewhere` (see
 * {@link takenOver}). The same directive makes the same ids on
 * every check, so a check repeated (or run by several processes) stores each once.
 */
export function dueNotifications(
  state: SessionState,
  now: string,
  remindedElsewhere: ReadonlySet<string> = new Set(),
): Notification[] {
  const today = now.slice(0, 10);
  const soon = remindsUpTo(now);
  return state.directiveOrder.flatMap((id) => {
    if (remindedElsewhere.has(id)) return [];
    const directive = state.directives[id]!;
    const overdue = isOverdue(directive, today);
    const dueSoon = isDirectiveOpen(directive) && directive.dueDate >= today && directive.dueDate <= soon;
    if (!overdue && !dueSoon) return [];
    const made: Made = {
      kind: overdue ? 'directive-overdue' : 'directive-due-soon',
      recipients: addresseesOf(state, directive),
      subject: directiveSubject(state, directive),
    };
    return toNotifications(state, made, `directive:${directive.id}`, now);
  });
}
