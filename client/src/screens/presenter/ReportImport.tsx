import type { ReportImportPreview } from '@plenum/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { ApiError, apiRequest } from '../../api/request';
import { inviteTokenKey } from '../../app/inviteToken';
import { ErrorNote } from '../../components/ErrorNote';
import { FileDrop } from '../../components/FileDrop';
import { RowProblems } from '../../components/RowProblems';
import { rowProblemText } from '../../lib/rowProblemText';
import { useSessionStore } from '../../stores/session';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const wording = { link: 'invite', withIssues: false } as const;

interface ResultsFile {
  name: string;
  body: string | Blob;
  contentType: string;
}

/** A chosen file as the server takes it, or null when it is neither CSV nor XLSX. */
async function resultsFile(file: File): Promise<ResultsFile | null> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type === xlsxType) return { name: file.name, body: file, contentType: xlsxType };
  if (name.endsWith('.csv') || file.type === 'text/csv') {
    return { name: file.name, body: await file.text(), contentType: 'text/csv' };
  }
  return null;
}

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
  const [file, setFile] = useState<ResultsFile | null>(null);
  const [preview, setPreview] = useState<ReportImportPreview | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  const send = (path: 'reports/preview' | 'reports', chosen: ResultsFile) =>
    apiRequest<ReportImportPreview>(`/api/sessions/${encodeURIComponent(sessionId)}/${path}`, {
      method: 'POST',
      token: window.sessionStorage.getItem(inviteTokenKey(sessionId)) ?? '',
      body: chosen.body,
      contentType: chosen.contentType,
    });

  const choose = async (chosen: File) => {
    setError(null);
    setApplied(null);
    setPreview(null);
    const read = await resultsFile(chosen);
    setFile(read);
    if (!read) {
      setError(t('reportImport.wrongType', { name: chosen.name }));
      return;
    }
    setIsBusy(true);
    try {
      setPreview(await send('reports/preview', read));
    } catch (failure) {
      setError(apiErrorText(failure, wording));
    } finally {
      setIsBusy(false);
    }
  };

  const apply = async () => {
    if (!file || !preview?.valid) return;
    setIsBusy(true);
    setError(null);
    try {
      const done = await send('reports', file);
      setApplied(t('reportImport.applied', { name: file.name, count: done.reports.length }));
      setPreview(null);
      setFile(null);
    } catch (failure) {
      // A file whose rows stopped being valid since its preview comes back with the new preview.
      // Our own server's answer: typed by the contract, not parsed again (zod stays out of the participants' bundle).
      const data = failure instanceof ApiError ? (failure.data as ReportImportPreview | null) : null;
      if (data) setPreview(data);
      setError(`${apiErrorText(failure, wording)} ${t('reportImport.nothingApplied')}`);
    } finally {
      setIsBusy(false);
    }
  };

  const invalid = preview?.rows.filter((r) => r.errors.length > 0).length ?? 0;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="report-import">
      <h2 id={headingId} className="panel__heading">
        {t('reportImport.heading')}
      </h2>
      <p className="muted">{t('reportImport.about')}</p>
      <FileDrop
        label={t('reportImport.choose')}
        hint={t('reportImport.hint')}
        accept={`.csv,.xlsx,text/csv,${xlsxType}`}
        disabled={isDisabled || isBusy}
        onFile={(chosen) => void choose(chosen)}
        testId="report-import-file"
      />
      {isBusy && <p className="muted">{t('common.loading')}</p>}
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      {applied && (
        <p className="success" role="status">
          {applied}
        </p>
      )}
      {preview && file && (
        <>
          <p role="status" data-testid="report-import-summary">
            {t('reportImport.counts', { name: file.name, count: preview.rows.length, invalid })}{' '}
            {preview.valid ? t('reportImport.ready') : t('reportImport.notReady')}
          </p>
          <div className="table-scroll" tabIndex={0}>
            <table className="figures" data-testid="report-import-preview">
              <caption>{t('reportImport.previewCaption', { name: file.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reportImport.line')}</th>
                  <th scope="col">{t('reportImport.unit')}</th>
                  <th scope="col">{t('reportImport.indicator')}</th>
                  <th scope="col">{t('reportImport.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} data-testid={`report-import-row-${row.line}`}>
                    <th scope="row">{row.line}</th>
                    <td>{row.unitId === null ? '—' : (units[row.unitId]?.name ?? row.unitId)}</td>
                    <td>{row.indicatorId ?? '—'}</td>
                    <td>
                      {row.errors.length > 0 ? (
                        <RowProblems problems={row.errors} describe={rowProblemText} />
                      ) : (
                        t('reportImport.rowValid')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              data-testid="report-import-apply"
              disabled={!preview.valid || isBusy || isDisabled}
              aria-describedby={`${headingId}-apply-note`}
              onClick={() => void apply()}
            >
              {t('reportImport.apply')}
            </button>
            <span id={`${headingId}-apply-note`} className="muted">
              {preview.valid
                ? t('reportImport.applyNote', { count: preview.reports.length })
                : t('reportImport.applyBlocked')}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
