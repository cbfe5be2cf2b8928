/** One measured figure: Plenum's value, the reference measured in the same run, the goal. */
export interface Figure {
  /** Stable id, e.g. `fanout.500`, `paced.500.25.p99`. */
  id: string;
  /** Which of the measurements (1 … 7), or 0 for seating. */
  group: FigureGroup;
  label: string;
  unit: string;
  /** Plenum's figure; null when it could not be measured (see `note`). */
  value: number | null;
  /** The same measurement on the reference named by `baselineOf`, in the same run. */
  baseline: number | null;
  baselineOf: string;
  /** value / baseline. */
  ratio: number | null;
  /** The goal for this figure, if it has one, and whether the run met it. */
  goal: { text: string; met: boolean | null } | null;
  higherIsBetter: boolean;
  note?: string;
}

export const figureGroups = [
  'seating',
  'fan-out',
  'paced latency',
  'ack latency',
  'catch-up',
  'memory',
  'start-up',
  'client',
  'bytes',
  'records',
  'nodes',
  'event loop',
] as const;
export type FigureGroup = (typeof figureGroups)[number];

export function ratioOf(value: number | null, baseline: number | null): number | null {
  if (value === null || baseline === null || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0)
    return null;
  return value / baseline;
}

/** Builds a figure; `goal` decides `met` from the value and ratio. */
export function figure(
  spec: Omit<Figure, 'ratio' | 'goal' | 'higherIsBetter'> & {
    higherIsBetter?: boolean;
    goal?: { text: string; check: (value: number, ratio: number | null) => boolean };
  },
): Figure {
  const value = spec.value !== null && Number.isFinite(spec.value) ? spec.value : null;
  const baseline = spec.baseline !== null && Number.isFinite(spec.baseline) ? spec.baseline : null;
  const ratio = ratioOf(value, baseline);
  return {
    id: spec.id,
    group: spec.group,
    label: spec.label,
    unit: spec.unit,
    value,
    baseline,
    baselineOf: spec.baselineOf,
    ratio,
    goal: spec.goal ? { text: spec.goal.text, met: value === null ? false : spec.goal.check(value, ratio) } : null,
    higherIsBetter: spec.higherIsBetter ?? false,
    ...(spec.note ? { note: spec.note } : {}),
  };
}

/** A figure's number as the table and the HTML report print it: fewer decimals as it grows. */
export function formatValue(value: number | null): string {
  if (value === null) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The figures as a plain-text table, one row per figure, grouped. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'Plenum', 'baseline', 'ratio', 'unit', 'reference', 'goal', 'met'];
  const rows: string[][] = [];
  for (const group of figureGroups) {
    const inGroup = figures.filter((f) => f.group === group);
    if (inGroup.length === 0) continue;
    rows.push([`— ${group}`, '', '', '', '', '', '', '']);
    for (const f of inGroup) {
      rows.push([
        `  ${f.label}`,
        formatValue(f.value),
        formatValue(f.baseline),
        f.ratio === null ? 'n/a' : `${f.ratio.toFixed(2)}×`,
        f.unit,
        f.baselineOf,
        f.goal?.text ?? '',
        f.goal === null ? '' : f.goal.met ? 'yes' : 'NO',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.id}: ${f.note}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(notes.length > 0 ? ['', 'notes:', ...notes] : []),
  ].join('\n');
}
