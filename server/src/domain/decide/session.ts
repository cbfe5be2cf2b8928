import {
  adjournDayBlocker,
  closeSessionBlocker,
  dayById,
  dayInTheWay,
  editDayBlocker,
  lastDayDate,
  liveItem,
  newEvent,
  noticeProblems,
  openDayBlocker,
  proposedWarnings,
  removeDayBlocker,
  reopenDayBlocker,
  type CommandOf,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { agendaTopicIn } from '../agendaWords.js';
import { DomainError } from '../errors.js';
import type { DecideContext } from './context.js';
import { dateRange } from './days.js';
import { requireDay, requireNoBlocker } from './guards.js';

/** Renames the session. */
export function decideRename(state: SessionState, payload: CommandOf<'session:rename'>['payload']): NewEvent[] {
  if (state.definition?.title === payload.title)
    throw new DomainError('CONFLICT', 'The session already has that title.');
  return [newEvent('session:renamed', payload)];
}

/**
 * Publishes the notice: the schedule is fixed and every invitee sees it. Refused with every
 * problem `noticeProblems` names (a day before the notice date, a day without items, an item
 * without its unit, a presenting unit without a presenter), so the preparer fixes them at once.
 */
export function decidePublishNotice(
  state: SessionState,
  payload: CommandOf<'session:publish-notice'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const problems = noticeProblems(state, payload.noticeDate);
  if (problems.length > 0) {
    throw new DomainError(
      'CONFLICT',
      `The notice cannot go out yet: ${problems.map((p) => p.problem).join(', ')}.`,
      undefined,
      { kind: 'notice-problems', problems },
    );
  }
  return [newEvent('session:noticed', { noticeDate: payload.noticeDate, at: ctx.now })];
}

/** Changes the thresholds or the conference link; only what differs from the session's now is logged. */
export function decideConfigure(state: SessionState, payload: CommandOf<'session:configure'>['payload']): NewEvent[] {
  const definition = state.definition;
  const changes: CommandOf<'session:configure'>['payload'] = {};
  const { thresholds, conferenceLink } = payload;
  if (
    thresholds !== undefined &&
    (Object.keys(thresholds) as (keyof typeof thresholds)[]).some(
      (key) => definition?.thresholds[key] !== thresholds[key],
    )
  ) {
    changes.thresholds = thresholds;
  }
  if (conferenceLink !== undefined && conferenceLink !== definition?.conferenceLink)
    changes.conferenceLink = conferenceLink;
  if (changes.thresholds === undefined && changes.conferenceLink === undefined) {
    throw new DomainError('CONFLICT', 'The session already has these settings.');
  }
  return [newEvent('session:configured', changes)];
}

/** The refusal of a day whose planned end is not after its start time, or nothing. */
function requireHoursInOrder(startTime: string | null, plannedEnd: string | null): void {
  if (startTime !== null && plannedEnd !== null && plannedEnd <= startTime) {
    throw new DomainError('INVALID_PAYLOAD', `The planned end must be after the start time ${startTime}.`, [
      { path: 'plannedEnd', message: `after ${startTime}`, reason: { code: 'after-start-time', startTime } },
    ]);
  }
}

/** Adds a day after the last one, the days staying in date order. */
export function decideAddDay(
  state: SessionState,
  payload: CommandOf<'day:add'>['payload'],
  ctx: DecideContext,
): NewEvent[] {
  const after = lastDayDate(state);
  if (after !== null && payload.date <= after) {
    throw new DomainError('CONFLICT', `A new day comes after the last one: choose a date after ${after}.`, undefined, {
      kind: 'day-out-of-order',
      field: 'date',
      after,
      before: null,
    });
  }
  requireHoursInOrder(payload.startTime, payload.plannedEnd);
  return [newEvent('day:added', { day: { id: ctx.newId(), ...payload } })];
}

/** Changes a day not yet opened: its theme, start time and planned end. */
export function decideUpdateDay(state: SessionState, payload: CommandOf<'day:update'>['payload']): NewEvent[] {
  requireNoBlocker(state, editDayBlocker(state, payload.dayId), `day ${payload.dayId}`);
  requireHoursInOrder(payload.startTime, payload.plannedEnd);
  const day = dayById(state, payload.dayId)!;
  if (
    day.title === payload.title &&
    (day.startTime ?? null) === payload.startTime &&
    (day.plannedEnd ?? null) === payload.plannedEnd
  ) {
    throw new DomainError('CONFLICT', `"${day.title}" already says so.`);
  }
  const { dayId, ...fields } = payload;
  return [newEvent('day:updated', { id: dayId, ...fields })];
}

/** Removes a day not yet opened that holds no item; a session keeps at least one day. */
export function decideRemoveDay(state: SessionState, payload: CommandOf<'day:remove'>['payload']): NewEvent[] {
  const blocker = removeDayBlocker(state, payload.dayId);
  if (blocker === 'day-has-items') {
    throw new DomainError('CONFLICT', 'Items are planned on that day: move or remove them first.');
  }
  if (blocker === 'only-day') throw new DomainError('CONFLICT', 'A session keeps at least one day.');
  requireNoBlocker(state, blocker, `day ${payload.dayId}`);
  return [newEvent('day:removed', { dayId: payload.dayId })];
}

/** Closes the session: no item live, no day open, every proposed warning decided. */
export function decideCloseSession(state: SessionState, ctx: DecideContext): NewEvent[] {
  const blocker = closeSessionBlocker(state);
  if (blocker === 'item-live') {
    throw new DomainError('CONFLICT', `Close "${agendaTopicIn(liveItem(state)!, 'en')}" first.`);
  }
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
  if (dayInTheWay(days, index, payload.date) !== null) {
    const after = days[index - 1]?.date ?? null;
    const before = days[index + 1]?.date ?? null;
    throw new DomainError(
      'CONFLICT',
      `The days stay in order: "${day.title}" must fall ${dateRange({ after, before })}; change the date.`,
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
