import { useTranslation } from 'react-i18next';
import { BarChart, type BarChartRow } from '../../components/BarChart';
import { useFormat } from '../../lib/useFormat';

interface FulfilmentBarChartProps {
  title: string;
  description: string;
  rows: BarChartRow[];
  /** The warning threshold, drawn as a line across the bars. */
  threshold: number;
}

/** Fulfilment shares as bars against the warning threshold, as the dashboard draws them. */
export function FulfilmentBarChart({ title, description, rows, threshold }: FulfilmentBarChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <BarChart
      title={title}
      description={description}
      rows={rows}
      threshold={{
        value: threshold,
        label: t('dashboard.thresholdLine', { threshold: format.percent(threshold) }),
      }}
      formatValue={format.percent}
      noValue={t('dashboard.noFigure')}
    />
  );
}
