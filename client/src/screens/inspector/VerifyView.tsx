import { canIssue, Limits } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { SelectField } from '../../components/SelectField';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { reportSelectors, sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { parseNumber } from '../../widgets/reports/indicatorDraft';
import { DirectionTag } from '../../widgets/reports/DirectionTag';
import { ReportFigures } from '../../widgets/reports/ReportFigures';
import { InspectionOrders } from './InspectionOrders';
import { TextAreaField } from '../../components/TextAreaField';
import { tooLongProblem } from '../../components/textLength';

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
  const mayVerify = you !== null && canIssue(you.role, 'report:verify', status);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!unitId || !indicator) return;
    const value = parseNumber(verified);
    if (value === null) return setProblem(t(verified.trim() === '' ? 'verify.valueMissing' : 'verify.valueInvalid'));
    if (!finding.trim()) return setProblem(t('verify.findingMissing'));
    const tooLong = tooLongProblem(Limits.textLength, finding, evidence);
    if (tooLong) return setProblem(tooLong);
    setProblem(null);
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
                aria-describedby={`${formId}-current`}
                value={verified}
                onChange={(e) => setVerified(e.target.value)}
              />
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
            {recorded && !error && (
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
    </div>
  );
}
