import { sessionRoles, type InviteePreview, type IssuedLink, type RowProblem, type SessionRole } from '@plenum/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileProblemOf, importErrorText } from '../../api/importErrorText';
import { ErrorNote } from '../../components/ErrorNote';
import { RowProblems } from '../../components/RowProblems';
import { issueInWords } from '../../lib/issueWords';
import { rowProblemText } from '../../lib/rowProblemText';
import { TextAreaField } from '../../components/TextAreaField';
import { useSessionStore } from '../../stores/session';
import { invitationWording, type InvitationsApi } from './invitationsApi';

/**
 * A pasted line's columns by the words the table's headings name them with: the server reads a
 * header row naming them so, in any language of the screens.
 */
const columnWords = {
  name: 'labels.inviteeColumn.name',
  role: 'labels.inviteeColumn.role',
  unit: 'labels.inviteeColumn.unit',
  email: 'labels.inviteeColumn.email',
} as const;
const isColumn = (column: string): column is keyof typeof columnWords => Object.hasOwn(columnWords, column);
const isSessionRole = (word: string): word is SessionRole => (sessionRoles as readonly string[]).includes(word);

interface PasteInvitationsProps {
  api: InvitationsApi;
  onIssued: (links: IssuedLink[]) => void;
}

/**
 * Invites a pasted list, one person a line (`name, role, unit, email`; the unit by id or name):
 * the server reads it first and each line is shown with what is wrong (a refused line with its
 * cells as they were read); the list is sent, all or nothing, only once every line reads well
 * and the text has not changed since.
 */
export function PasteInvitations({ api, onIssued }: PasteInvitationsProps) {
  const { t } = useTranslation();
  const units = useSessionStore((s) => s.session.units);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<{ text: string; result: InviteePreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const isCurrent = preview !== null && preview.text === text;
  const resultId = useId();
  const problemLines = preview?.result.rows.filter((row) => row.errors.length > 0).length ?? 0;
  const readWell = (preview?.result.rows.length ?? 0) - problemLines;

  // A line naming someone twice says who: the earlier line, or the participant invited already.
  // The column is named as the form names its field, not by the list's key.
  const describe = (problem: RowProblem) => {
    const column = isColumn(problem.column) ? t(columnWords[problem.column]) : problem.column;
    const by = problem.column === 'email' ? 'email' : 'name';
    const reason =
      problem.earlierLine !== undefined
        ? t(`prepare.paste.duplicate.${by}Line`, { line: problem.earlierLine })
        : problem.participant
          ? t(`prepare.paste.duplicate.${by}Invited`, { name: problem.participant.name })
          : problem.problem === 'invalid' && issueInWords({ path: problem.column, message: problem.message });
    // The roles a line may name, as the table names them: the server reads those words too.
    const options =
      problem.column === 'role'
        ? problem.options?.map((option) => (isSessionRole(option) ? t(`labels.role.${option}`) : option))
        : problem.options;
    return reason ? t('rowProblem.line', { column, reason }) : rowProblemText({ ...problem, column, options });
  };

  // A list refused as a whole is mended and checked again, not chosen again as a file would be.
  const refusalText = (problem: unknown) => {
    const file = fileProblemOf(problem);
    if (file?.problem === 'unrecognised-columns') {
      return t('prepare.paste.refused.unrecognised-columns', {
        expected: file.expected.map((column) => (isColumn(column) ? t(columnWords[column]) : column)).join(', '),
        unrecognised: file.unrecognised.length > 0 ? file.unrecognised.join(', ') : t('fileRefused.noHeader'),
      });
    }
    if (file?.problem === 'unreadable-csv') return t('prepare.paste.refused.unreadable-csv');
    return importErrorText(problem, invitationWording);
  };

  const call = async (action: () => Promise<unknown>, failure: string) => {
    setError(null);
    setIsBusy(true);
    try {
      await action();
    } catch (problem) {
      setError(`${failure} ${refusalText(problem)}`);
    } finally {
      setIsBusy(false);
    }
  };

  const check = () =>
    call(async () => setPreview({ text, result: await api.preview(text) }), t('prepare.failed.preview'));

  const invite = () =>
    call(async () => {
      onIssued(await api.inviteList(text));
      setText('');
      setPreview(null);
    }, t('prepare.failed.inviteList'));

  return (
    <div className="inline-form" data-testid="paste-invitations">
      <h3 className="prepare-subheading">{t('prepare.paste.heading')}</h3>
      <TextAreaField
        label={t('prepare.paste.label')}
        aria-describedby="prepare-paste-hint"
        rows={5}
        value={text}
        testId="paste-text"
        onChange={setText}
      />
      <p id="prepare-paste-hint" className="field-hint muted">
        {t('prepare.paste.hint')}
      </p>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          data-testid="paste-preview"
          disabled={isBusy || text.trim() === ''}
          onClick={() => void check()}
        >
          {t('prepare.paste.preview')}
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="paste-invite"
          aria-describedby={preview ? resultId : undefined}
          disabled={isBusy || !isCurrent || !preview.result.valid}
          onClick={() => void invite()}
        >
          {t('prepare.paste.invite', { count: readWell })}
        </button>
      </div>
      {preview && (
        <div role="status" id={resultId} data-testid="paste-result">
          <p className={preview.result.valid ? 'prepare-ok' : 'prepare-warn'}>
            {preview.result.valid
              ? t('prepare.paste.valid', { count: preview.result.rows.length })
              : t('prepare.paste.invalid', { count: problemLines })}
            {!isCurrent && ` ${t('prepare.paste.changed')}`}
          </p>
        </div>
      )}
      {preview && (
        <table className="prepare-table" data-testid="paste-rows">
          <caption className="visually-hidden">{t('prepare.paste.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prepare.paste.line')}</th>
              <th scope="col">{t(columnWords.name)}</th>
              <th scope="col">{t(columnWords.role)}</th>
              <th scope="col">{t(columnWords.unit)}</th>
              <th scope="col">{t(columnWords.email)}</th>
              <th scope="col">{t('prepare.paste.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.result.rows.map((row) => (
              <tr key={row.line} data-invalid={row.errors.length > 0 || undefined}>
                <td>{row.line}</td>
                {row.invitee ? (
                  <>
                    <td>{row.invitee.name}</td>
                    <td>{t(`labels.role.${row.invitee.role}`)}</td>
                    <td>{row.invitee.unitId && (units[row.invitee.unitId]?.name ?? row.invitee.unitId)}</td>
                    <td>{row.invitee.email}</td>
                  </>
                ) : (
                  // A refused line as it was read, so the problem named beside it can be found in it.
                  <>
                    <td>{row.cells.name}</td>
                    <td>{row.cells.role}</td>
                    <td>{row.cells.unit}</td>
                    <td>{row.cells.email}</td>
                  </>
                )}
                <td>
                  {row.errors.length === 0 && t('prepare.paste.rowOk')}
                  <RowProblems problems={row.errors} describe={describe} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
