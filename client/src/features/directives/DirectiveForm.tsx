import { Limits, type DirectiveKind } from '@plenum/shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { SelectField } from '../../components/SelectField';
import { addDays, todayIsoDate } from '../../lib/format';
import { directiveKinds } from '../../lib/labels';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';

/** What the form starts with, e.g. taken from a criticism. */
export interface DirectiveDraftInput {
  kind: DirectiveKind;
  assigneeUnitId: string;
  title: string;
  fromCriticismId: string | null;
}

interface DirectiveFormProps {
  initial: DirectiveDraftInput;
  /** Called after the server accepted the directive, or when the chair cancels. */
  onDone?: () => void;
}

/** Days from today a directive is due by default. */
const defaultDueInDays = 14;

/** The chair orders an inspection, an explanation, a corrective plan…, optionally from a criticism. */
export function DirectiveForm({ initial, onDone }: DirectiveFormProps) {
  const { t } = useTranslation();
  const formId = useId();
  const { run, error, dismissError, isBusy } = useCommand();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const units = useSessionStore((s) => s.session.units);
  const unitOrder = useSessionStore((s) => s.session.unitOrder);
  const unitOptions = useMemo(() => unitOrder.flatMap((id) => (units[id] ? [units[id]] : [])), [units, unitOrder]);

  const [kind, setKind] = useState<DirectiveKind>(initial.kind);
  const [assigneeUnitId, setAssigneeUnitId] = useState(initial.assigneeUnitId || unitOptions[0]?.id || '');
  const [dueDate, setDueDate] = useState(() => addDays(todayIsoDate(), defaultDueInDays));
  const [title, setTitle] = useState(initial.title);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!title.trim()) return setProblem(t('directive.form.titleMissing'));
    if (!assigneeUnitId) return setProblem(t('directive.form.assigneeMissing'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return setProblem(t('directive.form.dueMissing'));
    setProblem(null);
    void run(
      {
        type: 'directive:issue',
        payload: {
          kind,
          assigneeUnitId,
          title: title.trim(),
          text: text.trim() || null,
          dueDate,
          fromCriticismId: initial.fromCriticismId,
        },
      },
      t('directive.form.failed'),
    ).then((ok) => {
      if (ok) onDone?.();
    });
  };

  return (
    <form className="inline-form" data-testid="directive-form" onSubmit={handleSubmit} noValidate>
      <div className="field-row">
        <SelectField
          id={`${formId}-kind`}
          testId="directive-kind"
          label={t('directive.form.kind')}
          value={kind}
          options={directiveKinds.map((value) => ({ value, label: t(`labels.directiveKind.${value}`) }))}
          onChange={setKind}
        />
        <SelectField
          id={`${formId}-assignee`}
          testId="directive-assignee"
          label={t('directive.form.assignee')}
          value={assigneeUnitId}
          options={unitOptions.map((unit) => ({ value: unit.id, label: unit.name }))}
          onChange={setAssigneeUnitId}
        />
        <div className="field">
          <label htmlFor={`${formId}-due`}>{t('directive.form.due')}</label>
          <input
            id={`${formId}-due`}
            data-testid="directive-due"
            type="date"
            required
            min={`${Limits.yearMin}-01-01`}
            max={`${Limits.yearMax}-12-31`}
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${formId}-title`}>{t('directive.form.title')}</label>
        <input
          id={`${formId}-title`}
          data-testid="directive-title"
          type="text"
          required
          maxLength={Limits.nameLength}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${formId}-text`}>{t('directive.form.text')}</label>
        <textarea
          id={`${formId}-text`}
          rows={2}
          maxLength={Limits.textLength}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <ErrorNote message={problem ?? error} onDismiss={problem ? () => setProblem(null) : dismissError} />
      <div className="button-row">
        <button
          type="submit"
          className="button button--small button--primary"
          data-testid="directive-submit"
          disabled={!canSend || isBusy}
        >
          {t('directive.form.submit')}
        </button>
        {onDone && (
          <button type="button" className="button button--small" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
