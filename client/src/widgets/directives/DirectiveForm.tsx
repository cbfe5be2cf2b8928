import { addDays, Limits, type DirectiveKind } from '@plenum/shared';
import { useId, useLayoutEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { InputField } from '../../components/InputField';
import { SelectField } from '../../components/SelectField';
import { todayIsoDate } from '../../lib/format';
import { directiveKinds } from '../../lib/labels';
import { issuesByField } from '../../lib/refusedFields';
import { useFocusInvalid } from '../../lib/useFocusInvalid';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';
import { TextAreaField } from '../../components/TextAreaField';
import { tooLongProblem } from '../../components/textLength';
import { FormActions } from '../../components/FormActions';
import {
  forgetDirectiveDraft,
  loadDirectiveDraft,
  saveDirectiveDraft,
  type DirectiveDraftPlace,
} from './directiveDraft';

/** What the form starts with, e.g. taken from a criticism. */
export interface DirectiveDraftInput {
  kind: DirectiveKind;
  /** The unit the directive is for (for an inspection: the inspected unit). */
  assigneeUnitId: string;
  title: string;
  fromCriticismId: string | null;
  /** The agenda item it is issued from; null from outside any item (e.g. the Decisions tab). */
  itemId: string | null;
}

interface DirectiveFormProps {
  initial: DirectiveDraftInput;
  /** Called after the server accepted the directive, or when the chair cancels. */
  onDone?: () => void;
  /**
   * Where what is typed is kept on this device until it is issued or cancelled, so a reload does
   * not lose it; the draft kept there wins over `initial`. None: nothing is kept.
   */
  draftPlace?: DirectiveDraftPlace;
}

/** Days from today a directive is due by default. */
const defaultDueInDays = 14;

/** Who carries out an inspection: an inspector (`inspector:<id>`) or an inspection office (`office:<unit id>`). */
type InspectionAssignee = `inspector:${string}` | `office:${string}`;

/** The assignee fields of the command for an inspection of `unitId` carried out by `assignee`. */
function inspectionAssignee(unitId: string, assignee: InspectionAssignee) {
  return assignee.startsWith('inspector:')
    ? { assigneeUnitId: unitId, subjectUnitId: unitId, inspectorId: assignee.slice('inspector:'.length) }
    : { assigneeUnitId: assignee.slice('office:'.length), subjectUnitId: unitId, inspectorId: null };
}

/**
 * The chair orders an inspection, an explanation, a corrective plan…, optionally from a criticism.
 * A refusal is said above the buttons, naming the fields; each field it names is marked beside,
 * with why, and the first takes the focus.
 */
export function DirectiveForm({ initial, onDone, draftPlace }: DirectiveFormProps) {
  const { t } = useTranslation();
  const formId = useId();
  const command = useCommand();
  const { run, error, dismissError, isBusy } = command;
  const { formRef, focusInvalid } = useFocusInvalid();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const units = useSessionStore((s) => s.session.units);
  const unitOrder = useSessionStore((s) => s.session.unitOrder);
  const unitOptions = useMemo(() => unitOrder.flatMap((id) => (units[id] ? [units[id]] : [])), [units, unitOrder]);
  const participants = useSessionStore((s) => s.session.participants);
  const { fields, issues } = command;
  const [kept] = useState(() => (draftPlace ? loadDirectiveDraft(draftPlace) : null));

  const [kind, setKind] = useState<DirectiveKind>(kept?.kind ?? initial.kind);
  const [assigneeUnitId, setAssigneeUnitId] = useState(
    kept?.assigneeUnitId || initial.assigneeUnitId || unitOptions[0]?.id || '',
  );
  const [chosenInspectionBy, setInspectionBy] = useState<InspectionAssignee | null>(
    (kept?.inspectionBy as InspectionAssignee | null) ?? null,
  );
  /**
   * Who may carry out an inspection: the session's inspectors first, then any unit but the one
   * inspected as an inspection office (a unit does not inspect itself).
   */
  const inspectionOptions = useMemo(
    () => [
      ...Object.values(participants)
        .filter((p) => p.role === 'inspector')
        .map((p) => ({ value: `inspector:${p.id}` as InspectionAssignee, label: p.name })),
      ...unitOptions
        .filter((unit) => unit.id !== assigneeUnitId)
        .map((unit) => ({
          value: `office:${unit.id}` as InspectionAssignee,
          label: t('directive.form.office', { unit: unit.name }),
        })),
    ],
    [participants, unitOptions, assigneeUnitId, t],
  );
  // A choice the unit's change took off the list (the office that is now the unit inspected) falls back to the first.
  const inspectionBy =
    inspectionOptions.find((option) => option.value === chosenInspectionBy)?.value ??
    inspectionOptions[0]?.value ??
    null;
  const [dueDate, setDueDate] = useState(() => kept?.dueDate || addDays(todayIsoDate(), defaultDueInDays));
  const [dueProblem, setDueProblem] = useState<string | null>(null);
  const [title, setTitle] = useState(kept?.title ?? initial.title);
  const [text, setText] = useState(kept?.text ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  // Kept in the commit of each keystroke, not after the next frame: a reload straight after typing
  // must find it.
  useLayoutEffect(() => {
    if (draftPlace)
      saveDirectiveDraft(draftPlace, { kind, assigneeUnitId, inspectionBy: chosenInspectionBy, dueDate, title, text });
  }, [draftPlace, kind, assigneeUnitId, chosenInspectionBy, dueDate, title, text]);
  const finish = () => {
    if (draftPlace) forgetDirectiveDraft(draftPlace);
    onDone?.();
  };

  const shownDueProblem = dueProblem ?? (fields.includes('dueDate') ? t('directive.form.duePast') : null);
  const refused = issuesByField(issues);
  // An inspection office carrying out the inspection is the assignee unit: chosen under "Carried out by".
  const isByOffice = kind === 'inspection' && inspectionBy?.startsWith('office:') === true;
  const assigneeRefused = refused.subjectUnitId ?? (isByOffice ? undefined : refused.assigneeUnitId);
  const inspectionByRefused = refused.inspectorId ?? (isByOffice ? refused.assigneeUnitId : undefined);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Every check runs on each submit, so a problem fixed since the last one no longer shows.
    const formProblem = !title.trim()
      ? t('directive.form.titleMissing')
      : !assigneeUnitId
        ? t('directive.form.assigneeMissing')
        : (tooLongProblem(Limits.nameLength, title) ?? tooLongProblem(Limits.textLength, text));
    const dueFound = !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)
      ? t('directive.form.dueMissing')
      : dueDate < todayIsoDate()
        ? t('directive.form.duePast')
        : null;
    setProblem(formProblem);
    setDueProblem(dueFound);
    if (formProblem || dueFound) return;
    void run(
      {
        type: 'directive:issue',
        payload: {
          kind,
          ...(kind === 'inspection' && inspectionBy
            ? inspectionAssignee(assigneeUnitId, inspectionBy)
            : { assigneeUnitId, subjectUnitId: null, inspectorId: null }),
          title: title.trim(),
          text: text.trim() || null,
          dueDate,
          fromCriticismId: initial.fromCriticismId,
          itemId: initial.itemId,
        },
      },
      t('directive.form.failed'),
    ).then((ok) => {
      if (ok) finish();
      else focusInvalid();
    });
  };

  return (
    <form ref={formRef} className="inline-form" data-testid="directive-form" onSubmit={handleSubmit} noValidate>
      <div className="field-row">
        <SelectField
          id={`${formId}-kind`}
          testId="directive-kind"
          label={t('directive.form.kind')}
          value={kind}
          options={directiveKinds.map((value) => ({ value, label: t(`labels.directiveKind.${value}`) }))}
          onChange={setKind}
          error={refused.kind}
        />
        <SelectField
          id={`${formId}-assignee`}
          testId="directive-assignee"
          label={kind === 'inspection' ? t('directive.form.inspectedUnit') : t('directive.form.assignee')}
          value={assigneeUnitId}
          options={unitOptions.map((unit) => ({ value: unit.id, label: unit.name }))}
          onChange={setAssigneeUnitId}
          error={assigneeRefused}
        />
        {kind === 'inspection' && inspectionBy && (
          <SelectField
            id={`${formId}-inspector`}
            testId="directive-inspector"
            label={t('directive.form.inspector')}
            value={inspectionBy}
            options={inspectionOptions}
            onChange={setInspectionBy}
            error={inspectionByRefused}
          />
        )}
        <div className="field">
          <label htmlFor={`${formId}-due`}>{t('directive.form.due')}</label>
          <input
            id={`${formId}-due`}
            data-testid="directive-due"
            type="date"
            required
            min={todayIsoDate()}
            aria-invalid={shownDueProblem ? true : undefined}
            aria-describedby={shownDueProblem ? `${formId}-due-problem` : undefined}
            max={`${Limits.yearMax}-12-31`}
            value={dueDate}
            onChange={(e) => {
              setDueDate(e.target.value);
              setDueProblem(null);
            }}
          />
          {shownDueProblem && (
            <p id={`${formId}-due-problem`} className="form-error" data-testid="directive-due-problem">
              {shownDueProblem}
            </p>
          )}
        </div>
      </div>
      <InputField
        label={t('directive.form.title')}
        testId="directive-title"
        type="text"
        required
        maxLength={Limits.nameLength}
        value={title}
        onChange={setTitle}
        error={refused.title}
      />
      <TextAreaField
        label={t('directive.form.text')}
        rows={2}
        maxLength={Limits.textLength}
        value={text}
        onChange={setText}
        error={refused.text}
      />
      <ErrorNote message={problem ?? error} onDismiss={problem ? () => setProblem(null) : dismissError} />
      <div className="button-row">
        <FormActions
          submitLabel={t('directive.form.submit')}
          isDisabled={!canSend || isBusy}
          onCancel={onDone && finish}
          testId="directive-submit"
        />
      </div>
    </form>
  );
}
