import type { DirectiveState, SessionEvent, SessionState, WebhookEventType } from '@plenum/shared';

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

/**
 * The notice a log event makes, or null for the events receivers do not subscribe to. `state`
 * is the session's current state, read for context (the item's unit, the directive's assignee).
 */
export function noticeOf(event: SessionEvent, state: SessionState): WebhookNotice | null {
  const base = { sessionId: event.sessionId, seq: event.seq, ...sessionFields(state) };
  const notice = (type: WebhookEventType, data: Record<string, unknown>): WebhookNotice => ({
    type,
    timestamp: event.at,
    data: { ...base, ...data },
  });
  switch (event.type) {
    case 'session:noticed':
      return notice('session.noticed', { noticeDate: event.payload.noticeDate });
    case 'agenda:item-started': {
      const item = state.agenda[event.payload.itemId];
      return notice('item.started', {
        itemId: event.payload.itemId,
        startedAt: event.payload.startedAt,
        unitId: item?.unitId ?? null,
        topic: item?.topic ?? null,
        plannedMinutes: item?.plannedMinutes ?? null,
      });
    }
    case 'warning:issued':
      return notice('warning.issued', { ...event.payload });
    case 'directive:issued':
      return notice('directive.issued', { ...event.payload });
    case 'directive:answered': {
      const directive = state.directives[event.payload.directiveId];
      return notice('explanation.submitted', {
        directiveId: event.payload.directiveId,
        text: event.payload.text,
        kind: directive?.kind ?? null,
        assigneeUnitId: directive?.assigneeUnitId ?? null,
        title: directive?.title ?? null,
      });
    }
    case 'session:closed':
      return notice('session.closed', { closedAt: event.payload.at });
    default:
      return null;
  }
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
