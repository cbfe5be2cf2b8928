import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/InputField';
import type { FieldErrors } from '../../lib/fieldChecks';
import { emptyDay, type DayDraft } from './conveneDraft';

interface DayRowsProps {
  days: DayDraft[];
  onChange: (days: DayDraft[]) => void;
  errors: FieldErrors;
}

/** The days of a session being convened: a row each (date, theme, start, planned end), added and removed. */
export function DayRows({ days, onChange, errors }: DayRowsProps) {
  const { t } = useTranslation();
  const update = (key: number, change: Partial<DayDraft>) =>
    onChange(days.map((day) => (day.key === key ? { ...day, ...change } : day)));
  const nextKey = Math.max(0, ...days.map((day) => day.key)) + 1;

  return (
    <fieldset className="admin-fieldset" data-testid="convene-days">
      <legend>{t('admin.convene.days')}</legend>
      {errors.days && (
        <p className="field-error" role="alert">
          {errors.days}
        </p>
      )}
      {days.map((day, index) => (
        <div key={day.key} className="admin-day" role="group" aria-label={t('admin.convene.dayN', { n: index + 1 })}>
          <InputField
            type="date"
            label={t('admin.convene.dayDate', { n: index + 1 })}
            value={day.date}
            onChange={(date) => update(day.key, { date })}
            error={errors[`days.${index}.date`]}
            testId={`convene-day-${index}-date`}
          />
          <InputField
            label={t('admin.convene.dayTheme', { n: index + 1 })}
            value={day.title}
            onChange={(title) => update(day.key, { title })}
            error={errors[`days.${index}.title`]}
            testId={`convene-day-${index}-title`}
          />
          <InputField
            type="time"
            label={t('admin.convene.dayStart', { n: index + 1 })}
            value={day.startTime}
            onChange={(startTime) => update(day.key, { startTime })}
            error={errors[`days.${index}.startTime`]}
            testId={`convene-day-${index}-start`}
          />
          <InputField
            type="time"
            label={t('admin.convene.dayEnd', { n: index + 1 })}
            value={day.plannedEnd}
            onChange={(plannedEnd) => update(day.key, { plannedEnd })}
            error={errors[`days.${index}.plannedEnd`]}
            testId={`convene-day-${index}-end`}
          />
          <div className="field admin-day__remove">
            <button
              type="button"
              className="button button--small"
              disabled={days.length === 1}
              onClick={() => onChange(days.filter((other) => other.key !== day.key))}
            >
              {t('admin.convene.removeDay', { n: index + 1 })}
            </button>
          </div>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => onChange([...days, emptyDay(nextKey)])}>
        {t('admin.convene.addDay')}
      </button>
    </fieldset>
  );
}
