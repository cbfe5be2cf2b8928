import { figureGroups, formatValue, type Figure } from './report.js';

/** What the report reads of a run's JSON (`run.ts` writes more). */
export interface BenchRun {
  meta: { date: string; mode: string; commit: string | null; loadavgBefore?: number[] };
  figures: Figure[];
}

/** The run a JSON file holds, or null when it is not one (a first run, or a file of another shape). */
export function asBenchRun(json: unknown): BenchRun | null {
  if (typeof json !== 'object' || json === null) return null;
  const { meta, figures } = json as Partial<BenchRun>;
  if (typeof meta?.date !== 'string' || !Array.isArray(figures)) return null;
  return json as BenchRun;
}

/** The figures measured per room size: `seat.500` is the room of 500 on the chart `seat.N`. */
const roomSized = /^(seat|fanout|memory|paced)\.(\d+)(\..+)?$/;

/** The chart a room-sized figure belongs to and the room size it was measured at; null for other figures. */
export function roomPoint(id: string): { chart: string; size: number } | null {
  const m = roomSized.exec(id);
  return m ? { chart: `${m[1]}.N${m[3] ?? ''}`, size: Number(m[2]) } : null;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ratioText = (f: Figure | undefined) => (f?.ratio == null ? 'n/a' : `${f.ratio.toFixed(2)}×`);

function metMark(f: Figure | undefined): string {
  if (!f?.goal) return '';
  return f.goal.met ? '<span class="met">✔ met</span>' : '<span class="missed">✘ missed</span>';
}

/** This run's value against the previous run's, signed so that a gain reads `better` whichever way the figure points. */
function change(now: Figure, before: Figure | undefined): string {
  if (now.value === null || before?.value == null || before.value === 0) return '';
  const delta = (now.value - before.value) / Math.abs(before.value);
  const percent = `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} %`;
  if (Math.abs(delta) < 0.005) return `<span>${percent}</span>`;
  const better = now.higherIsBetter ? delta > 0 : delta < 0;
  return `<span class="${better ? 'better' : 'worse'}">${percent}</span>`;
}

interface Series {
  name: string;
  cls: string;
  values: Map<number, number | null>;
  /** Whether each point met its figure's goal (coloured points), where it has one. */
  met?: Map<number, boolean | null>;
}

const chartBox = { width: 560, height: 240, left: 64, right: 16, top: 14, bottom: 36 } as const;

/** Rounds up to 1, 2 or 5 times a power of ten, so the axis reads in round numbers. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

/** A line chart of `series` over the room sizes, sizes evenly spaced: inline SVG, no script. */
function lineChart(title: string, unit: string, sizes: number[], series: Series[]): string {
  const { width, height, left, right, top, bottom } = chartBox;
  const all = series.flatMap((s) => [...s.values.values()]).filter((v): v is number => v !== null);
  const yMax = niceCeiling(Math.max(0, ...all));
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (sizes.length === 1 ? plotW / 2 : (i / (sizes.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    parts.push(
      `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}"/>`,
      `<text class="tick" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${escapeHtml(formatValue(v))}</text>`,
    );
  }
  sizes.forEach((size, i) =>
    parts.push(
      `<text class="tick" x="${x(i)}" y="${height - bottom + 16}" text-anchor="middle">${size.toLocaleString('en-US')}</text>`,
    ),
  );
  parts.push(
    `<text class="axis" x="${left + plotW / 2}" y="${height - 4}" text-anchor="middle">room size (participants)</text>`,
    `<text class="axis" x="12" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${top + plotH / 2})">${escapeHtml(unit)}</text>`,
  );
  for (const s of series) {
    const points = sizes
      .map((size, i) => ({ i, size, v: s.values.get(size) ?? null }))
      .filter((p): p is { i: number; size: number; v: number } => p.v !== null);
    if (points.length > 1)
      parts.push(`<polyline class="${s.cls}" points="${points.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')}"/>`);
    for (const p of points) {
      const met = s.met?.get(p.size);
      const mark = met === true ? ' met' : met === false ? ' missed' : '';
      parts.push(
        `<circle class="${s.cls}${mark}" cx="${x(p.i)}" cy="${y(p.v)}" r="3.5"><title>${escapeHtml(`${s.name}, ${p.size}: ${formatValue(p.v)} ${unit}`)}</title></circle>`,
      );
    }
  }
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Horizontal bars for one figure: this run and the previous, Plenum and its baseline. */
function barChart(f: Figure, before: Figure | undefined): string {
  const rows = [
    { name: 'Plenum, this run', cls: 'now', v: f.value },
    { name: 'baseline, this run', cls: 'base', v: f.baseline },
    ...(before
      ? [
          { name: 'Plenum, previous run', cls: 'prev', v: before.value },
          { name: 'baseline, previous run', cls: 'prevbase', v: before.baseline },
        ]
      : []),
  ];
  const labelW = 150;
  const barsW = 250;
  const rowH = 18;
  const max = niceCeiling(Math.max(0, ...rows.map((r) => r.v ?? 0)));
  const parts = rows.map((r, i) => {
    const yTop = i * rowH;
    const w = r.v === null ? 0 : Math.max(1, (r.v / max) * barsW);
    return (
      `<text class="tick" x="${labelW - 6}" y="${yTop + 13}" text-anchor="end">${escapeHtml(r.name)}</text>` +
      `<rect class="${r.cls}" x="${labelW}" y="${yTop + 3}" width="${w}" height="${rowH - 6}"/>` +
      `<text class="tick" x="${labelW + w + 4}" y="${yTop + 13}">${escapeHtml(r.v === null ? 'n/a' : `${formatValue(r.v)} ${f.unit}`)}</text>`
    );
  });
  const width = labelW + barsW + 110;
  const height = rows.length * rowH;
  return `<svg role="img" aria-label="${escapeHtml(f.label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** The summary row of one figure: every number of the JSON's figure, and the previous run's beside it. */
function figureRow(f: Figure, before: Figure | undefined): string {
  const cells = [
    `<td>${escapeHtml(f.label)}<div class="id">${escapeHtml(f.id)}</div></td>`,
    `<td class="num" data-value="${f.value ?? ''}">${formatValue(f.value)}</td>`,
    `<td class="num" data-baseline="${f.baseline ?? ''}">${formatValue(f.baseline)}</td>`,
    `<td class="num">${ratioText(f)}</td>`,
    `<td>${escapeHtml(f.unit)}</td>`,
    `<td>${escapeHtml(f.baselineOf)}</td>`,
    `<td>${escapeHtml(f.goal?.text ?? '')}</td>`,
    `<td>${metMark(f)}</td>`,
    `<td class="num">${before ? formatValue(before.value) : ''}</td>`,
    `<td class="num">${before ? ratioText(before) : ''}</td>`,
    `<td>${before ? metMark(before) : ''}</td>`,
    `<td class="num">${change(f, before)}</td>`,
  ];
  const note = f.note ? `<tr class="note"><td colspan="12">${escapeHtml(f.note)}</td></tr>` : '';
  return `<tr data-figure="${escapeHtml(f.id)}">${cells.join('')}</tr>${note}`;
}

/** One chart per room-sized figure: this run's Plenum and baseline, and the previous run's, over every room size. */
function roomCharts(current: Figure[], previous: Map<string, Figure>): string {
  const charts = new Map<string, Figure[]>();
  for (const f of current) {
    const point = roomPoint(f.id);
    if (point) charts.set(point.chart, [...(charts.get(point.chart) ?? []), f]);
  }
  const sections: string[] = [];
  for (const [chart, figures] of charts) {
    const before = new Map(
      [...previous.values()].filter((p) => roomPoint(p.id)?.chart === chart).map((p) => [roomPoint(p.id)!.size, p]),
    );
    const now = new Map(figures.map((f) => [roomPoint(f.id)!.size, f]));
    const sizes = [...new Set([...now.keys(), ...before.keys()])].sort((a, b) => a - b);
    const pick = (m: Map<number, Figure>, key: 'value' | 'baseline') =>
      new Map([...m].map(([size, f]) => [size, f[key]]));
    const series: Series[] = [
      {
        name: 'Plenum, this run',
        cls: 'now',
        values: pick(now, 'value'),
        met: new Map([...now].map(([s, f]) => [s, f.goal?.met ?? null])),
      },
      { name: `${figures[0]!.baselineOf}, this run`, cls: 'base', values: pick(now, 'baseline') },
      ...(before.size > 0
        ? [
            { name: 'Plenum, previous run', cls: 'prev', values: pick(before, 'value') },
            { name: `${figures[0]!.baselineOf}, previous run`, cls: 'prevbase', values: pick(before, 'baseline') },
          ]
        : []),
    ];
    const largest = figures.reduce((a, b) => (roomPoint(b.id)!.size > roomPoint(a.id)!.size ? b : a));
    const size = roomPoint(largest.id)!.size;
    // The label without its room size (and the rate measured in that room), which the axis now shows.
    const title = largest.label.replace(new RegExp(`,? ${size}\\b`), '').replace(/ \([^)]*\d[^)]*\)$/, '');
    const rows = sizes
      .map((s) => {
        const f = now.get(s);
        const b = before.get(s);
        return `<tr><td class="num">${s.toLocaleString('en-US')}</td><td class="num">${formatValue(f?.value ?? null)}</td><td class="num">${formatValue(f?.baseline ?? null)}</td><td class="num">${ratioText(f)}</td><td>${metMark(f)}</td><td class="num">${formatValue(b?.value ?? null)}</td><td class="num">${ratioText(b)}</td><td class="num">${f ? change(f, b) : ''}</td></tr>`;
      })
      .join('');
    sections.push(
      `<section class="chart" data-chart="${escapeHtml(chart)}"><h3>${escapeHtml(title)} <span class="id">${escapeHtml(chart)}</span></h3>` +
        `<p class="goal">${escapeHtml(largest.goal ? `goal: ${largest.goal.text}` : 'no goal')} · ${largest.higherIsBetter ? 'higher is better' : 'lower is better'}</p>` +
        lineChart(title, largest.unit, sizes, series) +
        legend(series) +
        (largest.goal ? '<p class="goal">A green point met the goal, a red one missed it.</p>' : '') +
        `<table><thead><tr><th>room</th><th>Plenum</th><th>baseline</th><th>ratio</th><th>goal</th><th>previous</th><th>previous ratio</th><th>change</th></tr></thead><tbody>${rows}</tbody></table></section>`,
    );
  }
  return sections.join('');
}

const legend = (series: Series[]) =>
  `<ul class="legend">${series.map((s) => `<li><svg width="26" height="10"><line class="${s.cls}" x1="0" x2="26" y1="5" y2="5"/></svg>${escapeHtml(s.name)}</li>`).join('')}</ul>`;

const style = `
body{font:14px/1.4 system-ui,sans-serif;color:#1f2933;margin:24px;max-width:1280px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px}h3{font-size:15px;margin:0 0 2px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{padding:3px 8px;border-bottom:1px solid #d9e2ec;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.note td{color:#52606d;font-size:12px;border-bottom:1px solid #bcccdc;padding-left:24px}
.id{color:#7b8794;font:12px ui-monospace,monospace}
.met{color:#1b7a3d}.missed{color:#b42318;font-weight:600}
.better{color:#1b7a3d}.worse{color:#b42318}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.chart{border:1px solid #d9e2ec;border-radius:6px;padding:12px;max-width:100%;overflow-x:auto}
.goal{margin:0 0 6px;color:#52606d;font-size:12px}
svg text.tick{font-size:11px;fill:#52606d}svg text.axis{font-size:11px;fill:#323f4b}
svg line.grid{stroke:#e4e7eb}
polyline{fill:none;stroke-width:2}
.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;max-width:560px}
.legend li{display:flex;align-items:center;gap:4px}.legend line{stroke-width:2}
.now{stroke:#1f5fbf;fill:#1f5fbf}.base{stroke:#9aa5b1;fill:#9aa5b1}
.prev{stroke:#1f5fbf;fill:#a9c4eb;stroke-dasharray:5 3}.prevbase{stroke:#9aa5b1;fill:#e4e7eb;stroke-dasharray:5 3}
rect.prev,rect.prevbase{stroke-dasharray:none}
circle.met{fill:#1b7a3d;stroke:#1b7a3d}circle.missed{fill:#b42318;stroke:#b42318}
`;

function describe(run: BenchRun): string {
  const load = run.meta.loadavgBefore?.map((l) => l.toFixed(2)).join(' ');
  return `${escapeHtml(run.meta.mode)} run of ${escapeHtml(run.meta.date)}${run.meta.commit ? `, commit ${escapeHtml(run.meta.commit)}` : ''}${load ? `, load before ${load}` : ''}`;
}

/**
 * The run as one self-contained HTML page (inline SVG and CSS, no script, nothing fetched): every
 * figure in a table with the previous run's value beside it, a chart per room-sized figure over
 * the room sizes, and bars for every other figure against the previous run.
 */
export function renderHtmlReport(run: BenchRun, previous: BenchRun | null): string {
  const before = new Map((previous?.figures ?? []).map((f) => [f.id, f]));
  const goals = run.figures.filter((f) => f.goal);
  const missed = goals.filter((f) => !f.goal!.met);
  const groups = figureGroups
    .map((group) => {
      const inGroup = run.figures.filter((f) => f.group === group);
      if (inGroup.length === 0) return '';
      return `<tbody><tr><th colspan="12">${escapeHtml(group)}</th></tr>${inGroup.map((f) => figureRow(f, before.get(f.id))).join('')}</tbody>`;
    })
    .join('');
  const others = run.figures
    .filter((f) => !roomPoint(f.id))
    .map(
      (f) =>
        `<section class="chart" data-chart="${escapeHtml(f.id)}"><h3>${escapeHtml(f.label)} <span class="id">${escapeHtml(f.id)}</span></h3>` +
        `<p class="goal">baseline: ${escapeHtml(f.baselineOf)} · ratio ${ratioText(f)} ${metMark(f)}${f.goal ? ` (goal ${escapeHtml(f.goal.text)})` : ''} · against the previous run ${change(f, before.get(f.id)) || 'n/a'}</p>` +
        barChart(f, before.get(f.id)) +
        `</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Plenum benchmark, ${escapeHtml(run.meta.date)}</title><style>${style}</style></head>
<body>
<h1>Plenum benchmark</h1>
<p>This: ${describe(run)}.<br>Previous: ${previous ? describe(previous) : 'none (no earlier JSON beside this one)'}.</p>
<p>Goals met: ${goals.length - missed.length} of ${goals.length}${missed.length > 0 ? ` · missed: ${missed.map((f) => `<span class="missed">${escapeHtml(f.id)}</span>`).join(', ')}` : ''}.</p>
<h2>Against room size</h2>
<div class="charts">${roomCharts(run.figures, before) || '<p>No room-sized figures in this run.</p>'}</div>
<h2>Against the previous run</h2>
<div class="charts">${others || '<p>No other figures in this run.</p>'}</div>
<h2>Every figure</h2>
<table class="figures"><thead><tr><th>figure</th><th>Plenum</th><th>baseline</th><th>ratio</th><th>unit</th><th>reference</th><th>goal</th><th>met</th><th>previous</th><th>previous ratio</th><th>previous met</th><th>change</th></tr></thead>${groups}</table>
</body></html>
`;
}
