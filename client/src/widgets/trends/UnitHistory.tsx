import type { FlagKind } from '@plenum/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { Select } from '../../components/Select';
import { useFormat } from '../../lib/useFormat';
import { trendSelectors, useSessionState } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { useTrends } from './trendsApi';
import { TrendsFailed } from './TrendsFailed';
import { StreakText, UnitTrendChart } from './UnitTrendChart';
import './UnitHistory.css';

/**
 * One unit quarter by quarter, back through the sessions this one follows up: its production
 * fulfilment as a chart and a table with the reporting gap, the flags and the warnings, its
 * streak under the threshold, and the warnings of every quarter. Loaded on first use.
 */
export default function UnitHistory() {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldId = useId();
  const warningsHeadingId = useId();
  const trends = useTrends(true);
  const answer = trends.state === 'loaded' ? trends.data : null;
  const choices = useSessionState(trendSelectors.unitChoices, answer);
  const chosen = useUiStore((s) => s.historyUnitId);
  const showHistory = useUiStore((s) => s.showHistory);
  const unitId = chosen ?? choices[0]?.id ?? null;
  const trend = useSessionState(trendSelectors.unitTrend, unitId ?? '', answer);
  const warnings = useSessionState(trendSelectors.warningTrend, answer);

  // Loading and failing inside the tab's container too, so the words keep the page margin.
  if (trends.state === 'failed') {
    return (
      <div className="unit-history">
        <TrendsFailed error={trends.error} onRetry={trends.reload} />
      </div>
    );
  }
  if (trends.state === 'loading') {
    return (
      <div className="unit-history">
        <p className="panel muted">{t('common.loading')}</p>
      </div>
    );
  }
  const unitName = trend?.unit.name ?? t('common.aUnit');
  // After the period, which heads each row; also each cell's label where rows stack (phones).
  const columns = [
    t('history.production'),
    t('history.reported'),
    t('history.gap'),
    t('history.flags'),
    t('history.warning'),
    t('history.secondReview'),
  ];

  return (
    <div className="unit-history" data-testid="unit-history">
      <Panel heading={t('history.heading', { unit: unitName })}>
        <p className="muted">{t('history.intro')}</p>
        {choices.length === 0 || unitId === null ? (
          <p>{t('history.noUnit')}</p>
        ) : (
          <p>
            <label htmlFor={fieldId}>{t('history.unit')}</label>{' '}
            <Select
              id={fieldId}
              data-testid="history-unit"
              value={unitId}
              options={choices.map((c) => ({ value: c.id, label: c.name }))}
              onChange={showHistory}
            />
          </p>
        )}
        {trend?.streak && (
          <p className="unit-history__streak" data-testid="history-streak">
            <StreakText streak={trend.streak} />
          </p>
        )}
        {trend && trend.points.length > 0 && (
          <>
            <UnitTrendChart trend={trend} />
            <div className="table-scroll" tabIndex={0}>
              <table className="figures figures--stacked" data-testid="history-table">
                <caption>{t('history.tableCaption', { unit: unitName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('history.period')}</th>
                    {columns.map((label) => (
                      <th scope="col" key={label}>
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {trend.points.map((p) => (
                    <tr key={p.sessionId} data-under={p.isUnderThreshold}>
                      <th scope="row">{p.period}</th>
                      <td data-label={columns[0]}>
                        {p.isUnderThreshold && <span aria-hidden="true">⚠ </span>}
                        {format.percent(p.production)}
                        {p.isUnderThreshold && <span className="fulfilment__note"> {t('report.belowThreshold')}</span>}
                      </td>
                      <td data-label={columns[1]}>{format.percent(p.reportedProduction)}</td>
                      <td data-label={columns[2]}>{format.percent(p.reportingGap)}</td>
                      <td data-label={columns[3]}>
                        {p.flags.length === 0
                          ? '—'
                          : p.flags.map((kind) => t(`labels.flag.${kind as FlagKind}`)).join(', ')}
                      </td>
                      <td data-label={columns[4]}>{p.isWarned ? t('history.warned') : '—'}</td>
                      <td data-label={columns[5]}>
                        {p.secondReview === null ? '—' : t(`labels.warningStatus.${p.secondReview}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Panel>
      <Panel heading={t('history.warningsHeading')} headingId={warningsHeadingId} testId="history-warnings">
        <div className="table-scroll" tabIndex={0}>
          {/* Named by the panel's heading: a caption of the same words was read out twice. */}
          <table className="figures" aria-labelledby={warningsHeadingId}>
            <thead>
              <tr>
                <th scope="col">{t('history.period')}</th>
                <th scope="col">{t('history.issued')}</th>
                <th scope="col">{t('history.carried')}</th>
                <th scope="col">{t('history.lifted')}</th>
                <th scope="col">{t('history.escalated')}</th>
                <th scope="col">{t('history.waived')}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.map((w) => (
                <tr key={w.sessionId}>
                  <th scope="row">{w.period}</th>
                  <td>{format.figure(w.issued)}</td>
                  <td>{format.figure(w.carried)}</td>
                  <td>{format.figure(w.lifted)}</td>
                  <td>{format.figure(w.escalated)}</td>
                  <td>{format.figure(w.waived)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </div>
  );
}
