import type { SessionDay } from '@plenum/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { FormActions } from '../../components/FormActions';

interface DeferFormProps {
  id?: string;
  laterDays: SessionDay[];
  isLocked: boolean;
  onDefer: (toDayId: string) => void;
  onCancel: () => void;
  /** Put the focus on the day choice when the form opens (opened by a shortcut). */
  autoFocus?: boolean;
}

/** Picks the later day an agenda item moves to. */
export function DeferForm({ id, laterDays, isLocked, onDefer, onCancel, autoFocus = false }: DeferFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldId = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [toDayId, setToDayId] = useState('');

  useEffect(() => {
    if (autoFocus) selectRef.current?.focus();
  }, [autoFocus]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const dayId = toDayId || laterDays[0]?.id;
    if (dayId) onDefer(dayId);
  };

  return (
    <form id={id} className="defer-form" onSubmit={handleSubmit}>
      <label htmlFor={fieldId}>{t('agenda.defer.moveTo')}</label>
      <select
        id={fieldId}
        ref={selectRef}
        value={toDayId || laterDays[0]?.id}
        onChange={(e) => setToDayId(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        {laterDays.map((day) => (
          <option key={day.id} value={day.id}>
            {t('agenda.defer.dayOption', { title: day.title, date: format.date(day.date) })}
          </option>
        ))}
      </select>
      <FormActions submitLabel={t('agenda.defer.confirm')} isDisabled={isLocked} onCancel={onCancel} />
    </form>
  );
}
