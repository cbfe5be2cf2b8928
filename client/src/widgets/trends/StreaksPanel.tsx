import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { trendSelectors, useSessionState } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { useTrends } from './trendsApi';
import { TrendsFailed } from './TrendsFailed';
import { StreakText, UnitTrendChart } from './UnitTrendChart';

/**
 * The dashboard's units under the threshold this quarter, the longest run first, each with the
 * way to its history, and its chart when it is the second quarter in a row or more.
 */
export function StreaksPanel() {
  const { t } = useTranslation();
  const trends = useTrends(true);
  const streaks = useSessionState(trendSelectors.streaks, trends.state === 'loaded' ? trends.data : null);
  const showHistory = useUiStore((s) => s.showHistory);

  return (
    <Panel heading={t('history.streaksHeading')} testId="streaks">
      {trends.state === 'failed' && <TrendsFailed error={trends.error} onRetry={trends.reload} />}
      {trends.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {trends.state === 'loaded' && streaks.length === 0 && <p className="muted">{t('history.noStreak')}</p>}
      {trends.state === 'loaded' && streaks.length > 0 && (
        <ul className="plain-list">
          {streaks.map((trend) => {
            const { unit, streak } = trend;
            return (
              <li key={unit.id} data-testid="streak">
                <strong>{unit.name}</strong>: <StreakText streak={streak!} />{' '}
                <button type="button" className="button button--small" onClick={() => showHistory(unit.id)}>
                  {t('history.openFor', { unit: unit.name })}
                </button>
                {/* A second quarter under the threshold or more: the run is drawn. */}
                {streak!.quarters >= 2 && <UnitTrendChart trend={trend} />}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
