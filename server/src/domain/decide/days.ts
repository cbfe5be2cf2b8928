import {
  daysReschedule,
  IsoDateSchema,
  newEvent,
  schemaMessages,
  type CommandOf,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { DomainError } from '../errors.js';

/** The dates a day must fall between, in words: `after 2026-07-01 and before 2026-07-03`. */
export function dateRange({ after, before }: { after: string | null; before: string | null }): string {
  return [after && `after ${after}`, before && `before ${before}`].filter(Boolean).join(' and ');
}

/**
 * Moves every day not yet opened at once, the first of them to `date` and the others with it
 * (`daysReschedule`): one `day:rescheduled` per day, in one commit. Refused, typed, when a moved
 * day would come before a day already opened (`day-out-of-order`) or before the published notice
 * (`day-before-notice`).
 */
export function decideRescheduleDays(
  state: SessionState,
  payload: CommandOf<'session:reschedule-days'>['payload'],
): NewEvent[] {
  const { moves, refusal } = daysReschedule(state, payload.date);
  const first = moves[0];
  if (!first) throw new DomainError('CONFLICT', 'Every day was already opened: none is left to move.');
  if (first.from === payload.date)
    throw new DomainError('CONFLICT', `The first day not yet opened is already on ${payload.date}.`);
  if (refusal?.kind === 'day-out-of-order') {
    throw new DomainError(
      'CONFLICT',
      `The days already opened stay where they are: the first day to move must fall ${dateRange(refusal)}.`,
      undefined,
      refusal,
    );
  }
  if (refusal?.kind === 'day-before-notice') {
    throw new DomainError(
      'CONFLICT',
      `No day can be before the notice of ${refusal.noticeDate}: choose ${refusal.noticeDate} or later.`,
      undefined,
      refusal,
    );
  }
  if (moves.some((move) => !IsoDateSchema.safeParse(move.to).success)) {
    throw new DomainError(
      'INVALID_PAYLOAD',
      `The last day would fall beyond the calendar: ${schemaMessages.dateRange}.`,
      [{ path: 'date', message: schemaMessages.dateRange }],
    );
  }
  // Later days move first when the days move later (earlier days first when earlier), so the
  // days stay in order after every event, as any reader folding them one by one sees them.
  const ordered = payload.date > first.from ? [...moves].reverse() : moves;
  return ordered.map((move) => newEvent('day:rescheduled', { dayId: move.dayId, date: move.to }));
}
