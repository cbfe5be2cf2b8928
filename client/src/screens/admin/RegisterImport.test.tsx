import type { FileProblem, Problem } from '@plenum/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { refusalOf } from '../../api/request';
import { changeLanguage } from '../../i18n';
import type { AdminApi } from './adminApi';
import { RegisterImport } from './RegisterImport';

/** The server's refusal of a file as a whole, read as the client reads every problem. */
async function refusal(file: FileProblem, detail: string) {
  const problem: Problem = {
    type: 'urn:plenum:problem:INVALID_PAYLOAD',
    title: 'The request is not valid',
    status: 400,
    detail,
    instance: '/api/organisations/northern-province/units/preview',
    code: 'INVALID_PAYLOAD',
    preview: { file },
  };
  return refusalOf(new Response(JSON.stringify(problem), { status: 400 }));
}

/** Drops `name` on the register's file picker, the server refusing it with `file`; the note said under the picker. */
async function dropRefused(file: FileProblem, name: string) {
  const failure = await refusal(file, 'The English detail, for API callers.');
  const api = { previewImport: vi.fn(() => Promise.reject(failure)) } as unknown as AdminApi;
  render(<RegisterImport api={api} organisationId="northern-province" onApplied={() => undefined} />);
  const panel = screen.getByTestId('register-import');
  fireEvent.change(within(panel).getByTestId('register-file'), { target: { files: [new File(['PK'], name)] } });
  const note = await within(panel).findByRole('alert');
  expect(api.previewImport).toHaveBeenCalledOnce();
  return note.textContent ?? '';
}

describe('a register file refused as a whole', () => {
  afterEach(() => changeLanguage('en', { persist: false }));

  test('a file that is not a workbook says so and how to save it, in English and in Korean', async () => {
    const note = await dropRefused({ problem: 'unreadable-workbook' }, 'register.xlsx');
    expect(note).toContain('This file is not a workbook Plenum can read (.xlsx)');
    expect(note).toContain('as an Excel workbook (.xlsx) or as CSV');
    expect(note).not.toContain('English detail');

    await changeLanguage('ko', { persist: false });
    cleanup();
    expect(await dropRefused({ problem: 'unreadable-workbook' }, 'register.xlsx')).toContain(
      'Plenum이 읽을 수 있는 통합 문서(.xlsx)가 아닙니다',
    );
  });

  test('a header row naming other columns names them and the columns expected, once for the file', async () => {
    const expected = ['id', 'name', 'kind', 'parentId', 'ownership', 'sector', 'class', 'region'];
    const note = await dropRefused(
      { problem: 'unrecognised-columns', unrecognised: ['code', 'title'], expected },
      'register.csv',
    );
    expect(note).toContain(`Plenum expects: ${expected.join(', ')}`);
    expect(note).toContain('Not recognised: code, title');

    await changeLanguage('ko', { persist: false });
    cleanup();
    const ko = await dropRefused({ problem: 'unrecognised-columns', unrecognised: [], expected }, 'register.csv');
    expect(ko).toContain(`기대하는 열: ${expected.join(', ')}`);
    expect(ko).toContain('알 수 없는 열: (없음)');
  });
});
