/**
 * The `data-label` of each cell of a console list's row, in order: the column's name a phone
 * shows beside the cell once the row stacks; null for the cell of buttons, which has none.
 */
export function cellLabels(row: HTMLElement): (string | null)[] {
  return Array.from(row.querySelectorAll('td'), (cell) => cell.getAttribute('data-label'));
}
