import { canIssue, Limits } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { SelectField } from '../../components/SelectField';
import { i18n } from '../../i18n';
import { formatLimit } from '../../lib/format';
import { numberAtMostWords } from '../../lib/issueWords';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { reportSelectors, sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { parseNumber, verifiedValueProblem, type VerifiedProblem } from '../../widgets/reports/indicatorDraft';
import { DirectionTag } from '../../widgets/reports/DirectionTag';
import { ReportFigures } from '../../widgets/reports/ReportFigures';
import { InspectionOrders } from './InspectionOrders';
import { TextAreaField } from '../../components/TextAreaField';
import { tooLongProblem } from '../../components/textLength';

/**
 * How many times the reported figure a verified value may be, either way, before the inspector is
 * asked to confirm it: past that it is more likely a slip (a wrong unit of measure, digits too
 * many or too few) than a finding.
 */
const farFactor = 10;

/** A verified value the protocol refuses, in the words the report form uses for its figures. */
function verifiedProblemText(problem: VerifiedProblem): string {
  const t = i18n.t;
  switch (problem) {
    case 'missing':
      return t('verify.valueMissing');
    case 'invalid':
      return t('verify.valueInvalid');
    case 'too-large':
      return t('verify.valueTooLarge', { bound: numberAtMostWords(Limits.figureMax) });
    case 'too-small':
      return t('verify.valueTooSmall', { least: formatLimit(Limits.figureMin) });
  }
}

/**
 * The inspector's open inspection orders, and the verified values they record, with the
 * finding and the evidence, against any unit's report; the figures and flags beside it update
 * as the record does.
 */
export function VerifyView() {
  const { t } = useTranslation();
  const format = useFormat();
  const formId = useId();
  const status = useSessionStore((s) => s.session.status);
  const you = useSessionStore((s) => s.you);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const units = useSessionState(reportSelectors.unitsWithReports);
  const focusUnitId = useSessionStore((s) => {
    const unitId = sessionSelectors.focusItem(s.session)?.unitId ?? null;
    return unitId && s.session.reports[unitId] ? unitId : null;
  });
  const [chosenUnitId, setChosenUnitId] = useState<string | null>(null);
  const unitId = chosenUnitId ?? focusUnitId ?? units[0]?.id ?? null;
  const report = useSessionStore((s) => sessionSelectors.reportOf(s.session, unitId));
  const [chosenIndicatorId, setChosenIndicatorId] = useState<string | null>(null);
  const indicator =
    report?.indicators.find((i) => i.id === chosenIndicatorId) ??
    report?.indicators.find((i) => i.isProduction) ??
    report?.indicators[0] ??
    null;
  const [verified, setVerified] = useState('');
  const [finding, setFinding] = useState('');
  const [evidence, setEvidence] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  /** A value far from the reported one, waiting for the inspector to confirm it. */
  const [farValue, setFarValue] = useState<number | null>(null);
  const mayVerify = you !== null && canIssue(you.role, 'report:verify', status);

  const read = parseNumber(verified);
  const measured = (value: number) => `${format.figure(value)} ${indicator?.measure ?? ''}`.trim();
  // Said when the text typed is not how the number is written (full-width digits, an exponent…), so nothing is read silently.
  const readAs =
    read !== null && ![String(read), format.figure(read)].includes(verified.trim()) ? measured(read) : null;

  const record = (value: number) => {
    setFarValue(null);
    if (!unitId || !indicator) return;
    const name = indicator.name;
    void run(
      {
        type: 'report:verify',
        payload: {
          unitId,
          indicatorId: indicator.id,
          verified: value,
          finding: finding.trim(),
          evidence: evidence.trim() || null,
        },
      },
      t('verify.failed'),
    ).then((ok) => {
      if (!ok) return;
      setRecorded(t('verify.recorded', { indicator: name, value: `${format.figure(value)} ${indicator.measure}` }));
      setVerified('');
      setFinding('');
      setEvidence('');
    });
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The word that an earlier value was recorded goes: it must not stand beside a new problem.
    setRecorded(null);
    if (!unitId || !indicator) return;
    const valueProblem = verifiedValueProblem(verified);
    if (valueProblem || read === null) return setProblem(verifiedProblemText(valueProblem ?? 'invalid'));
    if (!finding.trim()) return setProblem(t('verify.findingMissing'));
    const tooLong = tooLongProblem(Limits.textLength, finding, evidence);
    if (tooLong) return setProblem(tooLong);
    setProblem(null);
    const reported = indicator.reported;
    if (reported > 0 && (read > reported * farFactor || read < reported / farFactor)) return setFarValue(read);
    record(read);
  };

  const farQuestion = (value: number, reported: number) => {
    const ratio = value / reported;
    return value > reported
      ? t('verify.far.above', {
          value: measured(value),
          // A whole number of times once it is large; a tenth shows while it is near the line.
          times: format.figure(ratio >= 100 ? Math.round(ratio) : Math.round(ratio * 10) / 10),
          reported: measured(reported),
        })
      : t('verify.far.below', { value: measured(value), share: format.percent(ratio), reported: measured(reported) });
  };

  const chooseUnit = (value: string) => {
    setChosenUnitId(value);
    setChosenIndicatorId(null);
    setRecorded(null);
  };

  if (units.length === 0) {
    return (
      <>
        <InspectionOrders onVerify={chooseUnit} />
        <p className="panel muted">{t('verify.noReports')}</p>
      </>
    );
  }

  return (
    <div className="layout layout--two">
      <div className="layout__column">
        <InspectionOrders onVerify={chooseUnit} />
        <section className="panel" aria-labelledby={`${formId}-heading`}>
          <h2 id={`${formId}-heading`} className="panel__heading">
            {t('verify.heading')}
          </h2>
          <form onSubmit={handleSubmit} noValidate data-testid="verify-form">
            <SelectField
              id={`${formId}-unit`}
              testId="verify-unit"
              label={t('verify.unit')}
              value={unitId ?? ''}
              options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
              onChange={chooseUnit}
            />
            <SelectField
              id={`${formId}-indicator`}
              testId="verify-indicator"
              label={t('verify.indicator')}
              value={indicator?.id ?? ''}
              options={(report?.indicators ?? []).map((i) => ({ value: i.id, label: `${i.name} (${i.measure})` }))}
              onChange={(value) => {
                setChosenIndicatorId(value);
                setRecorded(null);
              }}
            />
            {indicator && (
              <p className="muted" id={`${formId}-current`}>
                {t('verify.current', {
                  planned: `${format.figure(indicator.planned)} ${indicator.measure}`,
                  reported: `${format.figure(indicator.reported)} ${indicator.measure}`,
                  verified:
                    indicator.verified === null
                      ? t('verify.notVerified')
                      : `${format.figure(indicator.verified)} ${indicator.measure}`,
                })}{' '}
                <DirectionTag indicator={indicator} />
              </p>
            )}
            <div className="field">
              <label htmlFor={`${formId}-value`}>{t('verify.value', { measure: indicator?.measure ?? '' })}</label>
              <input
                id={`${formId}-value`}
                data-testid="verify-value"
                type="text"
                inputMode="decimal"
                className="input--number"
                aria-describedby={readAs ? `${formId}-current ${formId}-read` : `${formId}-current`}
                value={verified}
                onChange={(e) => setVerified(e.target.value)}
              />
              {readAs && (
                <p id={`${formId}-read`} className="field-hint muted" data-testid="verify-read-as">
                  {t('verify.readAs', { value: readAs })}
                </p>
              )}
            </div>
            <TextAreaField
              label={t('verify.finding')}
              testId="verify-finding"
              rows={3}
              maxLength={Limits.textLength}
              value={finding}
              onChange={setFinding}
            />
            <TextAreaField
              label={t('verify.evidence')}
              testId="verify-evidence"
              rows={2}
              maxLength={Limits.textLength}
              value={evidence}
              onChange={setEvidence}
            />
            <ErrorNote message={problem ?? error} onDismiss={problem ? () => setProblem(null) : dismissError} />
            {recorded && !error && !problem && (
              <p className="success" role="status">
                {recorded}
              </p>
            )}
            <button
              type="submit"
              className="button button--primary"
              data-testid="verify-submit"
              disabled={!mayVerify || !canSend || isBusy || !indicator}
            >
              {t('verify.submit')}
            </button>
            {!mayVerify && <p className="muted">{t('verify.notNow')}</p>}
          </form>
        </section>
      </div>
      <div className="layout__column">
        {unitId && <ReportFigures unitId={unitId} showChart showFlags showFindings />}
      </div>
      {farValue !== null && indicator && (
        <ConfirmDialog
          title={t('verify.far.title')}
          lines={[farQuestion(farValue, indicator.reported)]}
          note={t('verify.far.note')}
          confirmLabel={t('verify.far.confirm')}
          testId="verify-far-dialog"
          onCancel={() => setFarValue(null)}
          onConfirm={() => record(farValue)}
        />
      )}
    </div>
  );
}
