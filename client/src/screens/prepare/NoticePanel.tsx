import { canIssue, dayById, noticeCautions, noticeProblems, type NoticeProblem, type Role } from '@plenum/shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Panel } from '../../components/Panel';
import { noticeProblemMessage } from '../../lib/errorMessages';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';
import { focusTarget, prepareTargets } from './prepareTargets';

/** Where the fix of a problem is made. */
function targetOf(problem: NoticeProblem): string {
  switch (problem.problem) {
    case 'day-in-past':
    case 'day-without-items':
      return prepareTargets.day(problem.dayId);
    case 'item-without-unit':
      return prepareTargets.item(problem.itemId);
    case 'unit-without-presenter':
      return prepareTargets.invite;
  }
}

/**
 * The notice: its date, every problem that stops it (each naming what to fix, with a button
 * that takes the focus there), the cautions that do not (a day running past its planned end), and "Publish the notice" once there is none, asked first as it
 * cannot be taken back. The server checks the same rules (`noticeProblems`) and refuses with
 * the list, which the error then names. Once published, the date it went out and that later
 * changes are amendments, or, once the session is closed, that its preparation is part of the record.
 */
/** Things to fix or check before the notice, each with a button that shows the field it names. */
function ShowMeList({
  labelledBy,
  testId,
  lines,
}: {
  labelledBy: string;
  testId: string;
  lines: { key: string; text: string; target: string }[];
}) {
  const { t } = useTranslation();
  return (
    <ul className="prepare-problems" aria-labelledby={labelledBy} data-testid={testId}>
      {lines.map(({ key, text, target }) => (
        <li key={key}>
          <span>{text}</span>{' '}
          <button type="button" className="button button--small" onClick={() => focusTarget(target)}>
            {t('prepare.notice.showMe')}
            <span className="visually-hidden">: {text}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function NoticePanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const session = useSessionStore((s) => s.session);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const [noticeDate, setNoticeDate] = useState(todayIsoDate);
  const [isConfirming, setIsConfirming] = useState(false);
  const problems = useMemo(() => noticeProblems(session, noticeDate), [session, noticeDate]);
  const cautions = useMemo(
    () =>
      noticeCautions(session).map(({ dayId, overrunMinutes }) => ({
        dayId,
        text: t('prepare.notice.dayOverrun', { day: dayById(session, dayId)?.title ?? '', count: overrunMinutes }),
      })),
    [session, t],
  );
  const mayPublish = canIssue(role, 'session:publish-notice', session.status);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsConfirming(true);
  };

  const publish = () => {
    setIsConfirming(false);
    void run({ type: 'session:publish-notice', payload: { noticeDate } }, t('agenda.failed.publishNotice'));
  };

  if (session.status !== 'draft') {
    return (
      <Panel heading={t('prepare.notice.heading')} className="prepare-notice" testId="prepare-notice">
        <p id={prepareTargets.notice} tabIndex={-1}>
          {t('prepare.notice.published', { date: format.date(session.noticeDate ?? '') })}
        </p>
        <p className="muted" data-testid="notice-after">
          {t(session.status === 'closed' ? 'prepare.notice.closedNote' : 'prepare.notice.amendNote')}
        </p>
      </Panel>
    );
  }

  return (
    <Panel heading={t('prepare.notice.heading')} className="prepare-notice" testId="prepare-notice">
      <ErrorNote message={error} onDismiss={dismissError} />
      <form className="prepare-notice__form" onSubmit={handleSubmit}>
        <div className="field">
          <label htmlFor={prepareTargets.notice}>{t('agenda.noticeDate')}</label>
          <input
            id={prepareTargets.notice}
            type="date"
            required
            value={noticeDate}
            onChange={(e) => setNoticeDate(e.target.value)}
          />
        </div>
        {!noticeDate ? (
          <p className="prepare-warn" data-testid="notice-no-date">
            {t('prepare.notice.noDate')}
          </p>
        ) : (
          problems.length === 0 && (
            <p className="prepare-ok" data-testid="notice-ready">
              {t('prepare.notice.ready')}
            </p>
          )
        )}
        {problems.length > 0 && (
          <>
            <p id={`${id}-problems`} className="prepare-warn">
              {t('prepare.notice.problems', { count: problems.length })}
            </p>
            <ShowMeList
              labelledBy={`${id}-problems`}
              testId="notice-problems"
              lines={problems.map((problem, index) => ({
                key: `${problem.problem}-${index}`,
                text: noticeProblemMessage(problem, session),
                target: targetOf(problem),
              }))}
            />
          </>
        )}
        {cautions.length > 0 && (
          <>
            <p id={`${id}-cautions`} className="prepare-caution">
              {t('prepare.notice.cautions', { count: cautions.length })}
            </p>
            <ShowMeList
              labelledBy={`${id}-cautions`}
              testId="notice-cautions"
              lines={cautions.map(({ dayId, text }) => ({ key: dayId, text, target: prepareTargets.day(dayId) }))}
            />
          </>
        )}
        {mayPublish && (
          <button
            type="submit"
            className="button button--primary"
            data-testid="publish-notice-submit"
            disabled={!canSend || isBusy || problems.length > 0 || !noticeDate}
          >
            {t('agenda.publishNotice')}
          </button>
        )}
      </form>
      {isConfirming && (
        <ConfirmDialog
          title={t('prepare.notice.confirmTitle', { date: format.date(noticeDate) })}
          lines={[
            // Published knowingly: the day's length is the chair's choice, said once more before it goes out.
            ...cautions.map(({ text }) => text),
            t('prepare.notice.confirmTold'),
            t('prepare.notice.confirmAmendments'),
          ]}
          note={t('prepare.notice.confirmFinal')}
          confirmLabel={t('agenda.publishNotice')}
          testId="publish-notice-dialog"
          onCancel={() => setIsConfirming(false)}
          onConfirm={publish}
        />
      )}
    </Panel>
  );
}
