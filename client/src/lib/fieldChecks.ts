import { i18n } from '../i18n';

/** Errors by field key (`title`, `days.0.date`, `warningBelow`…), in the current language. */
export type FieldErrors = Record<string, string>;

/** A day as a form holds it: times are `HH:MM` or empty. */
export interface DayFieldValues {
  date: string;
  title: string;
  startTime: string;
  plannedEnd: string;
}

/** A share (0..1) as a form shows it, in percent to one decimal: `0.705` is `70.5`. */
export const percent = (share: number) => String(Math.round(share * 1000) / 10);

/** Each day's missing date or theme, and an end not after its start, by field key. */
export function checkDays(days: readonly DayFieldValues[], errors: FieldErrors): void {
  const required = i18n.t('admin.field.required');
  days.forEach((day, index) => {
    if (day.date.trim() === '') errors[`days.${index}.date`] = required;
    if (day.title.trim() === '') errors[`days.${index}.title`] = required;
    if (day.startTime && day.plannedEnd && day.plannedEnd <= day.startTime) {
      errors[`days.${index}.plannedEnd`] = i18n.t('admin.convene.endAfterStart');
    }
  });
}

/** Null when `value` is a percentage (0–100), else the error to show beside its field. */
export function percentError(value: string): string | null {
  const number = Number(value);
  return value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100
    ? i18n.t('admin.convene.percentRange')
    : null;
}
