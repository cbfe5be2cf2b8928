import { fulfilmentBands, type ComparisonDimension } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { useFormat } from '../../lib/useFormat';
import { FulfilmentBarChart } from './FulfilmentBarChart';
import { dashboardSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { useGroupName } from './useGroupName';
import { Panel } from '../../components/Panel';

/** Fulfilment of the units grouped along a dimension, as bars and a table. */
export function Comparisons({ dimension }: { dimension: ComparisonDimension }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groups = useSessionState(dashboardSelectors.comparison, dimension);
  const threshold = useSessionStore((s) => dashboardSelectors.threshold(s.session));
  const groupName = useGroupName(dimension);
  const dimensionName = t(`labels.dimension.${dimension}`);

  return (
    <Panel heading={t('dashboard.comparison.heading', { dimension: dimensionName })} testId="comparison">
      {groups.length === 0 ? (
        <p className="muted">{t('dashboard.noReports')}</p>
      ) : (
        <>
          <FulfilmentBarChart
            title={t('dashboard.comparison.chartTitle', { dimension: dimensionName })}
            description={t('dashboard.comparison.chartDescription', {
              count: groups.length,
              threshold: format.percent(threshold),
            })}
            rows={groups.map((g) => ({
              id: g.key,
              label: groupName(g.key),
              value: g.average,
              isBelow: g.average !== null && g.average < threshold,
            }))}
            threshold={threshold}
          />
          <div className="table-scroll" tabIndex={0}>
            <table className="figures">
              <caption className="visually-hidden">
                {t('dashboard.comparison.chartTitle', { dimension: dimensionName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{dimensionName}</th>
                  <th scope="col">{t('dashboard.comparison.units')}</th>
                  <th scope="col">{t('dashboard.comparison.average')}</th>
                  <th scope="col">{t('dashboard.comparison.under')}</th>
                  {fulfilmentBands.map((band) => (
                    <th key={band} scope="col">
                      {t(`dashboard.band.${band}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{groupName(g.key)}</th>
                    <td>
                      {format.figure(g.counted)}
                      {g.counted !== g.units && <span className="muted"> / {format.figure(g.units)}</span>}
                    </td>
                    <td>
                      {g.average !== null && g.average < threshold && <FlagIcon />}
                      {format.percent(g.average)}
                    </td>
                    <td>
                      {format.figure(g.underThreshold)}{' '}
                      <span className="muted">({format.percent(g.shareUnderThreshold)})</span>
                    </td>
                    {fulfilmentBands.map((band) => (
                      <td key={band}>{format.figure(g.distribution[band])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Panel>
  );
}
