import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationUnit, RegisteredUnit } from '@plenum/shared';
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

/** The organisation's register of units: the tree, a unit added, edited, moved or retired, and the import. */
export function RegisterTab({ api, organisationId, units }: RegisterTabProps) {
  const { t } = useTranslation();
  const [showRetired, setShowRetired] = useState(false);
  const [form, setForm] = useState<UnitFormMode | null>(null);
  const [retiring, setRetiring] = useState<RegisteredUnit | null>(null);
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

  const retire = (entry: RegisteredUnit) => {
    setRetiring(null);
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
                onRetire={setRetiring}
              />
            )}
          </>
        )}
      </section>
      <RegisterImport api={api} organisationId={organisationId} onApplied={units.reload} />
      {retiring && (
        <ConfirmDialog
          title={t('admin.register.retireTitle', { name: retiring.unit.name })}
          lines={[t('admin.register.retireLine'), t('admin.register.retireHistory')]}
          confirmLabel={t('admin.register.retire')}
          onConfirm={() => retire(retiring)}
          onCancel={() => setRetiring(null)}
          testId="retire-dialog"
        />
      )}
    </>
  );
}
