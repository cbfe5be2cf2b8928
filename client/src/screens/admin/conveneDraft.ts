import {
  ConveneBodySchema,
  defaultThresholds,
  type ConveneBody,
  type OrganisationUnit,
  type SessionSummary,
} from '@plenum/shared';
import { i18n } from '../../i18n';
import { fieldKey } from './refusedFields';
import { previousSessionFor, suggestedPeriod } from './periods';

export interface DayDraft {
  /** Stable across edits, so React keeps each row's inputs. */
  key: number;
  date: string;
  title: string;
  startTime: string;
  plannedEnd: string;
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
  chairName: string;
  chairEmail: string;
}

export const emptyDay = (key: number): DayDraft => ({ key, date: '', title: '', startTime: '', plannedEnd: '' });

const percent = (share: number) => String(Math.round(share * 1000) / 10);

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
    conferenceLink: '',
    previousSessionId: previous?.sessionId ?? '',
    proposeAgenda: true,
    chairName: '',
    chairEmail: '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The request body the draft stands for. */
export function conveneBody(draft: ConveneDraft, organisationId: string): ConveneBody {
  return {
    session: {
      title: draft.title,
      period: draft.period.trim(),
      organisation: draft.organisation,
      days: draft.days.map((day, index) => ({
        id: `day-${index + 1}`,
        date: day.date,
        title: day.title,
        startTime: orNull(day.startTime),
        plannedEnd: orNull(day.plannedEnd),
      })),
      thresholds: { warningBelow: Number(draft.warningPercent) / 100, reportingGap: Number(draft.gapPercent) / 100 },
      conferenceLink: orNull(draft.conferenceLink),
      previousSessionId: orNull(draft.previousSessionId),
    },
    organisationId,
    chairName: draft.chairName,
    chairEmail: orNull(draft.chairEmail),
    proposeAgenda: draft.previousSessionId !== '' && draft.proposeAgenda,
  };
}

/** Errors by field key (`title`, `days.0.date`, `warningBelow`…), in the current language. */
export type FieldErrors = Record<string, string>;

/**
 * What is wrong with the draft, field by field: an empty required field is named as such, a
 * threshold must be a percentage, and the rest is the protocol's own schema, so the form never
 * accepts what the server would refuse.
 */
export function checkDraft(draft: ConveneDraft, organisationId: string): FieldErrors {
  const errors: FieldErrors = {};
  const required = i18n.t('admin.field.required');
  const requireText = (key: string, value: string) => {
    if (value.trim() === '') errors[key] = required;
  };
  requireText('title', draft.title);
  requireText('organisation', draft.organisation);
  requireText('period', draft.period);
  requireText('chairName', draft.chairName);
  draft.days.forEach((day, index) => {
    requireText(`days.${index}.date`, day.date);
    requireText(`days.${index}.title`, day.title);
    if (day.startTime && day.plannedEnd && day.plannedEnd <= day.startTime) {
      errors[`days.${index}.plannedEnd`] = i18n.t('admin.convene.endAfterStart');
    }
  });
  for (const [key, value] of [
    ['warningBelow', draft.warningPercent],
    ['reportingGap', draft.gapPercent],
  ] as const) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
      errors[key] = i18n.t('admin.convene.percentRange');
    }
  }
  const parsed = ConveneBodySchema.safeParse(conveneBody(draft, organisationId));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldKey(issue.path.join('.'))] ??= issue.message;
  }
  return errors;
}
