import { AgendaItemKind, kindNeedsUnit } from '@plenum/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions';
import { Select } from '../../components/Select';
import { UnitSelect } from './UnitSelect';

/** What an agenda item is made of, as the builder's form edits it. */
export interface ItemFields {
  kind: AgendaItemKind;
  unitId: string | null;
  topic: string;
  plannedMinutes: number;
}

interface ItemFormProps {
  initial: ItemFields;
  submitLabel: string;
  isDisabled: boolean;
  /** Resolves true when the server took it; the form is then closed by its owner. */
  onSubmit: (fields: ItemFields) => Promise<boolean> | void;
  onCancel: () => void;
  testId: string;
}

const kinds = Object.values(AgendaItemKind);

/**
 * Adds or edits an agenda item: its kind, the presenting unit (from the session's units, retired
 * ones left out unless the item already names one), the topic and the timebox in minutes.
 */
export function ItemForm({ initial, submitLabel, isDisabled, onSubmit, onCancel, testId }: ItemFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState<ItemFields>(initial);
  const needsUnit = kindNeedsUnit(fields.kind);

  useEffect(() => {
    document.getElementById(`${id}-kind`)?.focus();
  }, [id]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void onSubmit({ ...fields, topic: fields.topic.trim() });
  };

  return (
    <form
      className="inline-form prepare-item-form"
      data-testid={testId}
      onSubmit={handleSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('prepare.item.kind')}</label>
          <Select
            id={`${id}-kind`}
            value={fields.kind}
            options={kinds.map((kind) => ({ value: kind, label: t(`prepare.kind.${kind}`) }))}
            onChange={(kind) => setFields((f) => ({ ...f, kind }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('prepare.item.unit')}</label>
          <UnitSelect
            id={`${id}-unit`}
            value={fields.unitId}
            keep={initial.unitId}
            onChange={(unitId) => setFields((f) => ({ ...f, unitId }))}
          />
          {needsUnit && fields.unitId === null && (
            <span id={`${id}-unit-hint`} className="field-hint prepare-warn">
              {t('prepare.item.unitNeeded')}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>{t('prepare.item.minutes')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={1}
            max={600}
            required
            className="prepare-minutes"
            value={fields.plannedMinutes}
            onChange={(e) => setFields((f) => ({ ...f, plannedMinutes: Number(e.target.value) }))}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`}>{t('prepare.item.topic')}</label>
        <input
          id={`${id}-topic`}
          className="prepare-wide"
          required
          maxLength={200}
          value={fields.topic}
          onChange={(e) => setFields((f) => ({ ...f, topic: e.target.value }))}
        />
      </div>
      <div className="button-row">
        <FormActions
          submitLabel={submitLabel}
          isDisabled={isDisabled || fields.topic.trim() === ''}
          onCancel={onCancel}
          testId={`${testId}-submit`}
        />
      </div>
    </form>
  );
}
