import type { CriticismState, SessionState } from './state.js';

/** How many buckets the criticisms are spread over, and how many ids one page of the order holds. */
const bucketCount = 64;
const pageSize = 256;

/** Criticisms to a line of a saved state's text after its first (`stateText`). */
export const criticismsPerLine = 1024;

/**
 * A session's criticisms, shaped so that a fold through immer copies a small part of them per
 * write rather than all: a criticism lives in one of 64 buckets chosen by a hash of its id, and
 * the posting order is kept in pages of 256 ids. A post copies one bucket, the last page and the
 * list of pages; an endorsement, a response or a ruling copies one bucket. As one record and one
 * array of 5,000 criticisms, each write copied and froze all 5,000: 5.0 ms a post and 3.7 ms an
 * endorsement, against 0.08 ms an endorsement in buckets (bench finding 20).
 */
export interface CriticismTable {
  /** By bucket ({@link criticismBucket} of the id), then id. */
  buckets: Record<string, Record<string, CriticismState>>;
  /** Ids in posting order, 256 to a page; only the last page is not full. */
  pages: string[][];
}

/**
 * Lines of a saved state's criticisms kept as their text until one of them is used. Parsing a
 * million criticisms behind a start filled the young generation with objects that all survive,
 * and its collections held the event loop 60–110 ms (bench findings 27 and 36); most of them are
 * never read again. Only a server's own states keep any: a line is parsed into the table in place,
 * which those states (folded in place, never frozen) allow; a UI store's table never has any.
 */
interface UnparsedLines {
  /** By line number (0 holds criticisms 0 to 1,023), the text of each line not parsed yet. */
  texts: Map<number, string>;
  /**
   * The line number of each criticism not parsed yet, in one map per bucket: one map of a million
   * ids held the loop 85–145 ms each time it grew past a power of two.
   */
  lineOf: Map<string, number>[];
}

const unparsed = new WeakMap<CriticismTable, UnparsedLines>();

export function emptyCriticismTable(): CriticismTable {
  return { buckets: {}, pages: [] };
}

/** The bucket of a criticism id: FNV-1a over its characters, modulo the bucket count. */
export function criticismBucket(id: string): string {
  return String(bucketNumber(id));
}

function bucketNumber(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % bucketCount;
}

/**
 * Adds a posted criticism at the end of the order. Changes `table` in place: a reducer's draft
 * or a state that its holder owns.
 */
export function addCriticism(table: CriticismTable, criticism: CriticismState): void {
  putCriticism(table, criticism);
  const last = table.pages.at(-1);
  if (last && last.length < pageSize) last.push(criticism.id);
  else table.pages.push([criticism.id]);
}

/**
 * Puts a criticism in its bucket, leaving the posting order as it is: for a criticism the order
 * holds already (read back from a saved state) or that {@link addCriticism} adds to it.
 */
export function putCriticism(table: CriticismTable, criticism: CriticismState): void {
  (table.buckets[criticismBucket(criticism.id)] ??= {})[criticism.id] = criticism;
}

/** One criticism by id, or undefined when the session has none of that id; parses its line if kept unparsed. */
export function criticismOf(state: Pick<SessionState, 'criticisms'>, id: string): CriticismState | undefined {
  const table = state.criticisms;
  const bucket = bucketNumber(id);
  const criticism = table.buckets[bucket]?.[id];
  if (criticism !== undefined) return criticism;
  const lines = unparsed.get(table);
  const line = lines?.lineOf[bucket]!.get(id);
  if (line === undefined) return undefined;
  parseLine(table, lines!, line);
  return table.buckets[bucket]?.[id];
}

/** The ids of up to `count` criticisms from position `from` of the posting order. */
function idsAt(table: CriticismTable, from: number, count: number): string[] {
  const ids: string[] = [];
  for (let at = from; at < from + count; at++) {
    const id = table.pages[Math.floor(at / pageSize)]?.[at % pageSize];
    if (id === undefined) break;
    ids.push(id);
  }
  return ids;
}

/**
 * Keeps line `line` of a saved state's criticisms (the text `stateText` wrote for the criticisms
 * from `line * criticismsPerLine` on, which the table's posting order holds already) unparsed
 * until one of them is used. A full line only: criticisms posted later join a line not full.
 */
export function keepCriticismLine(table: CriticismTable, line: number, text: string): void {
  let lines = unparsed.get(table);
  if (!lines) {
    lines = { texts: new Map(), lineOf: Array.from({ length: bucketCount }, () => new Map<string, number>()) };
    unparsed.set(table, lines);
  }
  lines.texts.set(line, text);
  for (const id of idsAt(table, line * criticismsPerLine, criticismsPerLine))
    lines.lineOf[bucketNumber(id)]!.set(id, line);
}

function parseLine(table: CriticismTable, lines: UnparsedLines, line: number): void {
  const text = lines.texts.get(line)!;
  lines.texts.delete(line);
  if (lines.texts.size === 0) unparsed.delete(table);
  for (const criticism of JSON.parse(text) as CriticismState[]) {
    lines.lineOf[bucketNumber(criticism.id)]!.delete(criticism.id);
    putCriticism(table, criticism);
  }
}

/** How many lines of the table's criticisms are kept unparsed ({@link keepCriticismLine}). */
export function unparsedCriticismLines(table: CriticismTable): number {
  return unparsed.get(table)?.texts.size ?? 0;
}

/** Parses one line of criticisms kept unparsed; false when none is left. */
export function parseCriticismLine(table: CriticismTable): boolean {
  const lines = unparsed.get(table);
  const next = lines?.texts.keys().next();
  if (!lines || !next || next.done) return false;
  parseLine(table, lines, next.value);
  return true;
}

/**
 * Line `line` of the criticisms as a saved state's text holds it: a JSON array of up to
 * {@link criticismsPerLine} criticisms in posting order. A line kept unparsed is its text as
 * read: any change to one of its criticisms parses it first.
 */
export function criticismLineText(table: CriticismTable, line: number): string {
  const kept = unparsed.get(table)?.texts.get(line);
  if (kept !== undefined) return kept;
  const ids = idsAt(table, line * criticismsPerLine, criticismsPerLine);
  return JSON.stringify(ids.map((id) => table.buckets[criticismBucket(id)]![id]!));
}

/** How many criticisms were posted in the session. */
export function criticismCount(state: Pick<SessionState, 'criticisms'>): number {
  const { pages } = state.criticisms;
  return pages.length === 0 ? 0 : (pages.length - 1) * pageSize + pages.at(-1)!.length;
}

/** The ids of the criticisms posted after the first `from`, in posting order. */
export function criticismIdsFrom(state: Pick<SessionState, 'criticisms'>, from = 0): string[] {
  const { pages } = state.criticisms;
  const ids: string[] = [];
  for (let page = Math.floor(from / pageSize); page < pages.length; page++) {
    const start = page * pageSize;
    for (const id of from > start ? pages[page]!.slice(from - start) : pages[page]!) ids.push(id);
  }
  return ids;
}

/** Every criticism of the session, in posting order. */
export function criticismsInOrder(state: Pick<SessionState, 'criticisms'>): CriticismState[] {
  while (parseCriticismLine(state.criticisms));
  const { buckets, pages } = state.criticisms;
  const result: CriticismState[] = [];
  for (const page of pages) for (const id of page) result.push(buckets[criticismBucket(id)]![id]!);
  return result;
}

/**
 * The criticisms that are in both states but changed from one to the other, as [before, after]:
 * found by comparing buckets, then criticisms, by identity, as a fold leaves unchanged ones the
 * same objects. For states of one session where `after` was folded from `before` (a UI store's:
 * a criticism kept unparsed is in no bucket).
 */
export function changedCriticisms(
  before: Pick<SessionState, 'criticisms'>,
  after: Pick<SessionState, 'criticisms'>,
): [CriticismState, CriticismState][] {
  const changed: [CriticismState, CriticismState][] = [];
  for (const [bucket, was] of Object.entries(before.criticisms.buckets)) {
    const now = after.criticisms.buckets[bucket];
    if (!now || now === was) continue;
    for (const [id, criticism] of Object.entries(was)) {
      const next = now[id];
      if (next && next !== criticism) changed.push([criticism, next]);
    }
  }
  return changed;
}
