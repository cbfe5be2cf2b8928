import { stringify } from 'csv-stringify/sync';
import type { CellValue, ColumnKind, RecordTable } from './tables.js';

/** A cell with its date written in ISO form: a calendar day as `YYYY-MM-DD`, a moment as an instant. */
export function isoCell(value: CellValue, kind: ColumnKind): Exclude<CellValue, Date> {
  if (!(value instanceof Date)) return value;
  return kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
}

/** CSV of one table: a header row, ISO dates, numbers unformatted, booleans as true/false, a BOM so spreadsheets read UTF-8. */
export function tableCsv(table: RecordTable): string {
  const rows = table.rows.map((row) => row.map((value, i) => isoCell(value, table.columns[i]!.kind)));
  return `\uFEFF${stringify([table.columns.map((c) => c.header), ...rows], { cast: { boolean: (b) => String(b) } })}`;
}

const formats: Partial<Record<ColumnKind, string>> = {
  share: '0.0%',
  date: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm',
};

/** An XLSX workbook with one sheet per table and typed cells: numbers, shares, dates and booleans as such. */
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
