import { ChartFrame } from './ChartFrame';
import { useElementWidth } from './useElementWidth';

/** One period of the line: its label and share (e.g. fulfilment), or null when there is no figure. */
export interface TrendChartPoint {
  id: string;
  label: string;
  value: number | null;
  /** Under the threshold: a hatched, larger mark and a sign, not told by colour alone. */
  isBelow: boolean;
}

interface TrendChartProps {
  points: TrendChartPoint[];
  title: string;
  description: string;
  /** A horizontal line across the periods, e.g. the warning threshold. */
  threshold?: { value: number; label: string };
  formatValue: (value: number) => string;
  /** Shown at a period without a figure. */
  noValue: string;
}

/** The widest drawing; a narrower figure lays it out anew, so its 13 px text stays 13 px. */
const fullWidth = 640;
const minWidth = 300;
const height = 200;
const top = 28;
const bottom = 28;
const side = 36;
/** Room right of the last period for the threshold's label, so that no value covers it. */
const labelRoom = 104;

/**
 * A share across periods as a line, oldest period left, with an optional threshold line, as an
 * SVG with a title and a description. Every point carries its value in text; points under the
 * threshold are hatched, larger and marked with a sign; a period without a figure breaks the line.
 * Pair it with a table of the same numbers.
 */
export function TrendChart({ points, title, description, threshold, formatValue, noValue }: TrendChartProps) {
  const [figureRef, figureWidth] = useElementWidth<HTMLElement>(fullWidth);
  const width = Math.round(Math.min(fullWidth, Math.max(minWidth, figureWidth)));
  const max = Math.max(1, threshold?.value ?? 0, ...points.map((p) => p.value ?? 0)) * 1.1;
  const right = width - labelRoom;
  const step = points.length > 1 ? (right - 2 * side) / (points.length - 1) : 0;
  const x = (index: number) => (points.length > 1 ? side + index * step : right / 2);
  const y = (value: number) => top + (1 - Math.max(0, value) / max) * (height - top - bottom);
  // A value's text sits above its point, or below it where the threshold line would cross it
  // (a point just under the threshold): its glyphs reach 11 units above the baseline, 3 below.
  const valueY = (value: number) => {
    const above = y(value) - 12;
    if (!threshold) return above;
    const line = y(threshold.value);
    return above - 11 <= line + 1 && above + 3 >= line - 1 ? y(value) + 22 : above;
  };
  // Runs of consecutive periods with a figure, each drawn as one line.
  const runs: { x: number; y: number }[][] = [[]];
  points.forEach((point, index) => {
    if (point.value === null) runs.push([]);
    else runs.at(-1)!.push({ x: x(index), y: y(point.value) });
  });

  return (
    <ChartFrame
      block="trend-chart"
      hatchBackground="trend-chart__below-bg"
      width={width}
      height={height}
      title={title}
      description={description}
      figureRef={figureRef}
    >
      {(hatch) => (
        <>
          {threshold && (
            <g className="trend-chart__threshold">
              <line x1={side / 2} x2={right} y1={y(threshold.value)} y2={y(threshold.value)} />
              <text x={width - 4} y={y(threshold.value) + 4} textAnchor="end">
                {threshold.label}
              </text>
            </g>
          )}
          {runs
            .filter((run) => run.length > 1)
            .map((run, index) => (
              <polyline key={index} className="trend-chart__line" points={run.map((p) => `${p.x},${p.y}`).join(' ')} />
            ))}
          {points.map((point, index) => (
            <g key={point.id} className="trend-chart__point">
              {point.value === null ? (
                <text x={x(index)} y={height - bottom - 6} textAnchor="middle" className="trend-chart__value">
                  {noValue}
                </text>
              ) : (
                <>
                  <circle
                    cx={x(index)}
                    cy={y(point.value)}
                    r={point.isBelow ? 7 : 5}
                    className={point.isBelow ? 'trend-chart__dot trend-chart__dot--below' : 'trend-chart__dot'}
                    fill={point.isBelow ? hatch : undefined}
                  />
                  <text x={x(index)} y={valueY(point.value)} textAnchor="middle" className="trend-chart__value">
                    {point.isBelow ? `⚠ ${formatValue(point.value)}` : formatValue(point.value)}
                  </text>
                </>
              )}
              <text x={x(index)} y={height - 8} textAnchor="middle" className="trend-chart__label">
                {point.label}
              </text>
            </g>
          ))}
        </>
      )}
    </ChartFrame>
  );
}
