import { render, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { ImportPreviewTable } from './ImportPreviewTable';

const rows = [
  { line: 2, unit: 'Riverside', errors: [] },
  { line: 3, unit: 'Eastfield', errors: [{ column: 'Planned', problem: 'invalid-format' as const, message: 'bad' }] },
];

test('one row per line: its number as the row header, the import’s columns, and its problems or the valid text', () => {
  render(
    <ImportPreviewTable
      rows={rows}
      caption="Preview of results.csv"
      lineHeader="Line"
      columns={[{ header: 'Unit', cell: (row) => row.unit }]}
      problemsHeader="Problems"
      describe={(p) => `${p.column}: not a number`}
      validText="Valid"
      testId="preview"
      rowTestId="preview-row"
    />,
  );
  const table = screen.getByRole('table', { name: 'Preview of results.csv' });
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent),
  ).toEqual(['Line', 'Unit', 'Problems']);
  const valid = screen.getByTestId('preview-row-2');
  expect(within(valid).getByRole('rowheader')).toHaveTextContent('2');
  expect(valid).toHaveTextContent('Riverside');
  expect(valid).toHaveTextContent('Valid');
  expect(valid).not.toHaveClass('import-preview__row--invalid');
  const invalid = screen.getByTestId('preview-row-3');
  expect(invalid).toHaveClass('import-preview__row--invalid');
  expect(within(invalid).getByRole('listitem')).toHaveTextContent('Planned: not a number');
  expect(invalid).not.toHaveTextContent('Valid');
});
