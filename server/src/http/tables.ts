import type { FileProblem } from '@plenum/shared';
import { parse } from 'csv-parse/sync';
import type { TableRow } from '../domain/organisationService.js';

/** The content type of an Excel workbook (XLSX). */
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Columns of the register's files, in this order, with a header row: the glossary's attributes of a unit. */
export const unitColumns = ['id', 'name', 'kind', 'parentId', 'ownership', 'sector', 'class', 'region'] as const;

/** A cell as text: trimmed, and null when empty. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'object'
        ? JSON.stringify(value)
        : `${value as string | number | boolean}`
  ).trim();
  return text === '' ? null : text;
}

/** Rows under a header row, each with its 1-based line (the header is line 1); blank rows skipped. */
function rowsUnder(
  header: readonly unknown[],
  body: readonly { line: number; values: readonly unknown[] }[],
): TableRow[] {
  const columns = header.map((name) => cellText(name) ?? '');
  return body
    .filter(({ values }) => values.some((v) => cellText(v) !== null))
    .map(({ line, values }) => ({
      line,
      cells: Object.fromEntries(columns.map((column, i) => [column, cellText(values[i])])),
    }));
}

/** The column separators delimited text may use. */
const separators = ['\t', ';', ','] as const;
type Separator = (typeof separators)[number];

/** csv-parse's reading of quotes and spaces: a quote may follow a space, and one inside a field is kept as typed. */
const reading = { bom: true, relax_column_count: true, relax_quotes: true, trim: true } as const;

/** A file refused as a whole, before any row is checked: `problem` says why, typed for the screen's words. */
export class FileRefusalError extends Error {
  constructor(
    readonly problem: FileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefusalError';
  }
}

function unreadable(error: unknown): FileRefusalError {
  return new FileRefusalError({ problem: 'unreadable-csv' }, `The file cannot be read: ${(error as Error).message}`);
}

/** Refuses a file with no row below its header row (`what` names its rows, e.g. `unit`). */
export function nonEmpty(rows: TableRow[], what: string): TableRow[] {
  if (rows.length === 0) {
    throw new FileRefusalError({ problem: 'no-rows' }, `The file holds no ${what} below its header row.`);
  }
  return rows;
}

export interface ExpectedColumns {
  /** Every column the import reads, as the file's header should name it. */
  expected: readonly string[];
  /** Those a row cannot do without. */
  required: readonly string[];
  /** Whether the file's header names a column the import reads (or one it knows to ignore). */
  recognised: (header: string) => boolean;
  /** Whether the file's header names column `column`. */
  holds: (headers: readonly string[], column: string) => boolean;
}

/**
 * Refuses rows whose header row lacks a required column, or lacks any column while naming one that
 * is not recognised (a column named otherwise): every row would be refused for the same missing
 * cell, or read without it. One problem for the file, naming its headers that are not recognised
 * and the columns expected.
 */
export function requireColumns(rows: readonly TableRow[], columns: ExpectedColumns): void {
  // No row, no header to judge: the caller refuses an empty file on its own terms.
  if (rows.length === 0) return;
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row.cells)))];
  const missing = columns.expected.filter((column) => !columns.holds(headers, column));
  const unrecognised = headers.filter((header) => header !== '' && !columns.recognised(header));
  const lacksRequired = missing.some((column) => columns.required.includes(column));
  if (!lacksRequired && (missing.length === 0 || unrecognised.length === 0)) return;
  throw new FileRefusalError(
    { problem: 'unrecognised-columns', unrecognised, expected: [...columns.expected] },
    `The header row does not hold the columns ${columns.expected.join(', ')}` +
      (unrecognised.length > 0 ? `; not recognised: ${unrecognised.join(', ')}.` : '.'),
  );
}

/** The register's columns: the header names them exactly; `parentId` and `class` may be empty. */
export const unitFileColumns: ExpectedColumns = {
  expected: unitColumns,
  required: unitColumns.filter((column) => column !== 'parentId' && column !== 'class'),
  recognised: (header) => (unitColumns as readonly string[]).includes(header),
  holds: (headers, column) => headers.includes(column),
};

/** A record split on one separator, into two fields or more. */
interface Split {
  separator: Separator;
  fields: string[];
}

/** A record of delimited text: the line it begins on, and each separator that splits it. */
interface SplitRecord {
  line: number;
  text: string;
  splits: Split[];
}

/**
 * The records of delimited text with the line each begins on: a line break inside quotes does
 * not end one; blank lines are skipped but counted. csv-parse reads them once on every separator
 * at a time; a record in which only one kind of separator stands (most, in a file) is split by
 * that reading already, and only one that holds more kinds is read again on each.
 */
function splitRecords(text: string): SplitRecord[] {
  let records: { raw: string; record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      ...reading,
      delimiter: [...separators],
      raw: true,
      info: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw unreadable(error);
  }
  return records.map(({ raw, record, info }) => {
    // `info.lines` is the record's last line; blank lines before it are part of its raw text,
    // and so is a line break of either kind (a `\r` read again alone would end a record there).
    const written = raw.replace(/^[\r\n]+/, '').replace(/(?:\r\n|\r|\n)$/, '');
    const kinds = separators.filter((separator) => written.includes(separator));
    const splits =
      kinds.length > 1
        ? separators.flatMap((separator) => {
            const fields = fieldsOf(written, separator);
            return fields && fields.length > 1 ? [{ separator, fields }] : [];
          })
        : kinds[0] !== undefined && record.length > 1
          ? [{ separator: kinds[0], fields: record }]
          : [];
    return { line: info.lines - (written.match(/\r\n|\r|\n/g)?.length ?? 0), text: written, splits };
  });
}

/** The fields of one record split on `separator`; null when it cannot be (a quote closed before a character other than it). */
function fieldsOf(record: string, separator: Separator): string[] | null {
  try {
    const [fields] = parse(record, { ...reading, delimiter: separator });
    return fields ?? [];
  } catch {
    return null;
  }
}

/**
 * The fields of one record, split on its own separator: a tab when it has one (a spreadsheet's
 * cells may hold commas and semicolons, never tabs); else whichever of `;` and `,` splits it;
 * with both, the one that gives `expected` columns, else the one the text's other records use
 * (`usual`), else a comma.
 */
function fieldsOfRecord(
  { text, splits }: SplitRecord,
  expected: number | undefined,
  usual: Separator | null,
): string[] {
  const tab = splits.find(({ separator }) => separator === '\t');
  if (tab) return tab.fields;
  if (splits.length < 2) return splits[0]?.fields ?? fieldsOf(text, ',') ?? [text];
  const chosen =
    splits.find(({ fields }) => fields.length === expected) ??
    splits.find(({ separator }) => separator === usual) ??
    splits.find(({ separator }) => separator === ',')!;
  return chosen.fields;
}

/** The separator most records that split on one kind only use: what the text is written with. */
function usualSeparator(records: readonly SplitRecord[]): Separator | null {
  const votes = new Map<Separator, number>();
  for (const { splits } of records) {
    if (splits.length === 1) votes.set(splits[0]!.separator, (votes.get(splits[0]!.separator) ?? 0) + 1);
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * Delimited text (`,`, `;` or tab) as rows with the line each begins on. Each record is split on
 * its own separator (`fieldsOfRecord`): lines pasted from a spreadsheet, a CSV file and typed by
 * hand may disagree, and each is split as it was written. `expected(first)` is how many columns
 * the records after the first should have, from the first as split.
 */
function delimitedRecords(
  text: string,
  firstExpected: number | undefined,
  expected: (first: readonly string[]) => number,
): { line: number; values: string[] }[] {
  const records = splitRecords(text);
  const usual = usualSeparator(records);
  const [first, ...rest] = records;
  if (!first) return [];
  const head = { line: first.line, values: fieldsOfRecord(first, firstExpected, usual) };
  const columns = expected(head.values);
  return [head, ...rest.map((record) => ({ line: record.line, values: fieldsOfRecord(record, columns, usual) }))];
}

/** The rows of a CSV file with a header row (`,`, `;` or tab separated). */
export function csvTable(text: string): TableRow[] {
  const [header, ...body] = delimitedRecords(text, undefined, (first) => first.length);
  return header ? rowsUnder(header.values, body) : [];
}

/**
 * Reads a cell as the key it names: the key itself or one of its `names` (the words the screens
 * give it, in every language), in any case; null when it names none.
 */
export function keyOfWord<TKey extends string>(
  keys: readonly TKey[],
  names: Readonly<Partial<Record<TKey, readonly string[]>>>,
): (cell: unknown) => TKey | null {
  const byWord = new Map(
    keys.flatMap((key) => [key, ...(names[key] ?? [])].map((word) => [word.toLowerCase(), key] as const)),
  );
  return (cell) => byWord.get(cellText(cell)?.toLowerCase() ?? '') ?? null;
}

/**
 * The rows of delimited text whose header row is optional: the first line is one when any of its
 * cells names one of `columns` (in any case), by its key or by one of its `names` (the words the
 * screens give it, in every language), else the columns are taken in the order given.
 * Any cell, not only the first: a header that renames its first column ("Full name,Role,Unit")
 * read as a row would be refused for its role on line 1, not for its columns. A role or an
 * e-mail address is never a column's word; a name or a unit is one only by rare chance. Header
 * cells that name no column are kept as written, so that a refusal names them as the list does.
 * Each line may use its own separator (comma, semicolon or tab).
 */
export function pastedTable(
  text: string,
  columns: readonly string[],
  names: Readonly<Record<string, readonly string[]>> = {},
): TableRow[] {
  const columnOf = keyOfWord(columns, names);
  const isHeader = (values: readonly string[]) => values.some((value) => columnOf(value) !== null);
  const records = delimitedRecords(text, columns.length, (first) => (isHeader(first) ? first.length : columns.length));
  const first = records[0];
  if (first && isHeader(first.values)) {
    return rowsUnder(
      first.values.map((value) => columnOf(value) ?? cellText(value) ?? ''),
      records.slice(1),
    );
  }
  return rowsUnder(columns, records);
}

/** The rows of the first sheet of an XLSX workbook with a header row. */
export async function xlsxTable(bytes: Buffer): Promise<TableRow[]> {
  // Loaded on first use, as the workbooks made (`records/spreadsheet.ts`), rather than at every start.
  const { readSheet } = await import('read-excel-file/node');
  let sheet: unknown[][];
  try {
    // A Buffer, never a string: given a string, the library would open a file of that name.
    sheet = await readSheet(bytes);
  } catch (error) {
    throw new FileRefusalError(
      { problem: 'unreadable-workbook' },
      `The workbook cannot be read: ${(error as Error).message}`,
    );
  }
  const [header, ...body] = sheet;
  return header
    ? rowsUnder(
        header,
        body.map((values, i) => ({ line: i + 2, values })),
      )
    : [];
}
