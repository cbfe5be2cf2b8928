import { overallFulfilment, productionFulfilment, type IndicatorState } from '@plenum/shared';
import { lazy, memo, Suspense, useId, useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresChart, type FiguresChartRow } from '../../components/FiguresChart';
import { FlagIcon } from '../../components/FlagIcon';
import { useFormat } from '../../lib/useFormat';
import { reportSelectors, sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { DirectionTag } from './DirectionTag';
import { FlagList } from './FlagList';
import { flagShare, flagTitle } from './flagText';
import { FulfilmentValue } from './FulfilmentValue';
import { withWords } from '../../i18n';
import { uiSelectors } from '../../stores/ui';
import './ReportFigures.css';

// The quarters before are read over REST, and drawn, only where a role has the history view.
const UnitTrendLine = lazy(() => withWords(['records'], import('../trends/UnitTrendLine')));

interface ReportFiguresProps {
  unitId: string;
  size?: 'normal' | 'large';
  /** Planned vs reported vs verified as bars above the table. */
  showChart?: boolean;
  /** The flags and their reasons under the table. */
  showFlags?: boolean;
  /** The inspectors' findings and evidence under the table. */
  showFindings?: boolean;
  /** Only the key figures, without the table (the big screen). */
  keyFiguresOnly?: boolean;
}

/**
 * A unit's plan and results: planned, reported, verified and fulfilment per indicator, with its
 * flags. Memoised: it renders again when its unit's data changes, not with the floor around it.
 */
export const ReportFigures = memo(function ReportFigures(props: ReportFiguresProps) {
  const { unitId, size = 'normal', showChart = false, showFlags = false, showFindings = false } = props;
  const { keyFiguresOnly = false } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const report = useSessionStore((s) => sessionSelectors.reportOf(s.session, unitId));
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, unitId)) ?? t('common.aUnit');
  const threshold = useSessionStore((s) => s.session.definition?.thresholds.warningBelow ?? null);
  const flags = useSessionState(reportSelectors.flagsOf, unitId);
  const hasHistory = useSessionStore((s) => s.you !== null && uiSelectors.viewsFor(s.you.role).includes('history'));
  const rows = useMemo(() => (report ? reportSelectors.rowsOf(report, flags) : []), [report, flags]);

  if (!report) {
    return (
      <section className="panel report" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel__heading">
          {t('report.heading')}
        </h2>
        <p className="muted">{t('report.notSubmitted', { unit: unitName })}</p>
      </section>
    );
  }

  const overall = overallFulfilment(report.indicators);
  const production = productionFulfilment(report.indicators);
  const hasVerified = report.indicators.some((i) => i.verified !== null);
  // Only the production indicator decides warnings, so only it is held against the threshold.
  const thresholdFor = (indicator: IndicatorState) => (indicator.isProduction ? threshold : null);
  const withMeasure = (value: number, measure: string) => `${format.figure(value)} ${measure}`;
  // The columns of figures beside the indicator's name, for the narrow layout (ReportFigures.css).
  const figureColumns = { '--figure-columns': hasVerified ? 5 : 3 } as CSSProperties;
  // Each figure's cell carries its column's name too, shown beside it where the table is
  // narrower than its header row (ReportFigures.css).
  const columns = {
    planned: t('report.planned'),
    reported: t('report.reported'),
    verified: t('report.verified'),
    gap: t('report.gap'),
    fulfilment: t('report.fulfilment'),
  };

  const chartRows: FiguresChartRow[] = rows.map((row) => ({
    id: row.indicator.id,
    label: `${row.indicator.name} (${row.indicator.measure})`,
    planned: row.indicator.planned,
    reported: row.indicator.reported,
    verified: row.indicator.verified,
    isFlagged:
      row.flags.length > 0 ||
      (row.indicator.isProduction && threshold !== null && row.fulfilment !== null && row.fulfilment < threshold),
    thresholdValue: row.indicator.isProduction ? reportSelectors.thresholdValue(row.indicator, threshold) : null,
  }));
  const reportWideFlags = flags.filter((f) => f.indicatorId === null);
  const findings = report.indicators.filter((i) => i.finding !== null);

  return (
    <section className={`panel report report--${size}`} aria-labelledby={headingId} data-testid="report-figures">
      <h2 id={headingId} className="panel__heading">
        {t('report.headingOf', { unit: unitName })}
      </h2>
      <dl className="key-figures">
        <div>
          <dt>{t('report.overall')}</dt>
          <dd>
            <FulfilmentValue value={overall} threshold={null} />
          </dd>
        </div>
        {production !== null && (
          <div>
            <dt>{t('report.production')}</dt>
            <dd>
              <FulfilmentValue value={production} threshold={threshold} />
            </dd>
          </div>
        )}
        {threshold !== null && (
          <div>
            <dt>{t('report.threshold')}</dt>
            <dd className="key-figures__minor">{format.percent(threshold)}</dd>
          </div>
        )}
        {flags.length > 0 && !keyFiguresOnly && (
          <div>
            <dt>{t('report.flags.short')}</dt>
            <dd className="key-figures__minor">
              <FlagIcon /> {format.figure(flags.length)}
            </dd>
          </div>
        )}
      </dl>
      {hasHistory && !keyFiguresOnly && (
        <Suspense fallback={null}>
          <UnitTrendLine unitId={unitId} showChart={showChart} />
        </Suspense>
      )}
      {keyFiguresOnly && flags.length > 0 && (
        // The room cannot open the list: each flag is named, with the indicator it fired on.
        <ul className="key-flags" data-testid="key-flags">
          {flags.map((flag, index) => {
            const indicator = report.indicators.find((i) => i.id === flag.indicatorId);
            return (
              <li key={`${flag.kind}-${flag.indicatorId ?? 'all'}-${index}`} data-kind={flag.kind}>
                <FlagIcon /> {flagTitle(t, flag)}
                {indicator && <span className="muted">: {indicator.name}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {showChart && (
        <FiguresChart
          rows={chartRows}
          title={t('report.chart.title', { unit: unitName })}
          description={t('report.chart.description', { count: rows.length })}
          words={{
            planned: columns.planned,
            reported: columns.reported,
            verified: columns.verified,
            threshold: t('report.chart.threshold', { threshold: format.percent(threshold) }),
          }}
          formatValue={(_row, value) => format.figure(value)}
        />
      )}
      {!keyFiguresOnly && (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures" style={figureColumns}>
            <caption className="visually-hidden">{t('report.tableCaption', { unit: unitName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.indicator')}</th>
                <th scope="col">{columns.planned}</th>
                <th scope="col">{columns.reported}</th>
                {hasVerified && <th scope="col">{columns.verified}</th>}
                {hasVerified && <th scope="col">{columns.gap}</th>}
                <th scope="col">{columns.fulfilment}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ indicator, fulfilment, gap, flags: rowFlags }) => (
                <tr key={indicator.id} data-flagged={rowFlags.length > 0}>
                  <th scope="row">
                    {rowFlags.length > 0 && (
                      <>
                        <FlagIcon />
                        <span className="visually-hidden">
                          {t('report.flags.rowNote', { count: rowFlags.length })}{' '}
                        </span>
                      </>
                    )}
                    {indicator.name}
                    {indicator.isProduction && <span className="tag">{t('report.productionTag')}</span>}
                    <DirectionTag indicator={indicator} />
                  </th>
                  <td data-label={columns.planned}>{withMeasure(indicator.planned, indicator.measure)}</td>
                  <td data-label={columns.reported}>{withMeasure(indicator.reported, indicator.measure)}</td>
                  {hasVerified && (
                    <td data-label={columns.verified}>
                      {indicator.verified === null ? '—' : withMeasure(indicator.verified, indicator.measure)}
                    </td>
                  )}
                  {hasVerified && (
                    <td data-label={columns.gap} className={gap !== null && gap > 0 ? 'gap--over' : undefined}>
                      {gap === null ? '—' : withMeasure(gap, indicator.measure)}
                    </td>
                  )}
                  <td data-label={columns.fulfilment}>
                    <FulfilmentValue value={fulfilment} threshold={thresholdFor(indicator)} />
                    {rowFlags
                      .filter((flag) => flag.kind === 'revised-after-notice')
                      .map((flag, index) => (
                        <span key={index} className="fulfilment__note" data-testid="revision">
                          {t('report.revisedAfterNotice', {
                            from: format.percent(flagShare(flag, 'from')),
                            to: format.percent(flagShare(flag, 'to')),
                          })}
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {showFlags && <FlagList flags={flags} report={report} />}
      {!showFlags && !keyFiguresOnly && reportWideFlags.length > 0 && (
        <p className="muted">
          <FlagIcon /> {t('report.flags.seeList', { count: flags.length })}
        </p>
      )}
      {showFindings && findings.length > 0 && (
        <div className="findings">
          <h3 className="flags__heading">{t('report.findings')}</h3>
          <ul>
            {findings.map((indicator) => (
              <li key={indicator.id}>
                <strong>{indicator.name}</strong>: {indicator.finding}
                {indicator.evidence && (
                  <span className="muted"> {t('report.evidence', { evidence: indicator.evidence })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.note && !keyFiguresOnly && <p className="report__note">{report.note}</p>}
    </section>
  );
});
