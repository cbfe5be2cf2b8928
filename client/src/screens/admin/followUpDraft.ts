import { CascadeBodySchema, defaultThresholds, type CascadeBody } from '@plenum/shared';
import { i18n } from '../../i18n';
import { serverLanguage } from '../../i18n/languages';
import { checkDays, percent, percentError, type FieldErrors } from '../../lib/fieldChecks';
import { checkDayDates, daysBody, emptyDay, orNull, type DayDraft } from './conveneDraft';
import { schemaIssuesByField } from '../../lib/schemaIssues';

/** The follow-up form as typed: a level of a closed review convenes its own session. */
export interface FollowUpDraft {
  /** The level that convenes it; '' until chosen. */
  unitId: string;
  title: string;
  days: DayDraft[];
  /** The level's own warning threshold. */
  warningPercent: string;
  chairName: string;
  chairEmail: string;
}

/** A new form: no level chosen yet, one day, the default threshold. */
export function initialFollowUp(): FollowUpDraft {
  return {
    unitId: '',
    title: '',
    days: [emptyDay(1)],
    warningPercent: percent(defaultThresholds.warningBelow),
    chairName: '',
    chairEmail: '',
  };
}

/** The request body the draft stands for. */
export function followUpBody(draft: FollowUpDraft): CascadeBody {
  return {
    unitId: draft.unitId,
    title: draft.title,
    days: daysBody(draft.days),
    thresholds: { ...defaultThresholds, warningBelow: Number(draft.warningPercent) / 100 },
    chairName: draft.chairName,
    chairEmail: orNull(draft.chairEmail),
    language: serverLanguage(i18n.resolvedLanguage),
  };
}

/**
 * What is wrong with the draft, field by field, as the server would say it: a day may not be
 * before `today` (this device's) nor before the day ahead of it, as at convening.
 */
export function checkFollowUp(draft: FollowUpDraft, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const required = i18n.t('admin.field.required');
  if (draft.unitId === '') errors.unitId = i18n.t('admin.followUp.chooseLevel');
  if (draft.title.trim() === '') errors.title = required;
  if (draft.chairName.trim() === '') errors.chairName = required;
  checkDays(draft.days, errors);
  checkDayDates(draft.days, today, errors);
  const warning = percentError(draft.warningPercent);
  if (warning !== null) errors.warningBelow = warning;
  const parsed = CascadeBodySchema.safeParse(followUpBody(draft));
  if (!parsed.success) {
    for (const [key, message] of Object.entries(schemaIssuesByField(parsed.error.issues))) errors[key] ??= message;
  }
  return errors;
}
