import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { useFormat } from '../../lib/useFormat';
import { FulfilmentBarChart } from './FulfilmentBarChart';
import { dashboardSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Panel } from '../../components/Panel';

/** The units ranked by production fulfilment against the warning threshold. */
export function Ranking() {
  const { t } = useTranslation();
  const format = useFormat();
  const ranked = useSessionState(dashboardSelectors.ranking);
  const threshold = useSessionStore((s) => dashboardSelectors.threshold(s.session));

  return (
    <Panel heading={t('dashboard.ranking.heading')} testId="ranking">
      {ranked.length === 0 ? (
        <p className="muted">{t('dashboard.noReports')}</p>
      ) : (
        <>
          <FulfilmentBarChart
            title={t('dashboard.ranking.heading')}
            description={t('dashboard.ranking.description', {
              count: ranked.length,
              under: ranked.filter((s) => s.isUnderThreshold).length,
              threshold: format.percent(threshold),
            })}
            rows={ranked.map((s) => ({
              id: s.unit.id,
              label: s.unit.name,
              value: s.production,
              isBelow: s.isUnderThreshold,
            }))}
            threshold={threshold}
          />
          <div className="table-scroll" tabIndex={0}>
            <table className="figures">
              <caption className="visually-hidden">{t('dashboard.ranking.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.ranking.rank')}</th>
                  <th scope="col">{t('dashboard.ranking.unit')}</th>
                  <th scope="col">{t('labels.dimension.ownership')}</th>
                  <th scope="col">{t('dashboard.ranking.production')}</th>
                  <th scope="col">{t('dashboard.ranking.claimed')}</th>
                  <th scope="col">{t('dashboard.ranking.overall')}</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((s, index) => (
                  <tr key={s.unit.id} data-below={s.isUnderThreshold}>
                    <td>{format.figure(index + 1)}</td>
                    <th scope="row">{s.unit.name}</th>
                    <td>{t(`labels.ownership.${s.unit.ownership}`)}</td>
                    <td>
                      {s.isUnderThreshold && <FlagIcon />}
                      {format.percent(s.production)}
                      {s.isUnderThreshold && <span className="fulfilment__note"> {t('report.belowThreshold')}</span>}
                    </td>
                    <td>{format.percent(s.reportedProduction)}</td>
                    <td>{format.percent(s.overall)}</td>
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
