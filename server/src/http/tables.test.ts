import { describe, expect, test } from 'vitest';
import { csvTable, keyOfWord, pastedTable } from './tables.js';

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

  test('a first line that names columns after renaming the first is a header still, its other names kept as written', () => {
    const text = 'Full name,Role,Unit\nAnn,official,\n';
    expect(pastedTable(text, columns)).toEqual([
      { line: 2, cells: { 'Full name': 'Ann', role: 'official', unit: null } },
    ]);
  });

  test('a header may name a column by any of its words, in any case; a cell naming none is kept as written', () => {
    const names = { name: ['이름', 'Name'], role: ['역할'], unit: ['단위'], email: ['이메일', 'E-mail'] };
    expect(pastedTable('이름\t역할\t단위\t이메일\n김민수\tofficial\t\tkim@example.org', columns, names)).toEqual([
      { line: 2, cells: { name: '김민수', role: 'official', unit: null, email: 'kim@example.org' } },
    ]);
    expect(pastedTable('역할,NAME,e-mail\nobserver,Ann,', columns, names)).toEqual([
      { line: 2, cells: { role: 'observer', name: 'Ann', email: null } },
    ]);
    expect(pastedTable('이름,직책\n김민수,official', columns, names)).toEqual([
      { line: 2, cells: { name: '김민수', 직책: 'official' } },
    ]);
  });

  test('a first line naming no column is read as a row, whatever its words', () => {
    expect(pastedTable('Ann Role,official\nBo,presenter', columns)).toEqual([
      { line: 1, cells: { name: 'Ann Role', role: 'official', unit: null, email: null } },
      { line: 2, cells: { name: 'Bo', role: 'presenter', unit: null, email: null } },
    ]);
  });
});

describe('cells read as keys', () => {
  test('a cell names a key by the key or any of its words, in any case; a cell naming none reads as null', () => {
    const roleOf = keyOfWord(['presenter', 'observer'], {
      presenter: ['Presenter', '발표자'],
      observer: ['Observer', '참관 화면'],
    });
    expect(['발표자', 'PRESENTER', ' presenter ', '참관 화면', 'observer'].map(roleOf)).toEqual([
      'presenter',
      'presenter',
      'presenter',
      'observer',
      'observer',
    ]);
    expect(['mayor', '발표', '', null].map(roleOf)).toEqual([null, null, null, null]);
  });
});

describe('pasted tables whose lines disagree on the separator', () => {
  const row = (line: number, name: string, role: string, unit: string | null, email: string | null) => ({
    line,
    cells: { name, role, unit, email },
  });

  test('a semicolon line among comma lines is split on its semicolons', () => {
    const text = ['Ann, official, , ann@example.org', 'Yoon; inspector; ; yoon@example.com'].join('\n');
    expect(pastedTable(text, columns)).toEqual([
      row(1, 'Ann', 'official', null, 'ann@example.org'),
      row(2, 'Yoon', 'inspector', null, 'yoon@example.com'),
    ]);
  });

  test('a comma in a semicolon line stays in its field when the semicolons give the columns', () => {
    const text = ['Bo, presenter, Mill No. 2', 'Kim, Minsu; presenter; Mill No. 2; kim@example.org'].join('\n');
    expect(pastedTable(text, columns)).toEqual([
      row(1, 'Bo', 'presenter', 'Mill No. 2', null),
      row(2, 'Kim, Minsu', 'presenter', 'Mill No. 2', 'kim@example.org'),
    ]);
  });

  test('quoted fields keep their commas, semicolons and quotes, after a space too', () => {
    const text = [
      '"Lee, Min", official, "Mill; North", lee@example.org',
      'Park, presenter, "The ""Big"" Mill", ',
      '"Choi; Ara";observer;;',
    ].join('\n');
    expect(pastedTable(text, columns)).toEqual([
      row(1, 'Lee, Min', 'official', 'Mill; North', 'lee@example.org'),
      row(2, 'Park', 'presenter', 'The "Big" Mill', null),
      row(3, 'Choi; Ara', 'observer', null, null),
    ]);
  });

  test('a spreadsheet paste is split on its tabs, whatever its cells hold; a typed line after it on its commas', () => {
    const text = [
      'Name\tRole\tUnit',
      'Kim, Minsu\tpresenter\tMill; North',
      'Ann\tofficial\t',
      'Yoon, inspector, ',
    ].join('\r\n');
    expect(pastedTable(text, columns)).toEqual([
      { line: 2, cells: { name: 'Kim, Minsu', role: 'presenter', unit: 'Mill; North' } },
      { line: 3, cells: { name: 'Ann', role: 'official', unit: null } },
      { line: 4, cells: { name: 'Yoon', role: 'inspector', unit: null } },
    ]);
  });

  test('a quoted field may span lines; the row is numbered by its first line', () => {
    const text = 'Ann, official, "Mill\nNo. 2", \nBo, presenter';
    expect(pastedTable(text, columns)).toEqual([
      row(1, 'Ann', 'official', 'Mill\nNo. 2', null),
      { line: 3, cells: { name: 'Bo', role: 'presenter', unit: null, email: null } },
    ]);
  });

  test('Windows line breaks and a blank line before a line of two separators lose no row and keep its number', () => {
    const text = ['Ann, official', '', 'Kim, Minsu; presenter; Mill No. 2; kim@example.org', 'Bo, presenter'].join(
      '\r\n',
    );
    expect(pastedTable(text, columns)).toEqual([
      { line: 1, cells: { name: 'Ann', role: 'official', unit: null, email: null } },
      row(3, 'Kim, Minsu', 'presenter', 'Mill No. 2', 'kim@example.org'),
      { line: 4, cells: { name: 'Bo', role: 'presenter', unit: null, email: null } },
    ]);
  });

  test('a quote never closed is refused, saying so', () => {
    expect(() => pastedTable('Ann, official\n"Bo, presenter\nCy, observer', columns)).toThrow(
      'The file cannot be read: Quote Not Closed',
    );
  });
});

describe('CSV files', () => {
  test('a comma file keeps a semicolon inside a field; a semicolon file a comma', () => {
    const header = 'id,name,kind';
    expect(csvTable(`${header}\nmill-2,Mill; North,enterprise\n`)).toEqual([
      { line: 2, cells: { id: 'mill-2', name: 'Mill; North', kind: 'enterprise' } },
    ]);
    expect(csvTable('id;name;kind\nmill-2;Mill, North;enterprise\nmill-3;"Mill; South";enterprise')).toEqual([
      { line: 2, cells: { id: 'mill-2', name: 'Mill, North', kind: 'enterprise' } },
      { line: 3, cells: { id: 'mill-3', name: 'Mill; South', kind: 'enterprise' } },
    ]);
  });
});
