import { ChartFrame, labelColumnWidth, labelMeasure, rowLabel, useChartWidth } from './ChartFrame';

/** One bar: a label and a share (e.g. fulfilment), or null when there is no figure. */
export interface BarChartRow {
  id: string;
  label: string;
  value: number | null;
  /** Under the threshold: hatched and marked with a sign, not told by colour alone. */
  isBelow: boolean;
}

interface BarChartProps {
  rows: BarChartRow[];
  title: string;
  description: string;
  /** A vertical line across every bar, e.g. the warning threshold. */
  threshold?: { value: number; label: string };
  formatValue: (value: number) => string;
  /** Shown instead of a value for a row without one. */
  noValue: string;
}

/** Room between a label's end and its bar. */
const labelGap = 8;
/** The most of the drawing's width the labels take: the rest is the bars'. */
const labelShare = 0.45;
const valueWidth = 70;
const barHeight = 20;
const rowGap = 8;
const top = 26;
/** A name's own line above its bar, where names stand above the bars (13 px type). */
const nameLineHeight = 18;

/**
 * Horizontal bars of shares with an optional threshold line, as an SVG with a title and a
 * description; every bar carries its value in text, and rows under the threshold are hatched
 * and marked. Pair it with a table of the same numbers.
 *
 * Names stand beside their bars where the name column (as wide as the longest name, at most
 * {@link labelShare} of the drawing) holds them whole; where it does not (a phone), each name
 * takes a line of its own above its bar, the drawing's full width, and the bars the full width
 * below: beside them long names were cut, and two lines of them left the bars too short.
 */
export function BarChart({ rows, title, description, threshold, formatValue, noValue }: BarChartProps) {
  const [figureRef, width] = useChartWidth();
  const measure = labelMeasure();
  const labelled = rows.map((row) => ({ label: row.label, isFlagged: row.isBelow }));
  const columnMax = width * labelShare;
  const isStacked = labelColumnWidth(labelled, labelGap, Infinity, measure) > columnMax;
  // As wide as the longest name, so that a wide panel shows names whole.
  const labelWidth = isStacked ? 0 : labelColumnWidth(labelled, labelGap, columnMax, measure);
  const nameWidth = isStacked ? width : labelWidth - labelGap;
  const nameHeight = isStacked ? nameLineHeight : 0;
  const rowHeight = nameHeight + barHeight + rowGap;
  const max = Math.max(1, threshold?.value ?? 0, ...rows.map((r) => r.value ?? 0)) * 1.05;
  const barsWidth = width - labelWidth - valueWidth;
  const x = (value: number) => labelWidth + (Math.max(0, value) / max) * barsWidth;
  const height = top + rows.length * rowHeight + 4;
  /** The top of row `index`'s bar. */
  const barTop = (index: number) => top + index * rowHeight + nameHeight;

  return (
    <ChartFrame
      block="bar-chart"
      hatchBackground="bar-chart__below-bg"
      width={width}
      height={height}
      figureRef={figureRef}
      title={title}
      description={description}
    >
      {(hatch, ground) => (
        <>
          {rows.map((row, index) => {
            const y = barTop(index);
            return (
              <g key={row.id}>
                <text
                  x={0}
                  y={isStacked ? y - 5 : y + barHeight - 5}
                  className="bar-chart__label"
                  // Above the bars, the threshold line crosses the names: set on the page's background.
                  filter={isStacked ? ground : undefined}
                >
                  {rowLabel(row.label, row.isBelow, nameWidth, measure)}
                </text>
                {row.value !== null && (
                  <rect
                    x={labelWidth}
                    y={y}
                    width={x(row.value) - labelWidth}
                    height={barHeight}
                    className={row.isBelow ? 'bar-chart__bar bar-chart__bar--below' : 'bar-chart__bar'}
                    fill={row.isBelow ? hatch : undefined}
                  />
                )}
              </g>
            );
          })}
          {threshold && (
            <g className="bar-chart__threshold">
              <line x1={x(threshold.value)} x2={x(threshold.value)} y1={top - 6} y2={height} />
              <text x={x(threshold.value)} y={top - 10} textAnchor="middle">
                {threshold.label}
              </text>
            </g>
          )}
          {/* The values last, on their own background: the threshold line passes beneath them. */}
          {rows.map((row, index) => (
            <text
              key={row.id}
              x={row.value === null ? labelWidth : x(row.value) + 4}
              y={barTop(index) + barHeight - 5}
              className="bar-chart__value"
              filter={ground}
            >
              {row.value === null ? noValue : formatValue(row.value)}
            </text>
          ))}
        </>
      )}
    </ChartFrame>
  );
}
