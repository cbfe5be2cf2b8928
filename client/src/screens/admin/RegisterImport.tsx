import { useTranslation } from 'react-i18next';
import { ImportPreviewSchema } from '@plenum/shared';
import { importErrorText } from '../../api/importErrorText';
import { ApiError } from '../../api/request';
import { ImportPreviewTable } from '../../components/ImportPreviewTable';
import { ImportApplyRow, ImportFileStep } from '../../components/ImportSteps';
import { rowProblemText } from '../../lib/rowProblemText';
import { downloadText } from '../../lib/download';
import { useFileImport } from '../../lib/useFileImport';
import { adminWording, type AdminApi } from './adminApi';

/** The header row of a register file, as the template gives it. */
export const registerHeader = 'id,name,kind,parentId,ownership,sector,class,region';

interface RegisterImportProps {
  api: AdminApi;
  organisationId: string;
  /** The register changed: read it again. */
  onApplied: () => void;
}

/**
 * Imports the register from a CSV or XLSX file: the server previews every row (its effect, or
 * each bad column and why), and the file is applied only when every row is valid.
 */
export function RegisterImport({ api, organisationId, onApplied }: RegisterImportProps) {
  const { t } = useTranslation();
  const { file, preview, isBusy, error, dismissError, applied, choose, apply } = useFileImport({
    preview: (read) => api.previewImport(organisationId, read),
    apply: (read) => api.applyImport(organisationId, read),
    // A file that changed since its preview (or a register that did) comes back with the new preview.
    refusedPreview: (failure) => {
      const data = failure instanceof ApiError ? ImportPreviewSchema.safeParse(failure.data) : null;
      return data?.success ? data.data : null;
    },
    words: {
      wrongType: (name) => t('admin.import.wrongType', { name }),
      failed: (failure) => importErrorText(failure, adminWording),
      nothingApplied: t('admin.import.nothingApplied'),
      applied: (read, { counts }) =>
        t('admin.import.applied', { name: read.name, add: counts.add, update: counts.update }),
    },
    onApplied,
  });

  return (
    <section className="panel" aria-labelledby="admin-import-heading" data-testid="register-import">
      <div className="admin-section-head">
        <h2 id="admin-import-heading" className="panel__heading">
          {t('admin.import.heading')}
        </h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => downloadText(t('admin.import.templateFile'), `${registerHeader}\n`, 'text/csv')}
        >
          {t('admin.import.template')}
        </button>
      </div>
      <p className="muted register-import__about">{t('admin.import.about', { header: registerHeader })}</p>
      <ImportFileStep
        label={t('admin.import.choose')}
        hint={t('admin.import.hint')}
        testId="register-file"
        disabled={false}
        isBusy={isBusy}
        onFile={(chosen) => void choose(chosen)}
        error={error}
        onDismissError={dismissError}
        applied={applied}
      />
      {preview && file && (
        <>
          <p role="status" data-testid="import-summary">
            {t('admin.import.counts', {
              name: file.name,
              add: preview.counts.add,
              update: preview.counts.update,
              unchanged: preview.counts.unchanged,
              invalid: preview.counts.invalid,
            })}{' '}
            {preview.valid ? t('admin.import.ready') : t('admin.import.notReady')}
          </p>
          <ImportPreviewTable
            className="admin-table"
            testId="import-preview"
            rowTestId="import-row"
            caption={t('admin.import.previewCaption', { name: file.name })}
            rows={preview.rows}
            lineHeader={t('admin.import.line')}
            columns={[
              {
                header: t('admin.import.unit'),
                cell: (row) => (row.unit ? t('admin.import.unitCell', { id: row.unit.id, name: row.unit.name }) : '—'),
              },
              {
                header: t('admin.import.effect'),
                cell: (row) =>
                  row.errors.length > 0
                    ? t('admin.import.invalid')
                    : t(`admin.import.effects.${row.effect ?? 'unchanged'}`),
              },
            ]}
            problemsHeader={t('admin.import.problems')}
            describe={rowProblemText}
          />
          <ImportApplyRow
            noteId="admin-import-apply-note"
            testId="import-apply"
            label={t('admin.import.apply')}
            note={preview.valid ? t('admin.import.applyNote') : t('admin.import.applyBlocked')}
            disabled={!preview.valid || isBusy}
            onApply={() => void apply()}
          />
        </>
      )}
    </section>
  );
}
