import type { Streak, UnitTrend } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { TrendChart } from '../../components/TrendChart';
import { useFormat } from '../../lib/useFormat';

/**
 * "3rd quarter in a row under 70% (2026-Q1 to 2026-Q3).", the words the minutes use; a streak of
 * one quarter only says the unit is under the threshold now.
 */
export function StreakText({ streak }: { streak: Streak }) {
  const { t } = useTranslation();
  const format = useFormat();
  const threshold = format.percent(streak.threshold);
  return (
    <>
      {streak.quarters === 1
        ? t('history.underNow', { threshold, period: streak.to })
        : t('history.streak', { count: streak.quarters, ordinal: true, threshold, from: streak.from, to: streak.to })}
    </>
  );
}

/** A unit's production fulfilment quarter by quarter, against the latest quarter's threshold. */
export function UnitTrendChart({ trend }: { trend: UnitTrend }) {
  const { t } = useTranslation();
  const format = useFormat();
  const threshold = trend.points.at(-1)?.threshold;
  return (
    <TrendChart
      points={trend.points.map((p) => ({
        id: p.sessionId,
        label: p.period,
        value: p.production,
        isBelow: p.isUnderThreshold,
      }))}
      title={t('history.chartTitle', { unit: trend.unit.name })}
      description={t('history.chartDescription', { count: trend.points.length })}
      threshold={
        threshold === undefined
          ? undefined
          : { value: threshold, label: t('history.threshold', { threshold: format.percent(threshold) }) }
      }
      formatValue={(value) => format.percent(value)}
      noValue={t('history.noFigure')}
    />
  );
}
