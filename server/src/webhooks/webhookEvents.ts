import type {
  DirectiveState,
  EventType,
  SessionEvent,
  SessionEventOf,
  SessionState,
  WebhookEventType,
} from '@plenum/shared';
import { agendaTopicIn } from '../domain/agendaWords.js';

/** What a log event becomes for receivers: its webhook type and the data beside the session and seq. */
export interface WebhookNotice {
  type: WebhookEventType;
  /** When it happened: the event's commit time, or the overdue check's. */
  timestamp: string;
  data: { sessionId: string; seq: number | null } & Record<string, unknown>;
}

/** The session's title and period, named in every notice so a receiver needs no second call. */
function sessionFields(state: SessionState) {
  return { sessionTitle: state.definition?.title ?? null, period: state.definition?.period ?? null };
}

type NoticeMaker<K extends EventType> = (
  event: SessionEventOf<K>,
  state: SessionState,
) => { type: WebhookEventType; data: Record<string, unknown> } | null;

/** The log events receivers may subscribe to, each with the webhook type and data it makes. */
const noticeMakers: { [K in EventType]?: NoticeMaker<K> } = {
  'session:noticed': (event) => ({ type: 'session.noticed', data: { noticeDate: event.payload.noticeDate } }),
  'agenda:item-started': (event, state) => {
    const item = state.agenda[event.payload.itemId];
    return {
      type: 'item.started',
      data: {
        itemId: event.payload.itemId,
        startedAt: event.payload.startedAt,
        unitId: item?.unitId ?? null,
        topic: item ? agendaTopicIn(item, 'en') : null,
        plannedMinutes: item?.plannedMinutes ?? null,
      },
    };
  },
  'warning:issued': (event) => ({ type: 'warning.issued', data: { ...event.payload } }),
  // A waiver was never announced, so only a withdrawn warning is.
  'warning:reconsidered': ({ payload }) =>
    payload.decision === 'issued'
      ? {
          type: 'warning.withdrawn',
          data: { warningId: payload.warningId, unitId: payload.unitId, reason: payload.reason },
        }
      : null,
  'directive:issued': (event) => ({ type: 'directive.issued', data: { ...event.payload } }),
  'directive:answered': (event, state) => {
    const directive = state.directives[event.payload.directiveId];
    return {
      type: 'explanation.submitted',
      data: {
        directiveId: event.payload.directiveId,
        text: event.payload.text,
        kind: directive?.kind ?? null,
        assigneeUnitId: directive?.assigneeUnitId ?? null,
        title: directive?.title ?? null,
      },
    };
  },
  'session:closed': (event) => ({ type: 'session.closed', data: { closedAt: event.payload.at } }),
};

/**
 * The notice a log event makes, or null for the events receivers are not told of. `state`
 * is the session's current state, read for context (the item's unit, the directive's assignee).
 */
export function noticeOf(event: SessionEvent, state: SessionState): WebhookNotice | null {
  const make = noticeMakers[event.type] as NoticeMaker<EventType> | undefined;
  const notice = make?.(event, state);
  if (!notice) return null;
  const { type, data } = notice;
  return {
    type,
    timestamp: event.at,
    data: { sessionId: event.sessionId, seq: event.seq, ...sessionFields(state), ...data },
  };
}

/** The notice of a directive found past its due date at `now`. */
export function overdueNotice(state: SessionState, directive: DirectiveState, now: string): WebhookNotice {
  return {
    type: 'directive.overdue',
    timestamp: now,
    data: {
      sessionId: state.sessionId,
      seq: null,
      ...sessionFields(state),
      directiveId: directive.id,
      kind: directive.kind,
      title: directive.title,
      assigneeUnitId: directive.assigneeUnitId,
      dueDate: directive.dueDate,
      status: directive.status,
    },
  };
}
