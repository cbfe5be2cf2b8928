import { AgendaItemKind, commandPayloads, kindNeedsUnit } from '@plenum/shared';
import { useEffect, useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/InputField';
import { Select } from '../../components/Select';
import { i18n } from '../../i18n';
import type { FieldErrors } from '../../lib/fieldChecks';
import { FormFooter } from '../../components/FormFooter';
import { schemaIssuesByField } from '../../lib/refusedFields';
import { itemDraftsStore, useItemDraft } from './itemDrafts';
import { UnitSelect } from './UnitSelect';
import { usePrepareFormCheck } from './usePrepareFormCheck';

/** What an agenda item is made of, as the builder's form edits it. */
export interface ItemFields {
  kind: AgendaItemKind;
  unitId: string | null;
  topic: string;
  plannedMinutes: number;
}

interface ItemFormProps {
  /** Where the form's draft is kept (`itemDraftKey`): what was typed outlives the view. */
  draftKey: string;
  /** What the form starts from when no draft is kept. */
  initial: ItemFields;
  submitLabel: string;
  isDisabled: boolean;
  /** Resolves true when the server took it; the form is then closed by its owner. */
  onSubmit: (fields: ItemFields) => Promise<boolean> | void;
  onCancel: () => void;
  testId: string;
}

const kinds = Object.values(AgendaItemKind);
const itemFieldKeys = ['kind', 'unitId', 'topic', 'plannedMinutes'] as const;
const itemSchema = commandPayloads['agenda:update-item'].omit({ itemId: true });

/** What is wrong with an item, field by field: a missing topic, then the command's own schema (e.g. the timebox). */
function checkItem(fields: ItemFields): FieldErrors {
  const errors: FieldErrors = fields.topic === '' ? { topic: i18n.t('admin.field.required') } : {};
  const parsed = itemSchema.safeParse(fields);
  if (!parsed.success) {
    for (const [key, message] of Object.entries(schemaIssuesByField(parsed.error.issues))) errors[key] ??= message;
  }
  return errors;
}

/**
 * Adds or edits an agenda item: its kind, the presenting unit (from the session's units, retired
 * ones left out unless the item already names one), the topic and the timebox in minutes.
 */
export function ItemForm({ draftKey, initial, submitLabel, isDisabled, onSubmit, onCancel, testId }: ItemFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const fields = useItemDraft(draftKey) ?? initial;
  const { formRef, errorOf, refusal, dismiss, maySend } = usePrepareFormCheck(itemFieldKeys);
  const needsUnit = kindNeedsUnit(fields.kind);
  const change = (update: Partial<ItemFields>) => itemDraftsStore.getState().keep(draftKey, { ...fields, ...update });

  useEffect(() => {
    document.getElementById(`${id}-kind`)?.focus();
  }, [id]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const item = { ...fields, topic: fields.topic.trim() };
    if (maySend(checkItem(item))) void onSubmit(item);
  };

  return (
    <form
      ref={formRef}
      className="inline-form prepare-item-form"
      data-testid={testId}
      noValidate
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
            onChange={(kind) => change({ kind })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('prepare.item.unit')}</label>
          <UnitSelect
            id={`${id}-unit`}
            value={fields.unitId}
            keep={initial.unitId}
            onChange={(unitId) => change({ unitId })}
          />
          {needsUnit && fields.unitId === null && (
            <span id={`${id}-unit-hint`} className="field-hint prepare-warn">
              {t('prepare.item.unitNeeded')}
            </span>
          )}
        </div>
        <InputField
          type="number"
          label={t('prepare.item.minutes')}
          min={1}
          max={600}
          required
          className="prepare-minutes"
          value={String(fields.plannedMinutes)}
          onChange={(value) => change({ plannedMinutes: Number(value) })}
          error={errorOf('plannedMinutes')}
        />
      </div>
      <InputField
        label={t('prepare.item.topic')}
        className="prepare-wide"
        required
        maxLength={200}
        value={fields.topic}
        onChange={(topic) => change({ topic })}
        error={errorOf('topic')}
      />
      <FormFooter
        refusal={refusal}
        onDismiss={dismiss}
        isBusy={false}
        submitLabel={submitLabel}
        isDisabled={isDisabled}
        onCancel={onCancel}
        testId={`${testId}-submit`}
      />
    </form>
  );
}
