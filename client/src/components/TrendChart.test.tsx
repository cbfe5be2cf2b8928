import { render } from '@testing-library/react';
import { expect, test } from 'vitest';
import { TrendChart, type TrendChartPoint } from './TrendChart';

const point = (id: string, value: number, isBelow: boolean): TrendChartPoint => ({ id, label: id, value, isBelow });

test('a value just under the threshold is written below its point, clear of the threshold line; one far from it above', () => {
  const { container } = render(
    <TrendChart
      points={[point('2025-Q4', 0.595, true), point('2026-Q1', 0.3, true), point('2026-Q2', 0.733, false)]}
      title="Fulfilment"
      description="Fulfilment by quarter"
      threshold={{ value: 0.7, label: 'threshold 70%' }}
      formatValue={(value) => `${Math.round(value * 1000) / 10}%`}
      noValue="no figure"
    />,
  );
  const lineY = Number(container.querySelector('.trend-chart__threshold line')!.getAttribute('y1'));
  const points = [...container.querySelectorAll('.trend-chart__point')].map((g) => ({
    dotY: Number(g.querySelector('circle')!.getAttribute('cy')),
    textY: Number(g.querySelector('.trend-chart__value')!.getAttribute('y')),
  }));
  // A text's glyphs span 11 units above its baseline and 3 below: none of them spans the line.
  for (const { textY } of points)
    expect(textY - 11 > lineY + 1 || textY + 3 < lineY - 1, `${textY} vs ${lineY}`).toBe(true);
  const [nearLine, farBelow, above] = points;
  expect(nearLine!.textY).toBeGreaterThan(nearLine!.dotY);
  expect(farBelow!.textY).toBeLessThan(farBelow!.dotY);
  expect(above!.textY).toBeLessThan(above!.dotY);
});
