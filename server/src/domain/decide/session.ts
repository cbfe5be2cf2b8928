import {
  adjournDayBlocker,
  closeSessionBlocker,
  liveItem,
  newEvent,
  openDayBlocker,
  proposedWarnings,
  reopenDayBlocker,
  type CommandOf,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { requireDay, requireNoBlocker } from './guards.js';

/** Renames the session. */
export function decideRename(state: SessionState, payload: CommandOf<'session:rename'>['payload']): NewEvent[] {
  if (state.definition?.title === payload.title)
    throw new DomainError('CONFLICT', 'The session already has that title.');
  return [newEvent('session:renamed', payload)];
}

/** Publishes the notice: the schedule is fixed and every invitee sees it. */
export function decidePublishNotice(
  state: SessionState,
  payload: CommandOf<'session:publish-notice'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const firstDay = state.definition?.days[0]?.date;
  if (firstDay !== undefined && payload.noticeDate > firstDay) {
    throw new DomainError(
      'CONFLICT',
      `The notice date ${payload.noticeDate} is after the first day ${firstDay}: change the notice date or the days.`,
      undefined,
      { kind: 'notice-after-first-day', field: 'noticeDate', noticeDate: payload.noticeDate, firstDay },
    );
  }
  return [newEvent('session:noticed', { noticeDate: payload.noticeDate, at: ctx.now })];
}

/** Closes the session: no item live, no day open, every proposed warning decided. */
export function decideCloseSession(state: SessionState, ctx: DecideContext): NewEvent[] {
  const blocker = closeSessionBlocker(state);
  if (blocker === 'item-live') throw new DomainError('CONFLICT', `Close "${liveItem(state)!.topic}" first.`);
  if (blocker === 'warnings-undecided') {
    const names = proposedWarnings(state)
      .map((p) => state.units[p.unitId]?.name ?? p.unitId)
      .join(', ');
    throw new DomainError('CONFLICT', `Decide the proposed warnings first (issue or waive): ${names}.`);
  }
  if (blocker !== null) throw new DomainError('CONFLICT', 'The session is not in session.');
  const events: NewEvent[] = Object.entries(state.days)
    .filter(([, day]) => day.status === 'open')
    .map(([dayId]) => newEvent('day:adjourned', { dayId, at: ctx.now }));
  events.push(newEvent('session:closed', { at: ctx.now }));
  return events;
}

/**
 * Moves a day not yet opened to another date: after the day ahead of it, before the day behind
 * it, and, once the notice is out, the first day not before the notice date.
 */
export function decideRescheduleDay(state: SessionState, payload: CommandOf<'day:reschedule'>['payload']): NewEvent[] {
  requireDay(state, payload.dayId);
  const days = state.definition?.days ?? [];
  const index = days.findIndex((d) => d.id === payload.dayId);
  const day = days[index]!;
  if (state.days[day.id]?.status !== 'scheduled') {
    throw new DomainError(
      'CONFLICT',
      `"${day.title}" was already opened: only a day not yet opened can be rescheduled.`,
    );
  }
  if (day.date === payload.date) throw new DomainError('CONFLICT', `"${day.title}" is already on ${payload.date}.`);
  const after = days[index - 1]?.date ?? null;
  const before = days[index + 1]?.date ?? null;
  if ((after !== null && payload.date <= after) || (before !== null && payload.date >= before)) {
    const range = [after && `after ${after}`, before && `before ${before}`].filter(Boolean).join(' and ');
    throw new DomainError(
      'CONFLICT',
      `The days stay in order: "${day.title}" must fall ${range}; change the date.`,
      undefined,
      { kind: 'day-out-of-order', field: 'date', after, before },
    );
  }
  if (index === 0 && state.noticeDate !== null && payload.date < state.noticeDate) {
    throw new DomainError(
      'CONFLICT',
      `The first day cannot be before the notice of ${state.noticeDate}: choose ${state.noticeDate} or later.`,
      undefined,
      { kind: 'day-before-notice', field: 'date', noticeDate: state.noticeDate },
    );
  }
  return [newEvent('day:rescheduled', payload)];
}

/** Opens a day; one day at a time. */
export function decideOpenDay(
  state: SessionState,
  payload: CommandOf<'day:open'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireNoBlocker(state, openDayBlocker(state, payload.dayId), `day ${payload.dayId}`);
  return [newEvent('day:opened', { dayId: payload.dayId, at: ctx.now })];
}

/** Adjourns an open day, once no item of it holds the floor. */
export function decideAdjournDay(
  state: SessionState,
  payload: CommandOf<'day:adjourn'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireNoBlocker(state, adjournDayBlocker(state, payload.dayId), `day ${payload.dayId}`);
  return [newEvent('day:adjourned', { dayId: payload.dayId, at: ctx.now })];
}

/** Opens an adjourned day again, while no other day is open. */
export function decideReopenDay(
  state: SessionState,
  payload: CommandOf<'day:reopen'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  requireNoBlocker(state, reopenDayBlocker(state, payload.dayId), `day ${payload.dayId}`);
  return [newEvent('day:reopened', { dayId: payload.dayId, reason: payload.reason, at: ctx.now })];
}

/** Records the roll call for one participant on one day. */
export function decideRecordAttendance(
  state: SessionState,
  payload: CommandOf<'attendance:record'>['payload'],
): NewEvent[] {
  requireDay(state, payload.dayId);
  if (!state.participants[payload.participantId]) {
    throw new DomainError('NOT_FOUND', `There is no participant ${payload.participantId}.`);
  }
  if (state.attendance[payload.dayId]?.[payload.participantId]?.present === payload.present) {
    throw new DomainError('CONFLICT', 'The roll call already says so.');
  }
  return [newEvent('attendance:recorded', payload)];
}

/** Adds an organisation unit; its parent, if named, must already be there. */
export function decideAddUnit(state: SessionState, payload: CommandOf<'unit:add'>['payload']): NewEvent[] {
  const { unit } = payload;
  if (state.units[unit.id]) throw new DomainError('CONFLICT', `Unit ${unit.id} already exists.`);
  if (unit.parentId !== null && !state.units[unit.parentId]) {
    throw new DomainError('NOT_FOUND', `The parent unit ${unit.parentId} does not exist.`);
  }
  return [newEvent('unit:added', { unit })];
}
