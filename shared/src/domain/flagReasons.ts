import type { Flag, FlagKind } from './flags.js';
import type { ReportState } from './state.js';

/** The sentence a flag's reason takes: its kind's, or a variant of it. */
export type FlagReasonKey =
  | FlagKind
  /** The gap is within the session's limit, but makes the plan met on paper only. */
  | 'verified-below-reported-plan'
  | 'verified-above-reported-plan'
  /** A revision after the notice that moved the fulfilment without crossing the warning threshold. */
  | 'revised-after-notice-change';

/** A value in a flag's reason, by how each language writes it. */
export type ReasonValue =
  /** A quantity in the indicator's measure. */
  | { figure: number }
  /** A quantity revised: before → after, once when unchanged. */
  | { change: { from: number; to: number } }
  /** A share (fulfilment, gap, threshold); null when it means nothing. */
  | { share: number | null }
  | { factor: number }
  /** An instant, written as its time of day. */
  | { time: string }
  /** A number a sentence agrees with (plural). */
  | { count: number }
  | { text: string };

/** Why a flag fired: the sentence's key and its values, each to be written in the reader's language. */
export interface FlagReason {
  key: FlagReasonKey;
  /** The indicator's measure, after each figure (empty for a flag on the whole report). */
  measure: string;
  values: Record<string, ReasonValue>;
}

/** How a language writes a reason's numbers (the screens' and the records' formatters). */
export interface ReasonFormat {
  figure(value: number): string;
  percent(ratio: number | null): string;
  factor(value: number): string;
  time(at: string): string;
}

function num(value: number | string | undefined): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

function share(value: number | string | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** The reason a flag of `report` fired, from the rule's kind and the figures it carries. */
export function flagReasonOf(flag: Flag, report: ReportState): FlagReason {
  const indicator = report.indicators.find((i) => i.id === flag.indicatorId);
  const measure = indicator?.measure ?? '';
  const name = { text: indicator?.name ?? '' };
  const p = flag.params;
  const figure = (key: string) => ({ figure: num(p[key]) });
  switch (flag.kind) {
    // A cost's mirror image of the same pattern: the same figures, its own sentence. A gap over
    // the session's threshold says so; a smaller one fired because it meets the plan on paper only.
    case 'verified-below-reported':
    case 'verified-above-reported':
      return {
        key: num(p.share) > num(p.limit) ? flag.kind : `${flag.kind}-plan`,
        measure,
        values: {
          indicator: name,
          planned: figure('planned'),
          reported: figure('reported'),
          verified: figure('verified'),
          share: { share: num(p.share) },
          limit: { share: num(p.limit) },
        },
      };
    case 'exactly-on-plan':
      return {
        key: flag.kind,
        measure,
        values: { count: { count: num(p.count) }, indicators: { text: String(p.indicators ?? '') } },
      };
    case 'jump-vs-previous':
    case 'drop-vs-previous':
      return {
        key: flag.kind,
        measure,
        values: {
          indicator: name,
          previous: figure('previous'),
          reported: figure('reported'),
          factor: { factor: num(p.factor) },
          limit: { factor: num(p.limit) },
        },
      };
    case 'parts-do-not-add-up':
      return {
        key: flag.kind,
        measure,
        values: {
          indicator: name,
          total: figure('total'),
          sum: figure('sumOfParts'),
          count: { count: num(p.parts) },
        },
      };
    case 'revised-after-notice':
      return {
        key: p.crossed === 'yes' ? flag.kind : 'revised-after-notice-change',
        measure,
        values: {
          indicator: name,
          time: { time: String(p.at) },
          planned: { change: { from: num(p.plannedFrom), to: num(p.plannedTo) } },
          reported: { change: { from: num(p.reportedFrom), to: num(p.reportedTo) } },
          from: { share: share(p.from) },
          to: { share: share(p.to) },
          threshold: { share: num(p.threshold) },
          limit: { share: num(p.limit) },
        },
      };
    case 'revised-after-presented':
      return {
        key: flag.kind,
        measure,
        values: { indicator: name, from: figure('from'), to: figure('to'), time: { time: String(p.at) } },
      };
  }
}

/** A reason's values written with a language's formatters, for its sentence `flags.<key>`. */
export function reasonWords(reason: FlagReason, format: ReasonFormat): Record<string, string | number> {
  const unit = reason.measure === '' ? '' : ` ${reason.measure}`;
  const figure = (value: number) => `${format.figure(value)}${unit}`;
  const word = (value: ReasonValue): string | number => {
    if ('figure' in value) return figure(value.figure);
    if ('change' in value) {
      const { from, to } = value.change;
      return from === to ? figure(to) : `${figure(from)} → ${figure(to)}`;
    }
    if ('share' in value) return format.percent(value.share);
    if ('factor' in value) return format.factor(value.factor);
    if ('time' in value) return format.time(value.time);
    if ('count' in value) return value.count;
    return value.text;
  };
  return Object.fromEntries(Object.entries(reason.values).map(([key, value]) => [key, word(value)]));
}
