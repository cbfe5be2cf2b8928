import {
  ConveneBodySchema,
  conveneDayProblems,
  defaultThresholds,
  PeriodSchema,
  type ConveneBody,
  type OrganisationUnit,
  type SessionSummary,
} from '@plenum/shared';
import { i18n } from '../../i18n';
import { serverLanguage } from '../../i18n/languages';
import { checkDays, percent, percentError, type DayFieldValues, type FieldErrors } from '../../lib/fieldChecks';
import { formatDate } from '../../lib/format';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { previousSessionFor, suggestedPeriod } from './periods';

export interface DayDraft extends DayFieldValues {
  /** Stable across edits, so React keeps each row's inputs. */
  key: number;
}

/** The convene form as typed: every field a string until it is sent. */
export interface ConveneDraft {
  title: string;
  organisation: string;
  period: string;
  days: DayDraft[];
  warningPercent: string;
  gapPercent: string;
  conferenceLink: string;
  /** '' for none. */
  previousSessionId: string;
  proposeAgenda: boolean;
  /** With a previous session: invite its participants again. */
  inviteAgain: boolean;
  chairName: string;
  chairEmail: string;
}

export const emptyDay = (key: number): DayDraft => ({ key, date: '', title: '', startTime: '', plannedEnd: '' });

/**
 * A new form: the next period after the latest session's, following it up, for the same
 * organisation as that session (the register's top unit when there is none).
 */
export function initialDraft(
  sessions: readonly SessionSummary[],
  topUnit: OrganisationUnit | null,
  now: Date,
): ConveneDraft {
  const period = suggestedPeriod(sessions, now);
  const previous = previousSessionFor(sessions, period);
  return {
    title: '',
    organisation: previous?.organisation ?? topUnit?.name ?? '',
    period,
    days: [emptyDay(1)],
    warningPercent: percent(defaultThresholds.warningBelow),
    gapPercent: percent(defaultThresholds.reportingGap),
    conferenceLink: previous?.conferenceLink ?? '',
    previousSessionId: previous?.sessionId ?? '',
    proposeAgenda: true,
    inviteAgain: true,
    chairName: '',
    chairEmail: '',
  };
}

/**
 * The draft following `previousSessionId` up: its conference link proposed in place of the
 * one the last choice proposed (one typed by hand stays).
 */
export function withPrevious(
  draft: ConveneDraft,
  sessions: readonly SessionSummary[],
  previousSessionId: string,
): ConveneDraft {
  const linkOf = (sessionId: string) => sessions.find((s) => s.sessionId === sessionId)?.conferenceLink ?? '';
  const isProposed = draft.conferenceLink.trim() === '' || draft.conferenceLink === linkOf(draft.previousSessionId);
  return {
    ...draft,
    previousSessionId,
    conferenceLink: isProposed ? linkOf(previousSessionId) : draft.conferenceLink,
  };
}

export const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The days of a request body, numbered in the order the form shows them. */
export function daysBody(days: readonly DayDraft[]) {
  return days.map((day, index) => ({
    id: `day-${index + 1}`,
    date: day.date,
    title: day.title,
    startTime: orNull(day.startTime),
    plannedEnd: orNull(day.plannedEnd),
  }));
}

/** The request body the draft stands for. */
export function conveneBody(draft: ConveneDraft, organisationId: string): ConveneBody {
  return {
    session: {
      title: draft.title,
      period: draft.period.trim(),
      organisation: draft.organisation,
      days: daysBody(draft.days),
      thresholds: { warningBelow: Number(draft.warningPercent) / 100, reportingGap: Number(draft.gapPercent) / 100 },
      conferenceLink: orNull(draft.conferenceLink),
      previousSessionId: orNull(draft.previousSessionId),
    },
    organisationId,
    chairName: draft.chairName,
    chairEmail: orNull(draft.chairEmail),
    proposeAgenda: draft.previousSessionId !== '' && draft.proposeAgenda,
    inviteParticipants: draft.previousSessionId !== '' && draft.inviteAgain,
    // The server words the agenda it proposes in the page's language.
    language: serverLanguage(i18n.resolvedLanguage),
  };
}

/**
 * Marks in `errors` each day of a session being convened dated before `today` (this device's)
 * or not after the day ahead of it (`conveneDayProblems`), beside its date, unless that date
 * is marked already.
 */
export function checkDayDates(days: readonly DayDraft[], today: string, errors: FieldErrors): void {
  for (const problem of conveneDayProblems(days, today)) {
    errors[`days.${problem.index}.date`] ??=
      problem.problem === 'day-in-past'
        ? i18n.t('admin.convene.dayInPast', { today: formatDate(problem.today) })
        : i18n.t('admin.convene.dayOutOfOrder', { after: formatDate(problem.after) });
  }
}

/**
 * What is wrong with the draft, field by field: an empty required field is named as such, a day
 * may not be before `today` (this device's) nor before the day ahead of it, a threshold must be
 * a percentage, and the rest is the protocol's own schema, so the form never accepts what the
 * server would refuse.
 */
export function checkDraft(draft: ConveneDraft, organisationId: string, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const required = i18n.t('admin.field.required');
  const requireText = (key: string, value: string) => {
    if (value.trim() === '') errors[key] = required;
  };
  requireText('title', draft.title);
  requireText('organisation', draft.organisation);
  requireText('period', draft.period);
  requireText('chairName', draft.chairName);
  // Said in the page's language: the schema's own words are English.
  if (!errors.period && !PeriodSchema.safeParse(draft.period.trim()).success) {
    errors.period = i18n.t('admin.convene.periodInvalid');
  }
  checkDays(draft.days, errors);
  checkDayDates(draft.days, today, errors);
  for (const [key, value] of [
    ['warningBelow', draft.warningPercent],
    ['reportingGap', draft.gapPercent],
  ] as const) {
    const error = percentError(value);
    if (error !== null) errors[key] = error;
  }
  const parsed = ConveneBodySchema.safeParse(conveneBody(draft, organisationId));
  if (!parsed.success) {
    for (const [key, message] of Object.entries(schemaIssuesByField(parsed.error.issues))) errors[key] ??= message;
  }
  return errors;
}
