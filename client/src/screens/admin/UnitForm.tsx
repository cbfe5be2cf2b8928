import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganisationUnitSchema, UnitKind, type OrganisationUnit, type RegisteredUnit } from '@plenum/shared';
import { InputField } from '../../components/InputField';
import { Select, type SelectOption } from '../../components/Select';
import { SelectField } from '../../components/SelectField';
import { ownerships } from '../../lib/labels';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { unitAndDescendants } from './unitTree';
import { useFormCheck } from '../../lib/useFormCheck';
import { FormFooter } from '../../components/FormFooter';
import { adminWording } from './adminApi';

/** Adding a unit, editing one, or moving one under another parent (only the parent is asked). */
export type UnitFormMode =
  { kind: 'add' } | { kind: 'edit'; unit: OrganisationUnit } | { kind: 'move'; unit: OrganisationUnit };

interface UnitFormProps {
  mode: UnitFormMode;
  entries: readonly RegisteredUnit[];
  onSave: (unit: OrganisationUnit) => Promise<unknown>;
  onDone: (unit: OrganisationUnit) => void;
  onCancel: () => void;
}

interface UnitDraft {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string;
  ownership: OrganisationUnit['ownership'];
  sector: string;
  class: string;
  region: string;
}

const unitKinds = Object.values(UnitKind);

function draftOf(mode: UnitFormMode): UnitDraft {
  if (mode.kind === 'add') {
    return {
      id: '',
      name: '',
      kind: 'enterprise',
      parentId: '',
      ownership: 'state',
      sector: '',
      class: '',
      region: '',
    };
  }
  const { unit } = mode;
  return { ...unit, parentId: unit.parentId ?? '', class: unit.class ?? '' };
}

const unitOf = (draft: UnitDraft): OrganisationUnit => ({
  id: draft.id.trim(),
  name: draft.name,
  kind: draft.kind,
  parentId: draft.parentId === '' ? null : draft.parentId,
  ownership: draft.ownership,
  sector: draft.sector,
  class: draft.class.trim() === '' ? null : draft.class,
  region: draft.region,
});

/** The parent drop-down, with the server's refusal of it (unknown, retired, below the unit) beside it. */
function ParentField(props: {
  label: string;
  value: string;
  options: readonly SelectOption<string>[];
  onChange: (parentId: string) => void;
  error: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor="unit-form-parent">{props.label}</label>
      <Select
        id="unit-form-parent"
        data-testid="unit-form-parent"
        value={props.value}
        options={props.options}
        onChange={props.onChange}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? 'unit-form-parent-error' : undefined}
      />
      {props.error && (
        <span id="unit-form-parent-error" className="field-error" data-testid="unit-form-parent-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A unit of the register, added, edited or moved; checked against the protocol's schema before it is sent. */
export function UnitForm({ mode, entries, onSave, onDone, onCancel }: UnitFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(mode));
  const { errors, refusal, check, refuse } = useFormCheck(adminWording);
  const [isBusy, setIsBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const change = (update: Partial<UnitDraft>) => setDraft((current) => ({ ...current, ...update }));
  const excluded = mode.kind === 'add' ? new Set<string>() : unitAndDescendants(entries, mode.unit.id);
  const parentOptions = [
    { value: '', label: t('admin.unitForm.noParent') },
    ...entries
      .filter((entry) => entry.retiredAt === null && !excluded.has(entry.unit.id))
      .map(({ unit }) => ({
        value: unit.id,
        label: t('admin.unitForm.parentOption', { name: unit.name, kind: t(`admin.unitKind.${unit.kind}`) }),
      })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const unit = unitOf(draft);
    const parsed = OrganisationUnitSchema.safeParse(unit);
    const found = parsed.success ? {} : schemaIssuesByField(parsed.error.issues);
    for (const key of ['id', 'name', 'sector', 'region'] as const) {
      if (draft[key].trim() === '') found[key] = t('admin.field.required');
    }
    if (mode.kind === 'add' && entries.some((entry) => entry.unit.id === draft.id.trim())) {
      found.id = t('admin.unitForm.idTaken');
    }
    if (!check(found)) return;
    setIsBusy(true);
    onSave(unit).then(
      () => onDone(unit),
      (error: unknown) => {
        setIsBusy(false);
        refuse(error);
      },
    );
  };

  const heading =
    mode.kind === 'add'
      ? t('admin.unitForm.addHeading')
      : mode.kind === 'edit'
        ? t('admin.unitForm.editHeading', { name: mode.unit.name })
        : t('admin.unitForm.moveHeading', { name: mode.unit.name });

  return (
    <form
      className="panel"
      noValidate
      onSubmit={submit}
      aria-labelledby="admin-unit-form-heading"
      data-testid="unit-form"
    >
      <h3 id="admin-unit-form-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      {mode.kind === 'move' ? (
        <ParentField
          label={t('admin.unitForm.newParent')}
          value={draft.parentId}
          options={parentOptions}
          onChange={(parentId) => change({ parentId })}
          error={errors.parentId}
        />
      ) : (
        <div className="admin-form-grid">
          <InputField
            label={t('admin.unitForm.id')}
            hint={t('admin.unitForm.idHint')}
            value={draft.id}
            onChange={(id) => change({ id })}
            error={errors.id}
            readOnly={mode.kind === 'edit'}
            testId="unit-form-id"
          />
          <InputField
            label={t('admin.unitForm.name')}
            value={draft.name}
            onChange={(name) => change({ name })}
            error={errors.name}
            testId="unit-form-name"
          />
          <SelectField
            id="unit-form-kind"
            label={t('admin.unitForm.kind')}
            value={draft.kind}
            options={unitKinds.map((kind) => ({ value: kind, label: t(`admin.unitKind.${kind}`) }))}
            onChange={(kind) => change({ kind })}
          />
          <ParentField
            label={t('admin.unitForm.parent')}
            value={draft.parentId}
            options={parentOptions}
            onChange={(parentId) => change({ parentId })}
            error={errors.parentId}
          />
          <SelectField
            id="unit-form-ownership"
            label={t('admin.unitForm.ownership')}
            value={draft.ownership}
            options={ownerships.map((ownership) => ({ value: ownership, label: t(`labels.ownership.${ownership}`) }))}
            onChange={(ownership) => change({ ownership })}
          />
          <InputField
            label={t('admin.unitForm.sector')}
            value={draft.sector}
            onChange={(sector) => change({ sector })}
            error={errors.sector}
            testId="unit-form-sector"
          />
          <InputField
            label={t('admin.unitForm.class')}
            hint={t('admin.unitForm.classHint')}
            value={draft.class}
            onChange={(value) => change({ class: value })}
            error={errors.class}
            testId="unit-form-class"
          />
          <InputField
            label={t('admin.unitForm.region')}
            value={draft.region}
            onChange={(region) => change({ region })}
            error={errors.region}
            testId="unit-form-region"
          />
        </div>
      )}
      <FormFooter
        refusal={refusal}
        isBusy={isBusy}
        submitLabel={mode.kind === 'move' ? t('admin.unitForm.moveSubmit') : t('admin.unitForm.save')}
        onCancel={onCancel}
        testId="unit-form-submit"
      />
    </form>
  );
}
