import { stringify } from 'csv-stringify/sync';
import { recordWords } from './i18n.js';
import type { CellValue, ColumnKind, RecordTable } from './tables.js';

/** A cell with its date written in ISO form: a calendar day as `YYYY-MM-DD`, a moment as an instant. */
export function isoCell(value: CellValue, kind: ColumnKind): Exclude<CellValue, Date> {
  if (!(value instanceof Date)) return value;
  return kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
}

/**
 * A share rounded to a tenth of a percent, the figure the minutes write (0.556 for 55.6 %): a CSV
 * cell has no number format to hide 0.5555555555555556 behind, as the XLSX's `0.0%` does. Rounded
 * by Intl as the minutes' percentages are, so that halves go the same way.
 */
const shareDigits = new Intl.NumberFormat('en', { maximumFractionDigits: 3, useGrouping: false });
const shareCell = (value: CellValue) => (typeof value === 'number' ? Number(shareDigits.format(value)) : value);

/**
 * CSV of one table: a header row, ISO dates, shares as fractions rounded to three places, other
 * numbers unformatted, booleans as the words of the table's language (yes/no, 예/아니요): a CSV has
 * no boolean type, so the word is what a spreadsheet shows and filters on. A BOM so spreadsheets
 * read UTF-8.
 */
export function tableCsv(table: RecordTable): string {
  const { t } = recordWords(table.lang);
  const yes = t('values.yes');
  const no = t('values.no');
  const rows = table.rows.map((row) =>
    row.map((value, i) => {
      const { kind } = table.columns[i]!;
      return isoCell(kind === 'share' ? shareCell(value) : value, kind);
    }),
  );
  return `\uFEFF${stringify([table.columns.map((c) => c.header), ...rows], { cast: { boolean: (b) => (b ? yes : no) } })}`;
}

const formats: Partial<Record<ColumnKind, string>> = {
  share: '0.0%',
  date: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm',
};

/**
 * An XLSX workbook with one sheet per table and typed cells: numbers, shares, dates and booleans as
 * such; a boolean cell is shown by the spreadsheet in its own words (TRUE/FALSE) and filters as one.
 */
export async function tablesXlsx(tables: readonly RecordTable[]): Promise<Buffer> {
  // Loaded on first use: loading it took a third of a second of every start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Plenum';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.min(60, Math.max(10, c.header.length + 2)),
      style: formats[c.kind] ? { numFmt: formats[c.kind] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
