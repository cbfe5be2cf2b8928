import { AgendaItemKind, commandPayloads, kindNeedsUnit, Limits } from '@plenum/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/InputField';
import { tooLongProblem } from '../../components/textLength';
import { Select } from '../../components/Select';
import { i18n } from '../../i18n';
import type { FieldErrors } from '../../lib/fieldChecks';
import { FormFooter } from '../../components/FormFooter';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { itemDraftsStore, useItemDraft } from './itemDrafts';
import { UnitSelect } from './UnitSelect';
import { usePrepareFormCheck, type FormCommand } from './usePrepareFormCheck';

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
  /** The command state the form's sends go through: a refusal marks the fields it names. */
  command: FormCommand;
  /** Resolves true when the server took it; the form is then closed by its owner. */
  onSubmit: (fields: ItemFields) => Promise<boolean>;
  onCancel: () => void;
  testId: string;
}

const kinds = Object.values(AgendaItemKind);
const itemFieldKeys = ['kind', 'unitId', 'topic', 'plannedMinutes'] as const;
const itemSchema = commandPayloads['agenda:update-item'].omit({ itemId: true });

/**
 * What is wrong with an item, field by field: a missing topic or one to shorten (said as the
 * field says it), then the command's own schema (e.g. the timebox).
 */
function checkItem(fields: ItemFields): FieldErrors {
  const topicProblem =
    fields.topic === '' ? i18n.t('admin.field.required') : tooLongProblem(Limits.nameLength, fields.topic);
  const errors: FieldErrors = topicProblem ? { topic: topicProblem } : {};
  const parsed = itemSchema.safeParse(fields);
  if (!parsed.success) {
    for (const [key, message] of Object.entries(schemaIssuesByField(parsed.error.issues))) errors[key] ??= message;
  }
  return errors;
}

/** The ids a field is described by: its hint and its error, those shown. */
const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ') || undefined;

/**
 * Adds or edits an agenda item: its kind, the presenting unit (from the session's units, retired
 * ones left out unless the item already names one), the topic and the timebox in minutes. A
 * refusal is said beside the field it names, which takes the focus, as the day form does.
 */
export function ItemForm(props: ItemFormProps) {
  const { draftKey, initial, submitLabel, isDisabled, command, onSubmit, onCancel, testId } = props;
  const { t } = useTranslation();
  const id = useId();
  const fields = useItemDraft(draftKey) ?? initial;
  const [isBusy, setIsBusy] = useState(false);
  const { formRef, errorOf, refusal, dismiss, maySend, sent } = usePrepareFormCheck(itemFieldKeys, command);
  const needsUnit = kindNeedsUnit(fields.kind);
  const kindError = errorOf('kind');
  const unitError = errorOf('unitId');
  const isUnitHinted = needsUnit && fields.unitId === null;
  const change = (update: Partial<ItemFields>) => itemDraftsStore.getState().keep(draftKey, { ...fields, ...update });

  useEffect(() => {
    document.getElementById(`${id}-kind`)?.focus();
  }, [id]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const item = { ...fields, topic: fields.topic.trim() };
    if (!maySend(checkItem(item))) return;
    setIsBusy(true);
    void onSubmit(item)
      .then(sent)
      .finally(() => setIsBusy(false));
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
            aria-invalid={kindError ? true : undefined}
            aria-describedby={describedBy(!!kindError && `${id}-kind-error`)}
          />
          {kindError && (
            <span id={`${id}-kind-error`} className="field-error">
              {kindError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('prepare.item.unit')}</label>
          <UnitSelect
            id={`${id}-unit`}
            value={fields.unitId}
            keep={initial.unitId}
            onChange={(unitId) => change({ unitId })}
            aria-invalid={unitError ? true : undefined}
            aria-describedby={describedBy(isUnitHinted && `${id}-unit-hint`, !!unitError && `${id}-unit-error`)}
          />
          {isUnitHinted && (
            <span id={`${id}-unit-hint`} className="field-hint prepare-warn">
              {t('prepare.item.unitNeeded')}
            </span>
          )}
          {unitError && (
            <span id={`${id}-unit-error`} className="field-error">
              {unitError}
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
        maxLength={Limits.nameLength}
        value={fields.topic}
        onChange={(topic) => change({ topic })}
        error={errorOf('topic')}
      />
      <FormFooter
        refusal={refusal}
        onDismiss={dismiss}
        isBusy={isBusy}
        submitLabel={submitLabel}
        isDisabled={isDisabled}
        onCancel={onCancel}
        testId={`${testId}-submit`}
      />
    </form>
  );
}
