import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { ErrorNote } from '../../components/ErrorNote';
import { useSessionStore } from '../../stores/session';
import { downloadRecord, type RecordFile } from './downloadRecord';

const labelKeys = {
  'minutes.md': 'records.file.minutesMd',
  'minutes.pdf': 'records.file.minutesPdf',
  'calendar.ics': 'records.file.calendarIcs',
  'archive.json': 'records.file.archiveJson',
  'results.xlsx': 'records.file.resultsXlsx',
  'results.csv': 'records.file.resultsCsv',
  'verifications.csv': 'records.file.verificationsCsv',
  'criticisms.csv': 'records.file.criticismsCsv',
  'directives.csv': 'records.file.directivesCsv',
  'warnings.csv': 'records.file.warningsCsv',
} as const satisfies Record<RecordFile, string>;

interface DownloadRecordsProps {
  files: readonly RecordFile[];
  /** The day (1-based) the screen shows; null: the whole session. */
  day?: number | null;
}

/**
 * Buttons that download the session's records as they stand now, in the screen's language,
 * with this tab's invite token; a refusal is said in words.
 */
export function DownloadRecords({ files, day = null }: DownloadRecordsProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const [busy, setBusy] = useState<RecordFile | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (file: RecordFile) => {
    setBusy(file);
    setError(null);
    try {
      await downloadRecord(sessionId, file, { lang: i18n.resolvedLanguage ?? i18n.language, day });
    } catch (failure) {
      // In the screen's language: the server's detail (or the fetch's) is English.
      setError(t('records.failed', { message: apiErrorText(failure, { link: 'invite', withIssues: false }) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="no-print" role="group" aria-labelledby={headingId} data-testid="record-downloads">
      <div className="button-row">
        <span id={headingId}>{t('records.downloads')}</span>
        {files.map((file) => (
          <button
            key={file}
            type="button"
            className="button button--small"
            data-testid={`download-${file}`}
            aria-busy={busy === file}
            disabled={busy !== null}
            onClick={() => void download(file)}
          >
            {t(labelKeys[file])}
          </button>
        ))}
        {busy !== null && (
          <span className="muted" role="status">
            {t('records.preparing')}
          </span>
        )}
      </div>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
    </div>
  );
}
