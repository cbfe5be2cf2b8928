import { type ComparisonDimension } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { dashboardSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { useGroupName } from './useGroupName';
import { Panel } from '../../components/Panel';

/** Fulfilment over the periods loaded here, and production against the previous period. */
export function Trends({ dimension }: { dimension: ComparisonDimension }) {
  const { t } = useTranslation();
  const format = useFormat();
  const points = useSessionState(dashboardSelectors.trend, dimension);
  const changes = useSessionState(dashboardSelectors.periodChanges);
  const period = useSessionStore((s) => s.session.definition?.period);
  const groupName = useGroupName(dimension);
  const keys = [...new Set(points.flatMap((p) => p.groups.map((g) => g.key)))];
  const previousPeriod = useSessionStore((s) =>
    s.session.warningOrder.map((id) => s.session.warnings[id]?.period).find((p) => p !== undefined && p !== period),
  );

  return (
    <Panel heading={t('dashboard.trends.heading')} testId="trends">
      <p className="muted">{t('dashboard.trends.intro')}</p>
      {points.length > 0 && keys.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures">
            <caption>{t('dashboard.trends.byGroup', { dimension: t(`labels.dimension.${dimension}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`labels.dimension.${dimension}`)}</th>
                {points.map((p) => (
                  <th key={p.sessionId} scope="col">
                    {p.period}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key}>
                  <th scope="row">{groupName(key)}</th>
                  {points.map((p) => (
                    <td key={p.sessionId}>{format.percent(p.groups.find((g) => g.key === key)?.average ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changes.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures">
            <caption>
              {t('dashboard.trends.againstPrevious', { period: previousPeriod ?? t('dashboard.trends.previous') })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.ranking.unit')}</th>
                <th scope="col">{t('dashboard.trends.indicator')}</th>
                <th scope="col">{t('dashboard.trends.previous')}</th>
                <th scope="col">{period ?? t('dashboard.trends.now')}</th>
                <th scope="col">{t('dashboard.trends.change')}</th>
                <th scope="col">{t('dashboard.trends.warned')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.unit.id}>
                  <th scope="row">{c.unit.name}</th>
                  <td>{c.indicatorName}</td>
                  <td>
                    {format.figure(c.previous)} {c.measure}
                  </td>
                  <td>
                    {format.figure(c.achieved)} {c.measure}
                  </td>
                  <td>
                    <span aria-hidden="true">{c.change >= 0 ? '▲ ' : '▼ '}</span>
                    {format.percent(c.change)}
                  </td>
                  <td>
                    {c.warnedAt !== null
                      ? t('dashboard.trends.warnedAt', {
                          period: c.warnedPeriod,
                          fulfilment: format.percent(c.warnedAt),
                        })
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
