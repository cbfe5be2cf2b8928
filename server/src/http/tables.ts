import { parse } from 'csv-parse/sync';
import { DomainError } from '../domain/errors.js';
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

/** Splits delimited text (`,`, `;` or tab, found from the first line) into rows with their line numbers. */
function csvRecords(text: string): { line: number; values: string[] }[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = ['\t', ';', ','].find((d) => firstLine.includes(d)) ?? ',';
  try {
    const records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, values: record }));
  } catch (error) {
    throw new DomainError('INVALID_PAYLOAD', `The file cannot be read: ${(error as Error).message}`);
  }
}

/** The rows of a CSV file with a header row. */
export function csvTable(text: string): TableRow[] {
  const [header, ...body] = csvRecords(text);
  return header ? rowsUnder(header.values, body) : [];
}

/**
 * The rows of delimited text whose header row is optional: without one (its first cell is not
 * one of `columns`), the columns are taken in the order given.
 */
export function pastedTable(text: string, columns: readonly string[]): TableRow[] {
  const records = csvRecords(text);
  const first = records[0];
  if (first && columns.includes(cellText(first.values[0])?.toLowerCase() ?? '')) {
    return rowsUnder(
      first.values.map((v) => cellText(v)?.toLowerCase() ?? ''),
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
    throw new DomainError('INVALID_PAYLOAD', `The workbook cannot be read: ${(error as Error).message}`);
  }
  const [header, ...body] = sheet;
  return header
    ? rowsUnder(
        header,
        body.map((values, i) => ({ line: i + 2, values })),
      )
    : [];
}
