import type { ReportImportPreview } from '@plenum/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { importErrorText } from '../../api/importErrorText';
import { ApiError, apiRequest } from '../../api/request';
import { inviteTokenKey } from '../../app/inviteToken';
import { ImportPreviewTable } from '../../components/ImportPreviewTable';
import { ImportApplyRow, ImportFileStep } from '../../components/ImportSteps';
import { rowProblemText } from '../../lib/rowProblemText';
import { useFileImport, type ImportFile } from '../../lib/useFileImport';
import { useSessionStore } from '../../stores/session';

const wording = { link: 'invite', withIssues: false } as const;

/**
 * Imports plans and results from a CSV or XLSX file with the columns of the results download:
 * the server checks every row (a presenter's rows must be of their own unit), and the reports are
 * submitted only when every row is valid.
 */
export function ReportImport({ isDisabled }: { isDisabled: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const units = useSessionStore((s) => s.session.units);
  const send = (path: 'reports/preview' | 'reports', chosen: ImportFile) =>
    apiRequest<ReportImportPreview>(`/api/sessions/${encodeURIComponent(sessionId)}/${path}`, {
      method: 'POST',
      token: window.sessionStorage.getItem(inviteTokenKey(sessionId)) ?? '',
      body: chosen.body,
      contentType: chosen.contentType,
    });

  const { file, preview, isBusy, error, dismissError, applied, choose, apply } = useFileImport({
    preview: (read) => send('reports/preview', read),
    apply: (read) => send('reports', read),
    // A file whose rows stopped being valid since its preview comes back with the new preview.
    // Our own server's answer: typed by the contract, not parsed again (zod stays out of the participants' bundle).
    // A file refused as a whole carries `{ file }` instead, and no rows.
    refusedPreview: (failure) =>
      failure instanceof ApiError && (failure.data as Partial<ReportImportPreview> | null)?.rows
        ? (failure.data as ReportImportPreview)
        : null,
    words: {
      wrongType: (name) => t('reportImport.wrongType', { name }),
      failed: (failure) => importErrorText(failure, wording),
      nothingApplied: t('reportImport.nothingApplied'),
      applied: (read, done) => t('reportImport.applied', { name: read.name, count: done.reports.length }),
    },
  });

  const invalid = preview?.rows.filter((r) => r.errors.length > 0).length ?? 0;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="report-import">
      <h2 id={headingId} className="panel__heading">
        {t('reportImport.heading')}
      </h2>
      <p className="muted">{t('reportImport.about')}</p>
      <ImportFileStep
        label={t('reportImport.choose')}
        hint={t('reportImport.hint')}
        testId="report-import-file"
        disabled={isDisabled}
        isBusy={isBusy}
        onFile={(chosen) => void choose(chosen)}
        error={error}
        onDismissError={dismissError}
        applied={applied}
      />
      {preview && file && (
        <>
          <p role="status" data-testid="report-import-summary">
            {t('reportImport.counts', { name: file.name, count: preview.rows.length, invalid })}{' '}
            {preview.valid ? t('reportImport.ready') : t('reportImport.notReady')}
          </p>
          <ImportPreviewTable
            className="figures"
            testId="report-import-preview"
            rowTestId="report-import-row"
            caption={t('reportImport.previewCaption', { name: file.name })}
            rows={preview.rows}
            lineHeader={t('reportImport.line')}
            columns={[
              {
                header: t('reportImport.unit'),
                cell: (row) => (row.unitId === null ? '—' : (units[row.unitId]?.name ?? row.unitId)),
              },
              { header: t('reportImport.indicator'), cell: (row) => row.indicatorId ?? '—' },
            ]}
            problemsHeader={t('reportImport.problems')}
            describe={rowProblemText}
            validText={t('reportImport.rowValid')}
          />
          <ImportApplyRow
            noteId={`${headingId}-apply-note`}
            testId="report-import-apply"
            label={t('reportImport.apply')}
            note={
              preview.valid
                ? t('reportImport.applyNote', { count: preview.reports.length })
                : t('reportImport.applyBlocked')
            }
            disabled={!preview.valid || isBusy || isDisabled}
            onApply={() => void apply()}
          />
        </>
      )}
    </section>
  );
}
