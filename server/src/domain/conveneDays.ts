import { conveneDayProblems, type Issue } from '@plenum/shared';
import { DomainError } from './errors.js';

/** Twelve hours: the calendar furthest behind UTC (UTC−12) is still on the date of `now` minus this. */
const furthestBehindMs = 12 * 60 * 60 * 1000;

/**
 * The earliest date that is still today somewhere: a day on it is not in the past for an
 * organisation anywhere, since the server does not know the convener's time zone.
 */
export function earliestToday(now: Date): string {
  return new Date(now.getTime() - furthestBehindMs).toISOString().slice(0, 10);
}

/**
 * The days of a session being convened that may not stand (`conveneDayProblems`), as issues on
 * their dates; `daysPath` is where the request holds the days. Without `now` only their order is
 * checked: seeding and tests convene past reviews.
 */
function conveneDayIssues(days: readonly { date: string }[], now: Date | null, daysPath = 'session.days'): Issue[] {
  return conveneDayProblems(days, now === null ? null : earliestToday(now)).map((problem) => {
    const path = `${daysPath}.${problem.index}.date`;
    return problem.problem === 'day-in-past'
      ? { path, message: `not before ${problem.today}`, reason: { code: 'day-before-today', today: problem.today } }
      : { path, message: `after ${problem.after}`, reason: { code: 'day-not-after-previous', after: problem.after } };
  });
}

/** Refuses the days of {@link conveneDayIssues}, if any, each on its date, before anything is logged. */
export function refuseConveneDays(days: readonly { date: string }[], now: Date | null, daysPath?: string): void {
  const issues = conveneDayIssues(days, now, daysPath);
  if (issues.length > 0) {
    const refused = now === null ? 'A day is out of date order.' : 'A day is before today or out of date order.';
    throw new DomainError('INVALID_PAYLOAD', refused, issues);
  }
}
