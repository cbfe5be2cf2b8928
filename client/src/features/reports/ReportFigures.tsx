import { fulfilment, overallFulfilment, productionFulfilment, type IndicatorState } from '@plenum/shared';
import { useId } from 'react';
import { formatFigure, formatPercent } from '../../lib/format';
import { sessionSelectors, useSessionStore } from '../../stores/session';

interface ReportFiguresProps {
  unitId: string;
  size?: 'normal' | 'large';
}

function FulfilmentValue({ value, threshold }: { value: number | null; threshold: number | null }) {
  const isBelow = value !== null && threshold !== null && value < threshold;
  return (
    <span className={isBelow ? 'fulfilment fulfilment--below' : 'fulfilment'}>
      {formatPercent(value)}
      {isBelow && <span className="fulfilment__note"> below threshold</span>}
    </span>
  );
}

/** A unit's plan and results: planned, reported, verified and fulfilment per indicator. */
export function ReportFigures({ unitId, size = 'normal' }: ReportFiguresProps) {
  const headingId = useId();
  const report = useSessionStore((s) => sessionSelectors.reportOf(s.session, unitId));
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, unitId)) ?? 'this unit';
  const threshold = useSessionStore((s) => s.session.definition?.thresholds.warningBelow ?? null);

  if (!report) {
    return (
      <section className="panel report" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel__heading">
          Plan and results
        </h2>
        <p className="muted">{unitName} has not submitted its report yet.</p>
      </section>
    );
  }

  const overall = overallFulfilment(report.indicators);
  const production = productionFulfilment(report.indicators);
  const hasVerified = report.indicators.some((i) => i.verified !== null);
  // Only the production indicator decides warnings, so only it is held against the threshold.
  const thresholdFor = (indicator: IndicatorState) => (indicator.isProduction ? threshold : null);

  return (
    <section className={`panel report report--${size}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        Plan and results of {unitName}
      </h2>
      <dl className="key-figures">
        <div>
          <dt>Overall fulfilment</dt>
          <dd>
            <FulfilmentValue value={overall} threshold={null} />
          </dd>
        </div>
        {production !== null && (
          <div>
            <dt>Production fulfilment</dt>
            <dd>
              <FulfilmentValue value={production} threshold={threshold} />
            </dd>
          </div>
        )}
      </dl>
      <div className="table-scroll">
        <table className="figures">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Planned</th>
              <th scope="col">Reported</th>
              {hasVerified && <th scope="col">Verified</th>}
              <th scope="col">Fulfilment</th>
            </tr>
          </thead>
          <tbody>
            {report.indicators.map((indicator) => (
              <tr key={indicator.id}>
                <th scope="row">
                  {indicator.name}
                  {indicator.isProduction && <span className="tag">production</span>}
                </th>
                <td>
                  {formatFigure(indicator.planned)} {indicator.measure}
                </td>
                <td>
                  {formatFigure(indicator.reported)} {indicator.measure}
                </td>
                {hasVerified && (
                  <td>
                    {indicator.verified === null ? '—' : `${formatFigure(indicator.verified)} ${indicator.measure}`}
                  </td>
                )}
                <td>
                  <FulfilmentValue value={fulfilment(indicator)} threshold={thresholdFor(indicator)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.note && <p className="report__note">{report.note}</p>}
    </section>
  );
}
