import type { RowProblem } from '@plenum/shared';
import type { ReactNode } from 'react';
import { RowProblems } from './RowProblems';
import './ImportPreviewTable.css';

/** A previewed line of an imported file: its line number and what is wrong with it. */
export interface PreviewRow {
  line: number;
  errors: readonly RowProblem[];
}

/** A column between the line number and the problems: its header and what a row shows in it. */
export interface PreviewColumn<Row extends PreviewRow> {
  header: string;
  cell: (row: Row) => ReactNode;
}

interface ImportPreviewTableProps<Row extends PreviewRow> {
  rows: readonly Row[];
  caption: string;
  lineHeader: string;
  columns: readonly PreviewColumn<Row>[];
  problemsHeader: string;
  /** One problem in the reader's words, e.g. "Column name: fill this in". */
  describe: (problem: RowProblem) => string;
  /** What the problems column says of a valid row; nothing when omitted. */
  validText?: string;
  /** The table's test id; each row's is `${rowTestId}-${line}`. */
  testId: string;
  rowTestId: string;
  className?: string;
}

/**
 * The preview of an imported file, one row per line: its number, the columns the import names,
 * and each problem of the line (a line with problems is marked); scrolls sideways on a phone.
 */
export function ImportPreviewTable<Row extends PreviewRow>(props: ImportPreviewTableProps<Row>) {
  const { rows, caption, lineHeader, columns, problemsHeader, describe, validText, testId, rowTestId } = props;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className={props.className} data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{lineHeader}</th>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
            <th scope="col">{problemsHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.line}
              className={row.errors.length > 0 ? 'import-preview__row--invalid' : undefined}
              data-testid={`${rowTestId}-${row.line}`}
            >
              <th scope="row">{row.line}</th>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
              <td>{row.errors.length > 0 ? <RowProblems problems={row.errors} describe={describe} /> : validText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
