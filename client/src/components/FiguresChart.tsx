import { ChartFrame, labelMeasure, useChartWidth, wrappedRowLabel, type MeasureText } from './ChartFrame';

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

const barHeight = 13;
const barGap = 3;
/** From one line of a label to the next: a row has at least two bars, room for two lines. */
const labelLine = 15;
const rowGap = 14;
/** Room between a label's end and its bars. */
const labelGap = 8;
const legendLine = 22;
const legendKeys = ['planned', 'reported', 'verified', 'threshold'] as const;

/**
 * The chart's geometry for a drawing `width` units wide. The drawing is as wide as the figure
 * on screen (one unit = one CSS pixel), so its 13 px text stays 13 px on a phone instead of
 * shrinking with a fixed 640-unit drawing.
 */
function layoutFor(width: number, words: FiguresChartProps['words'], measure: MeasureText) {
  const labelWidth = Math.round(Math.min(190, width * 0.36));
  const valueWidth = Math.round(Math.min(120, width * 0.24));
  // Legend entries run after the label column when there is room, else from the left edge,
  // and wrap onto a new line where the next one would not fit.
  const legendStart = legendKeys.length * 110 + labelWidth <= width ? labelWidth : 0;
  let x = legendStart;
  let line = 0;
  const legend = {} as Record<keyof FiguresChartProps['words'], { x: number; y: number }>;
  for (const key of legendKeys) {
    // Measured, not counted: a Hangul syllable is nearly twice as wide as a Latin letter.
    const entryWidth = 20 + measure(words[key]) + 16;
    if (x > legendStart && x + entryWidth > width) {
      x = legendStart;
      line += 1;
    }
    legend[key] = { x, y: 6 + line * legendLine };
    x += entryWidth;
  }
  return {
    labelWidth,
    barsWidth: width - labelWidth - valueWidth,
    legend,
    legendHeight: (line + 1) * legendLine + 6,
  };
}

/**
 * Planned, reported and verified figures per indicator as horizontal bars, each indicator on
 * its own scale (they are in different units). Every bar carries its value in text and the
 * series differ by pattern as well as colour; the SVG has a title and a description, and the
 * figures table beside it holds the same numbers.
 */
export function FiguresChart({ rows, title, description, words, formatValue }: FiguresChartProps) {
  const [figureRef, width] = useChartWidth();
  const measure = labelMeasure();
  const { labelWidth, barsWidth, legend, legendHeight } = layoutFor(width, words, measure);
  const { planned: plannedKey, reported: reportedKey, verified: verifiedKey, threshold: thresholdKey } = legend;
  const series = (row: FiguresChartRow) =>
    [
      { key: 'planned', label: words.planned, value: row.planned },
      { key: 'reported', label: words.reported, value: row.reported },
      ...(row.verified === null ? [] : [{ key: 'verified', label: words.verified, value: row.verified }]),
    ] as const;
  const rowHeights = rows.map((row) => series(row).length * (barHeight + barGap) + rowGap);
  const height = legendHeight + rowHeights.reduce((a, b) => a + b, 0);

  // Each row starts where the rows above it end.
  const rowTops = rowHeights.map((_, index) => legendHeight + rowHeights.slice(0, index).reduce((a, b) => a + b, 0));
  return (
    <ChartFrame
      block="figures-chart"
      hatchBackground="figures-chart__verified-bg"
      width={width}
      height={height}
      title={title}
      description={description}
      figureRef={figureRef}
    >
      {(hatch, ground) => (
        <>
          <g className="figures-chart__legend" aria-hidden="true">
            <rect x={plannedKey.x} y={plannedKey.y} width={14} height={12} className="figures-chart__bar--planned" />
            <text x={plannedKey.x + 20} y={plannedKey.y + 10}>
              {words.planned}
            </text>
            <rect x={reportedKey.x} y={reportedKey.y} width={14} height={12} className="figures-chart__bar--reported" />
            <text x={reportedKey.x + 20} y={reportedKey.y + 10}>
              {words.reported}
            </text>
            <rect x={verifiedKey.x} y={verifiedKey.y} width={14} height={12} fill={hatch} />
            <text x={verifiedKey.x + 20} y={verifiedKey.y + 10}>
              {words.verified}
            </text>
            <line
              x1={thresholdKey.x + 7}
              x2={thresholdKey.x + 7}
              y1={thresholdKey.y - 2}
              y2={thresholdKey.y + 14}
              className="figures-chart__threshold"
            />
            <text x={thresholdKey.x + 14} y={thresholdKey.y + 10}>
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
                  {wrappedRowLabel(row.label, row.isFlagged, labelWidth - labelGap, measure).map((line, l) => (
                    <tspan key={l} x={0} y={top + barHeight + l * labelLine}>
                      {line}
                    </tspan>
                  ))}
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
                        fill={bar.key === 'verified' ? hatch : undefined}
                      >
                        <title>{`${row.label}, ${bar.label}: ${formatValue(row, bar.value)}`}</title>
                      </rect>
                      <text
                        x={labelWidth + scale(bar.value) + 4}
                        y={barTop + barHeight - 2}
                        className="figures-chart__value"
                        filter={ground}
                      >
                        {formatValue(row, bar.value)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </>
      )}
    </ChartFrame>
  );
}
