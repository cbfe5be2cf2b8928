import { describe, expect, test } from 'vitest';
import { recordWords } from './i18n.js';
import { tableCsv } from './spreadsheet.js';
import type { RecordTable } from './tables.js';

describe('tables as CSV', () => {
  test('a share is a fraction rounded to a tenth of a percent, as the minutes write it; other numbers stay as they are', () => {
    const shares = [5 / 9, 1.03125, 0.0125, null];
    const table: RecordTable = {
      name: 'results',
      lang: 'en',
      title: 'Results',
      columns: [
        { key: 'fulfilment', header: 'Fulfilment', kind: 'share' },
        { key: 'planned', header: 'Planned', kind: 'number' },
      ],
      rows: shares.map((share) => [share, share === null ? null : share / 3]),
    };
    expect(tableCsv(table).split('\n')).toEqual([
      '\uFEFFFulfilment,Planned',
      `0.556,${5 / 9 / 3}`,
      `1.031,${1.03125 / 3}`,
      `0.013,${0.0125 / 3}`,
      ',',
      '',
    ]);
    // The very figures of the minutes, a hundredth of them.
    expect(shares.map((share) => recordWords('en').percent(share))).toEqual(['55.6%', '103.1%', '1.3%', '—']);
  });

  test('a boolean is a word of the table’s language, which a spreadsheet filters on; none is an empty cell', () => {
    const table = (lang: RecordTable['lang']): RecordTable => ({
      name: 'criticisms',
      lang,
      title: 'Criticisms',
      columns: [{ key: 'hidden', header: 'Hidden', kind: 'boolean' }],
      rows: [[true], [false], [null]],
    });
    expect(tableCsv(table('en')).split('\n')).toEqual(['\uFEFFHidden', 'yes', 'no', '', '']);
    expect(tableCsv(table('ko')).split('\n')).toEqual(['\uFEFFHidden', '예', '아니요', '', '']);
  });
});
