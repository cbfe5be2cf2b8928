import { useId } from 'react';

/** One indicator of the chart: its three figures in its own unit of measure. */
export interface FiguresChartRow {
  id: string;
  label: string;
  planned: number;
  reported: number;
  verified: number | null;
  /** Marked with a warning sign (a flag fired on it, or it is under the threshold). */
  isFlagged: boolean;
  /** The value at which this row reaches the warning threshold, if it applies. */
  thresholdValue: number | null;
}

interface FiguresChartProps {
  rows: FiguresChartRow[];
  title: string;
  description: string;
  /** Words for the legend and the bar labels, in the current language. */
  words: { planned: string; reported: string; verified: string; threshold: string };
  formatValue: (row: FiguresChartRow, value: number) => string;
}

const width = 640;
const labelWidth = 190;
const valueWidth = 120;
const barHeight = 13;
const barGap = 3;
const rowGap = 14;
const barsWidth = width - labelWidth - valueWidth;

function shorten(text: string, max = 26): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Planned, reported and verified figures per indicator as horizontal bars, each indicator on
 * its own scale (they are in different units). Every bar carries its value in text and the
 * series differ by pattern as well as colour; the SVG has a title and a description, and the
 * figures table beside it holds the same numbers.
 */
export function FiguresChart({ rows, title, description, words, formatValue }: FiguresChartProps) {
  const id = useId();
  const series = (row: FiguresChartRow) =>
    [
      { key: 'planned', label: words.planned, value: row.planned },
      { key: 'reported', label: words.reported, value: row.reported },
      ...(row.verified === null ? [] : [{ key: 'verified', label: words.verified, value: row.verified }]),
    ] as const;
  const rowHeights = rows.map((row) => series(row).length * (barHeight + barGap) + rowGap);
  const legendHeight = 28;
  const height = legendHeight + rowHeights.reduce((a, b) => a + b, 0);

  // Each row starts where the rows above it end.
  const rowTops = rowHeights.map((_, index) => legendHeight + rowHeights.slice(0, index).reduce((a, b) => a + b, 0));
  return (
    <figure className="figures-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="figures-chart__svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="figures-chart__verified-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="figures-chart__hatch" strokeWidth="3" />
          </pattern>
        </defs>
        <g className="figures-chart__legend" aria-hidden="true">
          <rect x={labelWidth} y={6} width={14} height={12} className="figures-chart__bar--planned" />
          <text x={labelWidth + 20} y={16}>
            {words.planned}
          </text>
          <rect x={labelWidth + 110} y={6} width={14} height={12} className="figures-chart__bar--reported" />
          <text x={labelWidth + 130} y={16}>
            {words.reported}
          </text>
          <rect x={labelWidth + 230} y={6} width={14} height={12} fill={`url(#${id}-hatch)`} />
          <text x={labelWidth + 250} y={16}>
            {words.verified}
          </text>
          <line x1={labelWidth + 345} x2={labelWidth + 345} y1={4} y2={20} className="figures-chart__threshold" />
          <text x={labelWidth + 352} y={16}>
            {words.threshold}
          </text>
        </g>
        {rows.map((row, index) => {
          const bars = series(row);
          // A ceiling's threshold lies above its plan, so it may be the longest mark of the row.
          const max = Math.max(...bars.map((b) => Math.abs(b.value)), row.thresholdValue ?? 0, 1e-9);
          const scale = (value: number) => (Math.max(0, value) / max) * (barsWidth - 10);
          const top = rowTops[index] ?? legendHeight;
          return (
            <g key={row.id} className="figures-chart__row">
              <text x={0} y={top + barHeight} className="figures-chart__label">
                {row.isFlagged ? `⚠ ${shorten(row.label, 24)}` : shorten(row.label)}
              </text>
              {row.thresholdValue !== null && (
                <line
                  x1={labelWidth + scale(row.thresholdValue)}
                  x2={labelWidth + scale(row.thresholdValue)}
                  y1={top - 2}
                  y2={top + bars.length * (barHeight + barGap)}
                  className="figures-chart__threshold"
                />
              )}
              {bars.map((bar, b) => {
                const barTop = top + b * (barHeight + barGap);
                return (
                  <g key={bar.key}>
                    <rect
                      x={labelWidth}
                      y={barTop}
                      width={scale(bar.value)}
                      height={barHeight}
                      className={`figures-chart__bar--${bar.key}`}
                      fill={bar.key === 'verified' ? `url(#${id}-hatch)` : undefined}
                    >
                      <title>{`${row.label}, ${bar.label}: ${formatValue(row, bar.value)}`}</title>
                    </rect>
                    <text
                      x={labelWidth + scale(bar.value) + 4}
                      y={barTop + barHeight - 2}
                      className="figures-chart__value"
                    >
                      {formatValue(row, bar.value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
