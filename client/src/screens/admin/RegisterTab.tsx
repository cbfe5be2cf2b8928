import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationUnit, RegisteredUnit, UnitCommitment } from '@plenum/shared';
import { apiErrorText } from '../../api/apiErrorText';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { adminWording, type AdminApi } from './adminApi';
import { RegisterImport } from './RegisterImport';
import { UnitForm, type UnitFormMode } from './UnitForm';
import { UnitTree } from './UnitTree';
import { unitTree } from './unitTree';
import { LoadFailed } from './LoadFailed';
import type { ApiData } from '../../lib/useApiData';
import './RegisterTab.css';

interface RegisterTabProps {
  api: AdminApi;
  organisationId: string;
  units: ApiData<RegisteredUnit[]>;
}

/** A unit the administrator asked to retire, with what it still has open; null: that could not be read. */
interface Retiring {
  entry: RegisteredUnit;
  commitments: UnitCommitment[] | null;
}

/** The organisation's register of units: the tree, a unit added, edited, moved or retired, and the import. */
export function RegisterTab({ api, organisationId, units }: RegisterTabProps) {
  const { t } = useTranslation();
  const [showRetired, setShowRetired] = useState(false);
  const [form, setForm] = useState<UnitFormMode | null>(null);
  const [checking, setChecking] = useState<RegisteredUnit | null>(null);
  const [retiring, setRetiring] = useState<Retiring | null>(null);
  // Only the unit last asked about gets its question: an earlier answer arriving late is dropped.
  const lastAsked = useRef<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const entries = units.state === 'loaded' ? units.data : [];
  const retiredCount = entries.filter((entry) => entry.retiredAt !== null).length;
  const shown = showRetired ? entries : entries.filter((entry) => entry.retiredAt === null);

  const openForm = (mode: UnitFormMode) => {
    setDone(null);
    setForm(mode);
  };

  const saved = (unit: OrganisationUnit) => {
    setDone(
      form?.kind === 'add'
        ? t('admin.register.added', { name: unit.name })
        : form?.kind === 'move'
          ? t('admin.register.moved', { name: unit.name })
          : t('admin.register.saved', { name: unit.name }),
    );
    setForm(null);
    units.reload();
  };

  /** Reads what the unit still has open, then asks; retiring stays possible when that cannot be read. */
  const askRetire = (entry: RegisteredUnit) => {
    setDone(null);
    setChecking(entry);
    lastAsked.current = entry.unit.id;
    const ask = (commitments: UnitCommitment[] | null) => {
      if (lastAsked.current !== entry.unit.id) return;
      setChecking(null);
      setRetiring({ entry, commitments });
    };
    api.unitCommitments(organisationId, entry.unit.id).then(ask, () => ask(null));
  };

  const stopAsking = () => {
    lastAsked.current = null;
    setRetiring(null);
  };

  /** What the question says of the unit's business still open: session by session, then that it stays. */
  const openLines = (commitments: UnitCommitment[] | null): string[] => {
    if (commitments === null) return [t('admin.register.retireUnchecked')];
    if (commitments.length === 0) return [];
    const lines = commitments.flatMap(({ title, period, status, items, directives, warnings }) => {
      const session = { title, period, status: t(`labels.sessionStatus.${status}`) };
      return [
        ...(items > 0 ? [t('admin.register.retireAgenda', { ...session, count: items })] : []),
        ...(directives > 0 ? [t('admin.register.retireDirectives', { ...session, count: directives })] : []),
        ...(warnings > 0 ? [t('admin.register.retireWarnings', { ...session, count: warnings })] : []),
      ];
    });
    return [...lines, t('admin.register.retireStays')];
  };

  const retire = (entry: RegisteredUnit) => {
    stopAsking();
    api.retireUnit(organisationId, entry.unit.id).then(
      () => {
        setDone(t('admin.register.retired', { name: entry.unit.name }));
        units.reload();
      },
      (failure: unknown) => setError(apiErrorText(failure, adminWording)),
    );
  };

  return (
    <>
      <section className="panel" aria-labelledby="admin-register-heading" data-testid="register">
        <div className="admin-section-head">
          <h2 id="admin-register-heading" className="panel__heading">
            {t('admin.register.heading')}
          </h2>
          <button
            type="button"
            className="button button--primary button--small"
            data-testid="unit-add"
            onClick={() => openForm({ kind: 'add' })}
          >
            {t('admin.register.add')}
          </button>
        </div>
        {form && (
          <UnitForm
            key={form.kind === 'add' ? 'add' : `${form.kind}:${form.unit.id}`}
            mode={form}
            entries={entries}
            onSave={(unit) => api.saveUnit(organisationId, unit)}
            onDone={saved}
            onCancel={() => setForm(null)}
          />
        )}
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        {checking && (
          <p className="muted" role="status">
            {t('admin.register.retireChecking', { name: checking.unit.name })}
          </p>
        )}
        <ErrorNote message={error} onDismiss={() => setError(null)} />
        {units.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
        {units.state === 'failed' && <LoadFailed error={units.error} onRetry={units.reload} />}
        {units.state === 'loaded' && (
          <>
            <label className="admin-check">
              <input
                type="checkbox"
                checked={showRetired}
                data-testid="show-retired"
                onChange={(e) => setShowRetired(e.target.checked)}
              />
              {t('admin.register.showRetired', { count: retiredCount })}
            </label>
            {shown.length === 0 ? (
              <p className="muted">{t('admin.register.empty')}</p>
            ) : (
              <UnitTree
                nodes={unitTree(shown)}
                label={t('admin.register.treeLabel')}
                onEdit={(entry) => openForm({ kind: 'edit', unit: entry.unit })}
                onMove={(entry) => openForm({ kind: 'move', unit: entry.unit })}
                onRetire={askRetire}
              />
            )}
          </>
        )}
      </section>
      <RegisterImport api={api} organisationId={organisationId} onApplied={units.reload} />
      {retiring && (
        <ConfirmDialog
          title={t('admin.register.retireTitle', { name: retiring.entry.unit.name })}
          lines={[
            ...openLines(retiring.commitments),
            t('admin.register.retireLine'),
            t('admin.register.retireHistory'),
          ]}
          confirmLabel={t('admin.register.retire')}
          onConfirm={() => retire(retiring.entry)}
          onCancel={stopAsking}
          testId="retire-dialog"
        />
      )}
    </>
  );
}
