import { useTranslation } from 'react-i18next';
import { trendSelectors, useSessionState } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { useTrends } from './trendsApi';
import { StreakText, UnitTrendChart } from './UnitTrendChart';

interface UnitTrendLineProps {
  unitId: string;
  /** The unit's production fulfilment quarter by quarter as a chart, when there are two quarters or more. */
  showChart: boolean;
}

/**
 * Under a unit's figures: its streak under the threshold when it is the second quarter in a row
 * or more, its trend chart, and the way to its history. Loaded with the first figures that show it.
 */
export default function UnitTrendLine({ unitId, showChart }: UnitTrendLineProps) {
  const { t } = useTranslation();
  const trends = useTrends();
  const trend = useSessionState(trendSelectors.unitTrend, unitId, trends.state === 'loaded' ? trends.data : null);
  const showHistory = useUiStore((s) => s.showHistory);
  if (trend === null) return null;
  return (
    <div className="unit-trend" data-testid="unit-trend">
      {trend.streak !== null && trend.streak.quarters >= 2 && (
        <p className="unit-history__streak" data-testid="unit-streak">
          <StreakText streak={trend.streak} />
        </p>
      )}
      {showChart && trend.points.length >= 2 && <UnitTrendChart trend={trend} />}
      <button type="button" className="button button--small" onClick={() => showHistory(unitId)}>
        {t('history.openFor', { unit: trend.unit.name })}
      </button>
    </div>
  );
}
