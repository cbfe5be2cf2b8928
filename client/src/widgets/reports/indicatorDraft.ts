import {
  achievedValue,
  Limits,
  type Indicator,
  type IndicatorDirection,
  type PreviousIndicator,
  type ReportState,
} from '@plenum/shared';
import { isTooLong } from '../../components/textLength';

/** One row of the report form, as typed: numbers stay text until submitted. */
export interface IndicatorDraft {
  /** Local key for React; stable while the row exists. */
  key: string;
  /** The indicator's id once submitted; null for a new row (an id is made on submit). */
  id: string | null;
  name: string;
  measure: string;
  planned: string;
  reported: string;
  weight: string;
  previous: string;
  isProduction: boolean;
  direction: IndicatorDirection;
  /** Kept from the submitted report: the form does not edit it. */
  partOf: string | null;
}

/** What is wrong with a row, by column; the form shows each next to its field. */
export type DraftProblem =
  | 'name-missing'
  | 'measure-missing'
  /** Longer than {@link draftTextLimits} allows; the form keeps the text whole until it is shortened. */
  | 'name-too-long'
  | 'measure-too-long'
  | 'planned-invalid'
  | 'reported-invalid'
  | 'weight-invalid'
  | 'previous-invalid'
  | 'planned-too-large'
  | 'reported-too-large'
  | 'previous-too-large'
  /** Above 0 but below `Limits.figureMin`, the smallest magnitude a figure may take (not a precision: 0.0000015 is taken). */
  | 'planned-too-small'
  | 'reported-too-small'
  | 'previous-too-small';

/** The most characters the protocol takes in a row's text columns. */
export const draftTextLimits = { name: Limits.nameLength, measure: Limits.measureLength } as const;

/**
 * A number as people type or paste it: `1200`, `1,200.5`, `1.200,5`, `1 200,5`, `85%`, `−3`,
 * full-width `７０，０００`, and as spreadsheets write large ones, `1.2E+09`. Null when it is not one.
 */
export function parseNumber(text: string): number | null {
  // Full-width digits and separators, as a CJK input method in full-width mode types them, read as their ASCII forms.
  const written = text
    .normalize('NFKC')
    .trim()
    .replace(/[\s\u00a0\u202f'’]/g, '')
    .replace(/^[−–]/, '-')
    .replace(/%$/, '');
  const exponent = /[eE][+−-]?\d+$/.exec(written)?.[0].replace('−', '-') ?? '';
  let s = written.slice(0, written.length - exponent.length);
  if (s === '' || !/^-?[\d.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the later one is the decimal separator.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = /^-?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0 && /^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const value = Number(s + exponent);
  return Number.isFinite(value) ? value : null;
}

/** True for the words people put in a "production" column to mean yes. */
export function isYes(text: string): boolean {
  return /^(yes|y|true|1|x|✓|✔|\*|production|prod|예|네|생산|o)$/i.test(text.trim());
}

/**
 * The direction a "direction" cell names: lower (a ceiling, such as a cost) or higher; an empty
 * cell is higher, as for an indicator without one. Null when the cell names neither.
 */
export function parseDirection(text: string): IndicatorDirection | null {
  const cell = text.trim();
  if (/^(lower|low|lower[- ]is[- ]better|ceiling|낮음|낮을수록|낮을수록 좋음|상한)$/i.test(cell))
    return 'lower-is-better';
  if (/^(|higher|high|higher[- ]is[- ]better|높음|높을수록|높을수록 좋음)$/i.test(cell)) return 'higher-is-better';
  return null;
}

let nextKey = 0;
/** A fresh local row key. */
export function newRowKey(): string {
  nextKey += 1;
  return `row-${nextKey}`;
}

/** What a new row holds. */
const blankRow: Omit<IndicatorDraft, 'key'> = {
  id: null,
  name: '',
  measure: '',
  planned: '',
  reported: '',
  weight: '1',
  previous: '',
  isProduction: false,
  direction: 'higher-is-better',
  partOf: null,
};

/** An empty row, ready to type into. */
export function emptyDraft(): IndicatorDraft {
  return { key: newRowKey(), ...blankRow };
}

/** True for a row as {@link emptyDraft} makes it (spaces aside): nothing typed or chosen in it yet. */
export function isBlankDraft(draft: IndicatorDraft): boolean {
  return (Object.keys(blankRow) as (keyof typeof blankRow)[]).every((field) => {
    const value = draft[field];
    return (typeof value === 'string' ? value.trim() : value) === blankRow[field];
  });
}

/**
 * This period's rows, started from the indicators of the period before: the same ids (so each
 * indicator's series continues across quarters), names, units of measure, weights, production
 * mark, parts and directions, and what was achieved then (the verified value winning) as the
 * previous period's figure, which the jump and drop flags compare this period's against.
 */
export function draftsFromPrevious(
  indicators: readonly PreviousIndicator[],
  formatNumber: (n: number) => string = String,
): IndicatorDraft[] {
  return indicators.map((indicator) => ({
    key: newRowKey(),
    id: indicator.id,
    name: indicator.name,
    measure: indicator.measure,
    // Blank, not last quarter's plan: each quarter's plan is set anew, and a carried one would
    // look entered and could be submitted unread, measuring this quarter against last quarter's
    // target. Left blank, the form asks for it before it submits.
    planned: '',
    reported: '',
    weight: formatNumber(indicator.weight),
    previous: formatNumber(achievedValue(indicator)),
    isProduction: indicator.isProduction,
    direction: indicator.direction ?? 'higher-is-better',
    partOf: indicator.partOf,
  }));
}

/** The rows of a submitted report, as the form edits them. */
export function draftsFromReport(report: ReportState, formatNumber: (n: number) => string = String): IndicatorDraft[] {
  return report.indicators.map((indicator) => ({
    key: newRowKey(),
    id: indicator.id,
    name: indicator.name,
    measure: indicator.measure,
    planned: formatNumber(indicator.planned),
    reported: formatNumber(indicator.reported),
    weight: formatNumber(indicator.weight),
    previous: indicator.previous === null ? '' : formatNumber(indicator.previous),
    isProduction: indicator.isProduction,
    // Reports logged before indicators had a direction are higher-is-better.
    direction: indicator.direction ?? 'higher-is-better',
    partOf: indicator.partOf,
  }));
}

/** A plan the protocol accepts: from `Limits.figureMin` to `Limits.figureMax`. */
function isPlan(value: number | null): boolean {
  return value !== null && value >= Limits.figureMin && value <= Limits.figureMax;
}

/** A reported or previous figure the protocol accepts: 0, or a plan's range. */
function isQuantity(value: number | null): boolean {
  return value === 0 || isPlan(value);
}

/**
 * A figure the protocol refuses: past its ceiling or above 0 yet below its floor (a number, and
 * not negative, so told the bound it missed), or otherwise not one `accepts`; null when it is
 * accepted.
 */
function figureProblem(
  text: string,
  accepts: (value: number | null) => boolean,
  column: 'planned' | 'reported' | 'previous',
): DraftProblem | null {
  const value = parseNumber(text);
  if (value !== null && value > Limits.figureMax) return `${column}-too-large`;
  if (value !== null && value > 0 && value < Limits.figureMin) return `${column}-too-small`;
  return accepts(value) ? null : `${column}-invalid`;
}

/** What is wrong with a verified value as typed; null when the protocol takes it. */
export type VerifiedProblem = 'missing' | 'invalid' | 'too-large' | 'too-small';

/** A verified value is checked as a reported figure is (0, or a plan's range), so both forms say the same. */
export function verifiedValueProblem(text: string): VerifiedProblem | null {
  if (text.trim() === '') return 'missing';
  const problem = figureProblem(text, isQuantity, 'reported');
  if (problem === 'reported-too-large') return 'too-large';
  if (problem === 'reported-too-small') return 'too-small';
  return problem === null ? null : 'invalid';
}

/** What is wrong with each row, by row key; empty when the form can be submitted. */
export function draftProblems(drafts: readonly IndicatorDraft[]): Map<string, DraftProblem[]> {
  const problems = new Map<string, DraftProblem[]>();
  for (const draft of drafts) {
    const found: DraftProblem[] = [];
    if (!draft.name.trim()) found.push('name-missing');
    if (isTooLong(draft.name, draftTextLimits.name)) found.push('name-too-long');
    if (!draft.measure.trim()) found.push('measure-missing');
    if (isTooLong(draft.measure, draftTextLimits.measure)) found.push('measure-too-long');
    const planned = figureProblem(draft.planned, isPlan, 'planned');
    if (planned) found.push(planned);
    const reported = figureProblem(draft.reported, isQuantity, 'reported');
    if (reported) found.push(reported);
    const weight = draft.weight.trim() === '' ? 1 : parseNumber(draft.weight);
    if (weight === null || weight < 0 || weight > 1000) found.push('weight-invalid');
    const previous = draft.previous.trim() === '' ? null : figureProblem(draft.previous, isQuantity, 'previous');
    if (previous) found.push(previous);
    if (found.length > 0) problems.set(draft.key, found);
  }
  return problems;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The indicators to submit. Rows keep their ids; new rows get one from their name (or a
 * number), unique within the report. Call only when `draftProblems` is empty.
 */
export function indicatorsFromDrafts(drafts: readonly IndicatorDraft[]): Indicator[] {
  const used = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
  const ids = drafts.map((draft, index) => {
    if (draft.id) return draft.id;
    const base = slug(draft.name) || `indicator-${index + 1}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  });
  const kept = new Set(ids);
  return drafts.map((draft, index) => ({
    id: ids[index]!,
    name: draft.name.trim(),
    measure: draft.measure.trim(),
    planned: parseNumber(draft.planned) ?? 0,
    reported: parseNumber(draft.reported) ?? 0,
    weight: draft.weight.trim() === '' ? 1 : (parseNumber(draft.weight) ?? 1),
    isProduction: draft.isProduction,
    previous: draft.previous.trim() === '' ? null : parseNumber(draft.previous),
    direction: draft.direction,
    // A part whose total was removed from the form is a part of nothing any more.
    partOf: draft.partOf !== null && kept.has(draft.partOf) ? draft.partOf : null,
  }));
}

/** A line of a paste that could not be read, and why. */
export interface PasteProblem {
  /** 1-based line number in the pasted text. */
  line: number;
  problem: 'too-few-columns' | 'planned-invalid' | 'reported-invalid' | 'direction-invalid';
}

/**
 * Rows pasted from a spreadsheet: one indicator per line, cells separated by tabs (or
 * semicolons), in the order name, measure, planned, reported, weight, production, previous,
 * direction (the last four optional). A first line whose planned and reported cells are not
 * numbers is taken as a header and skipped. `directionUnstated` holds the keys of the rows
 * whose direction cell was empty, so that a row matching a submitted indicator can keep the direction it has.
 */
export function parsePastedIndicators(text: string): {
  drafts: IndicatorDraft[];
  problems: PasteProblem[];
  directionUnstated: Set<string>;
} {
  const drafts: IndicatorDraft[] = [];
  const problems: PasteProblem[] = [];
  const directionUnstated = new Set<string>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let isFirst = true;
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const cells = (raw.includes('\t') ? raw.split('\t') : raw.split(';')).map((c) => c.trim());
    const [
      name = '',
      measure = '',
      planned = '',
      reported = '',
      weight = '',
      production = '',
      previous = '',
      directionCell = '',
    ] = cells;
    const line = index + 1;
    const wasFirst = isFirst;
    isFirst = false;
    if (wasFirst && parseNumber(planned) === null && parseNumber(reported) === null) return;
    if (cells.length < 4) {
      problems.push({ line, problem: 'too-few-columns' });
      return;
    }
    if (parseNumber(planned) === null) {
      problems.push({ line, problem: 'planned-invalid' });
      return;
    }
    if (parseNumber(reported) === null) {
      problems.push({ line, problem: 'reported-invalid' });
      return;
    }
    // A misread direction would turn a cost's overrun into over-fulfilment: refuse the line.
    const direction = parseDirection(directionCell);
    if (direction === null) {
      problems.push({ line, problem: 'direction-invalid' });
      return;
    }
    const draft: IndicatorDraft = {
      ...emptyDraft(),
      name,
      measure,
      planned,
      reported,
      weight: weight === '' ? '1' : weight,
      isProduction: isYes(production),
      previous,
      direction,
    };
    drafts.push(draft);
    if (directionCell === '') directionUnstated.add(draft.key);
  });
  // At most one production indicator: the first one marked wins.
  let seenProduction = false;
  for (const draft of drafts) {
    if (draft.isProduction && seenProduction) draft.isProduction = false;
    if (draft.isProduction) seenProduction = true;
  }
  return { drafts, problems, directionUnstated };
}
