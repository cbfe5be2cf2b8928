import type { ReportImportPreview } from '@plenum/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { inviteTokenKey } from '../../app/inviteToken';
import { ids, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import Dashboard from '../../widgets/dashboard/Dashboard';
import { ParticipantView } from '../participant/ParticipantView';

/** The browser's fetch, answered here: the server's side is tested in tests/integration/reportImport.test.ts. */
function stubFetch(...answers: { status: number; body: unknown }[]) {
  const fetch = vi.fn((_url: string, _init?: RequestInit) => {
    const answer = answers.shift()!;
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const csv = 'Unit id,Indicator id,Indicator,Measure,Planned,Reported\nunit-north,ind-cement,Cement,t,1000,700\n';
const report = {
  unitId: ids.unit,
  note: null,
  indicators: [
    {
      id: 'ind-cement',
      name: 'Cement',
      measure: 't',
      planned: 1000,
      reported: 700,
      weight: 1,
      isProduction: false,
      previous: null,
      partOf: null,
    },
  ],
};
const valid: ReportImportPreview = {
  valid: true,
  rows: [{ line: 2, unitId: ids.unit, indicatorId: 'ind-cement', errors: [] }],
  reports: [report],
};
const invalid: ReportImportPreview = {
  valid: false,
  rows: [
    {
      line: 2,
      unitId: ids.otherUnit,
      indicatorId: 'ind-milk',
      errors: [{ column: 'Unit id', message: 'Not yours.', problem: 'not-your-unit' }],
    },
  ],
  reports: [],
};

async function chooseFile() {
  fireEvent.click(screen.getByTestId('tab-report'));
  const panel = await screen.findByTestId('report-import');
  const input = within(panel).getByLabelText('Choose a CSV or XLSX file');
  fireEvent.change(input, { target: { files: [new File([csv], 'results.csv', { type: 'text/csv' })] } });
  return panel;
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
});

describe('import of plans and results on the report form', () => {
  test('a valid file is previewed with the tab’s token, then its reports are submitted', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'presenter-token');
    const fetch = stubFetch(
      { status: 200, body: { ok: true, data: valid } },
      { status: 200, body: { ok: true, data: valid } },
    );
    await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    const panel = await chooseFile();
    expect(await within(panel).findByTestId('report-import-summary')).toHaveTextContent(
      'results.csv: 1 row, 0 not valid.',
    );
    expect(within(panel).getByTestId('report-import-row-2')).toHaveTextContent('North County Cement Works');
    expect(fetch).toHaveBeenCalledWith(`/api/sessions/${ids.session}/reports/preview`, {
      method: 'POST',
      headers: { authorization: 'Bearer presenter-token', 'content-type': 'text/csv' },
      body: csv,
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Submit the reports from the file' }));
    expect(
      await within(panel).findByText('results.csv is applied: the report of 1 unit is submitted.'),
    ).toBeInTheDocument();
    expect(fetch.mock.calls[1]![0]).toBe(`/api/sessions/${ids.session}/reports`);
  });

  test('a file with a row of another unit names the line and the column, and cannot be applied', async () => {
    stubFetch({ status: 200, body: { ok: true, data: invalid } });
    await renderSession(<ParticipantView role="presenter" />, participants.presenter);
    const panel = await chooseFile();
    const row = await within(panel).findByTestId('report-import-row-2');
    expect(row).toHaveTextContent('Column Unit id: not a unit of yours');
    expect(within(panel).getByTestId('report-import-apply')).toBeDisabled();
  });

  test('the chair imports from the dashboard, beside the results download', async () => {
    await renderSession(<Dashboard />, participants.chair);
    expect(screen.getByTestId('report-import')).toBeInTheDocument();
    expect(screen.getByLabelText('Choose a CSV or XLSX file')).toBeEnabled();
  });

  test('an official’s dashboard has no import', async () => {
    await renderSession(<Dashboard />, participants.official);
    expect(screen.getByTestId('dashboard')).toBeInTheDocument();
    expect(screen.queryByTestId('report-import')).toBeNull();
  });
});
