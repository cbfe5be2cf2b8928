import { describe, expect, test } from 'vitest';
import { pastedTable } from './tables.js';

const columns = ['name', 'role', 'unit', 'email'];

describe('pasted tables', () => {
  test('without a header row the columns are taken in order; comma, semicolon or tab, found from the first line', () => {
    for (const delimiter of [',', ';', '\t']) {
      const text = [
        `Ann${delimiter}official${delimiter}${delimiter}`,
        `Bo${delimiter}presenter${delimiter}Mill No. 2`,
      ].join('\n');
      expect(pastedTable(text, columns), JSON.stringify(delimiter)).toEqual([
        { line: 1, cells: { name: 'Ann', role: 'official', unit: null, email: null } },
        { line: 2, cells: { name: 'Bo', role: 'presenter', unit: 'Mill No. 2', email: null } },
      ]);
    }
  });

  test('a header row, in any case and order, names the columns; blank lines are skipped but counted', () => {
    const text = 'Email;Name;Role\n\nann@example.org;Ann;official\n';
    expect(pastedTable(text, columns)).toEqual([
      { line: 3, cells: { email: 'ann@example.org', name: 'Ann', role: 'official' } },
    ]);
  });
});
