import { canIssue, Limits, presentedAt, type PreviousReport } from '@plenum/shared';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { LengthNote, shownTooLong } from '../../components/LengthNote';
import { Select } from '../../components/Select';
import { numberAtMostWords } from '../../lib/issueWords';
import { formatLimit } from '../../lib/format';
import { indicatorDirections } from '../../lib/labels';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import {
  draftProblems,
  draftsFromPrevious,
  draftTextLimits,
  draftsFromReport,
  emptyDraft,
  indicatorsFromDrafts,
  isBlankDraft,
  type IndicatorDraft,
} from '../../widgets/reports/indicatorDraft';
import { usePreviousReport } from './previousReport';
import { PasteIndicators, type PasteMode, type PastedIndicators } from './PasteIndicators';
import { ReportImport } from './ReportImport';
import { loadReportDraft, saveReportDraft, type ReportDraftPlace } from './reportDraft';
import { TextAreaField } from '../../components/TextAreaField';
import { isTooLong, tooLongMessage } from '../../components/textLength';
import './ReportForm.css';

type TextColumn = 'name' | 'measure' | 'planned' | 'reported' | 'weight' | 'previous';
// In table order; the production radio sits between weight and previous, the direction after previous.
const textColumns: TextColumn[] = ['name', 'measure', 'planned', 'reported', 'weight', 'previous'];
const numericColumns = new Set<TextColumn>(['planned', 'reported', 'weight', 'previous']);
type Indicators = ReturnType<typeof indicatorsFromDrafts>;

/**
 * The presenter's report form: the unit's indicators (plan, result, weight, production, the
 * previous period, which way is better) typed in a table or pasted from a spreadsheet, or started
 * from the period before's, then submitted. A resubmission replaces the figures; the record keeps
 * every change. On a phone each indicator is a card of labelled fields (ReportForm.css).
 */
export function ReportForm() {
  const { t } = useTranslation();
  const format = useFormat();
  const formId = useId();
  const you = useSessionStore((s) => s.you);
  const status = useSessionStore((s) => s.session.status);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const unitId = you?.unitId ?? null;
  const report = useSessionStore((s) => sessionSelectors.reportOf(s.session, unitId));
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, unitId)) ?? t('common.aUnit');
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const followsUp = useSessionStore((s) => (s.session.definition?.previousSessionId ?? null) !== null);
  const participantId = you?.id ?? null;
  const place = useMemo<ReportDraftPlace | null>(
    () => (participantId !== null && unitId !== null ? { sessionId, participantId, unitId } : null),
    [sessionId, participantId, unitId],
  );
  // An edit not yet submitted is kept on the device: a tab switched or the page reloaded finds it as left.
  const [kept] = useState(() => place && loadReportDraft(place));
  // Numbers are shown without grouping so they read back exactly as typed.
  const plain = (n: number) => String(n);
  const [drafts, setDrafts] = useState<IndicatorDraft[]>(
    () => kept?.drafts ?? (report ? draftsFromReport(report, plain) : [emptyDraft()]),
  );
  const [note, setNote] = useState(kept?.note ?? report?.note ?? '');
  // The revision the draft started from, and whether the presenter has changed it since: a report
  // changed elsewhere (an import, the chair) replaces an untouched draft, and an edited one only
  // when the presenter says so.
  const [baseRevision, setBaseRevision] = useState(kept ? kept.baseRevision : (report?.revision ?? null));
  const [isEdited, setIsEdited] = useState(kept !== null);
  useEffect(() => {
    if (place) saveReportDraft(place, isEdited ? { drafts, note, baseRevision } : null);
  }, [place, drafts, note, baseRevision, isEdited]);
  const [showProblems, setShowProblems] = useState(false);
  // Each refused submission moves the focus to the first field to change.
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals > 0) {
      formRef.current?.querySelector<HTMLElement>('input[aria-invalid="true"], textarea[aria-invalid="true"]')?.focus();
    }
  }, [refusals]);
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const hasPresented = useSessionStore((s) => unitId !== null && presentedAt(s.session, unitId) !== null);
  // The revision waiting for the presenter's yes, when it changes figures already presented.
  const [lateRevision, setLateRevision] = useState<Indicators | null>(null);
  const problems = useMemo(() => draftProblems(drafts), [drafts]);
  const mayEdit = you !== null && canIssue(you.role, 'report:submit', status);
  // Asked only while this period has no report: once it has one, the form starts from that.
  const previous = usePreviousReport(report === null && followsUp ? unitId : null);
  // Offered only while every row is as a new one is: starting from it never replaces what was typed or kept.
  const offer =
    mayEdit && report === null && previous !== null && previous.indicators.length > 0 && drafts.every(isBlankDraft)
      ? previous
      : null;
  // The period the rows were last started from, a new object each time so the focus moves each time.
  const [carried, setCarried] = useState<{ period: string } | null>(null);
  const firstPlannedRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The button is gone once used: the focus goes to the first figure left to enter.
    if (carried) firstPlannedRef.current?.focus();
  }, [carried]);
  const load = (from: NonNullable<typeof report>) => {
    setDrafts(draftsFromReport(from, plain));
    setNote(from.note ?? '');
    setBaseRevision(from.revision);
    setIsEdited(false);
    setShowProblems(false);
  };
  const changedElsewhere = report !== null && report.revision !== baseRevision;
  // Adjusted while rendering, as React advises for state that follows a prop: no stale frame shows.
  // Our own submission also lands here, once its answer came: the draft then is what was sent.
  if (changedElsewhere && !isEdited && !isBusy) load(report);

  if (unitId === null) {
    return <p className="panel muted">{t('report.form.noUnit')}</p>;
  }

  const edit = (change: (rows: IndicatorDraft[]) => IndicatorDraft[]) => {
    setDrafts(change);
    setIsEdited(true);
  };
  const update = (key: string, change: Partial<IndicatorDraft>) =>
    edit((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const setProduction = (key: string | null) =>
    edit((rows) => rows.map((row) => ({ ...row, isProduction: row.key === key })));
  const startFrom = (from: PreviousReport) => {
    edit(() => draftsFromPrevious(from.indicators, plain));
    setShowProblems(false);
    setCarried({ period: from.period });
  };

  const applyPasted = (parsed: PastedIndicators, mode: PasteMode) =>
    edit((rows) => {
      const kept = mode === 'append' ? rows.filter((r) => r.name || r.planned || r.reported) : [];
      // Rows with the name of an existing indicator keep its id, so its history continues, and
      // its direction unless the paste gave one: a spreadsheet without that column must not turn
      // a ceiling into a target.
      const byName = new Map((report?.indicators ?? []).map((i) => [i.name.toLowerCase(), i]));
      const pastedRows = parsed.drafts.map((d) => {
        const existing = byName.get(d.name.toLowerCase());
        const keepsDirection = existing !== undefined && parsed.directionUnstated.has(d.key);
        return {
          ...d,
          id: existing?.id ?? null,
          direction: keepsDirection ? (existing.direction ?? d.direction) : d.direction,
        };
      });
      const hasProduction = pastedRows.some((r) => r.isProduction);
      return [...(hasProduction ? kept.map((r) => ({ ...r, isProduction: false })) : kept), ...pastedRows].slice(
        0,
        Limits.indicatorsPerReport,
      );
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A note past the limit says beside it how much to shorten.
    if (problems.size > 0 || drafts.length === 0 || isTooLong(note, Limits.textLength)) {
      setShowProblems(true);
      setRefusals((n) => n + 1);
      return;
    }
    setShowProblems(false);
    const indicators = indicatorsFromDrafts(drafts);
    // A reported figure changed once the unit has begun presenting is flagged to the room: asked first.
    const changesReported = indicators.some((indicator) => {
      const before = report?.indicators.find((i) => i.id === indicator.id);
      return before !== undefined && before.reported !== indicator.reported;
    });
    if (hasPresented && changesReported) setLateRevision(indicators);
    else submit(indicators);
  };

  const submit = (indicators: Indicators) => {
    setLateRevision(null);
    void run(
      { type: 'report:submit', payload: { unitId, indicators, note: note.trim() || null } },
      t('report.form.failed'),
    ).then((ok) => {
      setHasSubmitted(ok);
      if (ok) setIsEdited(false);
    });
  };

  // A text past its limit is said at once, as a field says it, naming its cell; the rest once a submission is refused.
  const problemText = (row: IndicatorDraft, rowLabel: string) =>
    (problems.get(row.key) ?? [])
      .flatMap((problem) => {
        if (problem === 'name-too-long' || problem === 'measure-too-long') {
          const column = problem === 'name-too-long' ? 'name' : 'measure';
          return t('report.form.problem.too-long', {
            cell: t('report.form.cellLabel', { column: t(`report.form.column.${column}`), row: rowLabel }),
            text: tooLongMessage(row[column], draftTextLimits[column]),
          });
        }
        if (!showProblems) return [];
        return t(`report.form.problem.${problem}`, {
          bound: numberAtMostWords(Limits.figureMax),
          least: formatLimit(Limits.figureMin),
        });
      })
      .join(' ');
  const productionName = `${formId}-production`;
  // Each cell names its column (data-label): on a phone, where the header row is hidden, it shows as the field's label.
  const textCell = (row: IndicatorDraft, index: number, rowLabel: string, rowProblems: string, column: TextColumn) => {
    const maxLength = column === 'name' || column === 'measure' ? draftTextLimits[column] : undefined;
    const isOver = isTooLong(row[column], maxLength);
    return (
      <td key={column} data-label={t(`report.form.column.${column}`)}>
        <input
          ref={column === 'planned' && index === 0 ? firstPlannedRef : undefined}
          type="text"
          className={numericColumns.has(column) ? 'input--number' : undefined}
          inputMode={numericColumns.has(column) ? 'decimal' : undefined}
          data-testid={`indicator-${column}-${index}`}
          aria-label={t('report.form.cellLabel', { column: t(`report.form.column.${column}`), row: rowLabel })}
          aria-describedby={rowProblems ? `${formId}-problem-${row.key}` : undefined}
          aria-invalid={
            isOver ||
            (showProblems && (problems.get(row.key) ?? []).some((problem) => problem.startsWith(`${column}-`)))
              ? true
              : undefined
          }
          value={row[column]}
          disabled={!mayEdit}
          onChange={(e) => update(row.key, { [column]: e.target.value })}
        />
        {/* The row's problems say how much to shorten, naming the cell: the cell keeps to its count. */}
        <LengthNote
          id={`${formId}-length-${row.key}-${column}`}
          value={row[column]}
          maxLength={maxLength}
          error={shownTooLong(row[column], maxLength) ?? undefined}
          testId={`indicator-${column}-${index}`}
        />
      </td>
    );
  };

  return (
    <div className="layout">
      <section className="panel report-form" aria-labelledby={`${formId}-heading`}>
        <h2 id={`${formId}-heading`} className="panel__heading">
          {t('report.form.heading', { unit: unitName })}
        </h2>
        <p className="muted">
          {report
            ? t('report.form.submittedRevision', {
                revision: report.revision,
                time: format.time(report.submittedAt),
                date: format.shortDate(report.submittedAt.slice(0, 10)),
              })
            : t('report.form.notYet')}
        </p>
        {changedElsewhere && isEdited && !isBusy && (
          <div className="report-form__changed" role="alert" data-testid="report-changed">
            <p>{t('report.form.changedElsewhere', { revision: report.revision })}</p>
            <div className="button-row">
              <button type="button" className="button button--small" onClick={() => load(report)}>
                {t('report.form.loadChanged')}
              </button>
              <button type="button" className="button button--small" onClick={() => setBaseRevision(report.revision)}>
                {t('report.form.keepDraft')}
              </button>
            </div>
          </div>
        )}
        <form ref={formRef} onSubmit={handleSubmit} noValidate data-testid="report-form">
          {offer && (
            <div className="report-form__carry" data-testid="carry-previous">
              <p>{t('report.form.carryHint', { period: offer.period, count: offer.indicators.length })}</p>
              <button
                type="button"
                className="button"
                data-testid="carry-previous-apply"
                onClick={() => startFrom(offer)}
              >
                {t('report.form.carry', { period: offer.period })}
              </button>
            </div>
          )}
          {carried && !offer && report === null && (
            <p className="report-form__carried" role="status" data-testid="carried-previous">
              {t('report.form.carried', { period: carried.period })}
            </p>
          )}
          <div className="table-scroll" tabIndex={0}>
            <table className="figures report-form__table">
              <caption className="visually-hidden">{t('report.form.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.form.column.name')}</th>
                  <th scope="col">{t('report.form.column.measure')}</th>
                  <th scope="col">{t('report.form.column.planned')}</th>
                  <th scope="col">{t('report.form.column.reported')}</th>
                  <th scope="col">{t('report.form.column.weight')}</th>
                  <th scope="col">{t('report.form.column.production')}</th>
                  <th scope="col">{t('report.form.column.previous')}</th>
                  <th scope="col">{t('report.form.column.direction')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('report.form.column.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((row, index) => {
                  // A name too long to send is too long to label its row's fields by.
                  const rowLabel =
                    row.name && !isTooLong(row.name, draftTextLimits.name)
                      ? row.name
                      : t('report.form.rowNumber', { number: index + 1 });
                  const rowProblems = problemText(row, rowLabel);
                  return (
                    <tr
                      key={row.key}
                      data-testid={`indicator-row-${index}`}
                      aria-invalid={rowProblems ? true : undefined}
                    >
                      {textColumns.slice(0, 5).map((column) => textCell(row, index, rowLabel, rowProblems, column))}
                      <td className="report-form__radio" data-label={t('report.form.column.production')}>
                        <input
                          type="radio"
                          name={productionName}
                          data-testid={`indicator-production-${index}`}
                          aria-label={t('report.form.productionOf', { row: rowLabel })}
                          checked={row.isProduction}
                          disabled={!mayEdit}
                          onChange={() => setProduction(row.key)}
                        />
                      </td>
                      {textCell(row, index, rowLabel, rowProblems, 'previous')}
                      <td className="report-form__direction" data-label={t('report.form.column.direction')}>
                        <Select
                          data-testid={`indicator-direction-${index}`}
                          aria-label={t('report.form.cellLabel', {
                            column: t('report.form.column.direction'),
                            row: rowLabel,
                          })}
                          value={row.direction}
                          disabled={!mayEdit}
                          options={indicatorDirections.map((direction) => ({
                            value: direction,
                            label: t(`labels.direction.${direction}`),
                          }))}
                          onChange={(direction) => update(row.key, { direction })}
                        />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button--small"
                          data-testid={`remove-indicator-${index}`}
                          disabled={!mayEdit || drafts.length <= 1}
                          onClick={() => edit((rows) => rows.filter((r) => r.key !== row.key))}
                        >
                          {t('report.form.remove')}
                          <span className="visually-hidden">: {rowLabel}</span>
                        </button>
                        {rowProblems && (
                          <p id={`${formId}-problem-${row.key}`} className="form-error report-form__problem">
                            {rowProblems}
                          </p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button--small"
              data-testid="add-indicator"
              disabled={!mayEdit || drafts.length >= Limits.indicatorsPerReport}
              onClick={() => edit((rows) => [...rows, emptyDraft()])}
            >
              {t('report.form.add')}
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="clear-production"
              disabled={!mayEdit || !drafts.some((r) => r.isProduction)}
              onClick={() => setProduction(null)}
            >
              {t('report.form.noProduction')}
            </button>
            {report && (
              <button type="button" className="button button--small" disabled={!mayEdit} onClick={() => load(report)}>
                {t('report.form.reset')}
              </button>
            )}
          </div>
          <TextAreaField
            label={t('report.form.note')}
            rows={2}
            maxLength={Limits.textLength}
            value={note}
            disabled={!mayEdit}
            onChange={(value) => {
              setNote(value);
              setIsEdited(true);
            }}
          />
          {showProblems && (problems.size > 0 || drafts.length === 0) && (
            <p className="form-error" role="alert">
              {t('report.form.fixProblems', { count: problems.size })}
            </p>
          )}
          <ErrorNote message={error} onDismiss={dismissError} />
          {hasSubmitted && !error && (
            <p className="success" role="status">
              {t('report.form.submitted')}
            </p>
          )}
          <button
            type="submit"
            className="button button--primary"
            data-testid="submit-report"
            disabled={!mayEdit || !canSend || isBusy}
          >
            {report ? t('report.form.resubmit') : t('report.form.submit')}
          </button>
        </form>
        {lateRevision && (
          <ConfirmDialog
            title={t('report.form.lateTitle')}
            lines={[t('report.form.lateLine')]}
            confirmLabel={t('report.form.lateConfirm')}
            testId="confirm-late-revision"
            onCancel={() => setLateRevision(null)}
            onConfirm={() => submit(lateRevision)}
          />
        )}
      </section>
      <PasteIndicators isDisabled={!mayEdit} onApply={applyPasted} />
      <ReportImport isDisabled={!mayEdit} />
    </div>
  );
}
