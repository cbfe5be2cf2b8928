import type { ImportPreview, OrganisationUnit, SessionSummary } from '@plenum/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { renderAdmin } from './testing/renderAdmin';
import { ok, refused } from './testing/stubServer';

const csv = [
  'id,name,kind,parentId,ownership,sector,class,region',
  'lake-county,Lake County,county,north,state,Administration,,North',
  'glass,Lake Glass Works,factory,lake-county,state,Industry,2nd class,North',
].join('\n');

/** The unit the import's first line and the unit form add. */
const lakeCounty: OrganisationUnit = {
  id: 'lake-county',
  name: 'Lake County',
  kind: 'county',
  parentId: 'north',
  ownership: 'state',
  sector: 'Administration',
  class: null,
  region: 'North',
};

const badPreview: ImportPreview = {
  valid: false,
  rows: [
    {
      line: 2,
      unit: lakeCounty,
      effect: 'add',
      errors: [],
    },
    {
      line: 3,
      unit: null,
      effect: null,
      errors: [
        {
          column: 'kind',
          message: 'Invalid option',
          problem: 'invalid-option',
          options: ['centre', 'province', 'city', 'county', 'enterprise', 'department'],
        },
      ],
    },
  ],
  counts: { add: 1, update: 0, unchanged: 0, invalid: 1 },
};

const goodPreview: ImportPreview = {
  valid: true,
  rows: [badPreview.rows[0]!],
  counts: { add: 1, update: 0, unchanged: 0, invalid: 0 },
};

const preview = 'POST /api/organisations/org-north/units/preview';
const commitments = 'GET /api/v1/organisations/org-north/units/river-county/commitments';

/** A review session as a unit's commitments name it. */
const heldIn = (sessionId: string, title: string, period: string, status: SessionSummary['status']) => ({
  sessionId,
  title,
  period,
  status,
});
const apply = 'POST /api/organisations/org-north/units';

async function openRegister(routes: Parameters<typeof renderAdmin>[0]) {
  const server = await renderAdmin(routes);
  fireEvent.click(screen.getByRole('tab', { name: 'Register' }));
  await screen.findByRole('list', { name: 'Units, from the centre down' });
  return server;
}

const choose = (name: string, text: string, type = 'text/csv') =>
  fireEvent.change(screen.getByLabelText('Choose a CSV or XLSX file'), {
    target: { files: [new File([text], name, { type })] },
  });

describe('the register', () => {
  afterEach(() => changeLanguage('en', { persist: false }));

  test('shows the units as a tree with their kind, ownership, sector and region; retired units only when asked', async () => {
    await openRegister({});
    const province = screen.getByTestId('unit-north');
    expect(within(province).getByTestId('unit-river-county')).toHaveTextContent('River County');
    expect(within(province).getByTestId('unit-river-county')).toHaveTextContent('County');
    expect(province).toHaveTextContent('State-run');
    expect(province).toHaveTextContent('Region: North');
    expect(screen.queryByText('North Steel Works')).not.toBeInTheDocument();

    fireEvent.click(screen.getByLabelText('Show the retired unit (1)'));
    expect(screen.getByTestId('unit-steel-retired')).toHaveTextContent('Retired');
    expect(within(screen.getByTestId('unit-steel')).queryByRole('button', { name: /Retire/ })).not.toBeInTheDocument();
  });

  test('retiring a unit asks first, saying its history is kept', async () => {
    const server = await openRegister({
      [commitments]: { body: { sessions: [] } },
      'POST /api/organisations/org-north/units/river-county/retire': ok({}),
    });
    fireEvent.click(screen.getByTestId('unit-river-county-retire'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Retire River County?' });
    expect(dialog).toHaveTextContent('Its history is kept');
    expect(dialog).not.toHaveTextContent('agenda of');
    expect(server.sent('POST', '/api/organisations/org-north/units/river-county/retire')).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Retire' }));
    expect(await screen.findByText('River County is retired; its history is kept.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/organisations/org-north/units/river-county/retire')).toHaveLength(1);
  });

  test('retiring a unit still on an open review’s agenda, holding open directives or under open warnings says which review and how many, and still retires it', async () => {
    const server = await openRegister({
      [commitments]: {
        body: {
          sessions: [
            {
              ...heldIn('q4-2025', 'Fourth-quarter review', '2025-Q4', 'closed'),
              items: 0,
              directives: 1,
              warnings: 0,
            },
            {
              ...heldIn('q1-2026', 'First-quarter review', '2026-Q1', 'in-session'),
              items: 2,
              directives: 3,
              warnings: 1,
            },
            {
              ...heldIn('q2-2026', 'Second-quarter review', '2026-Q2', 'closed'),
              items: 0,
              directives: 0,
              warnings: 2,
            },
          ],
        },
      },
      'POST /api/organisations/org-north/units/river-county/retire': ok({}),
    });
    fireEvent.click(screen.getByTestId('unit-river-county-retire'));
    expect(screen.getByRole('status')).toHaveTextContent('Checking what River County still has open');

    const dialog = await screen.findByRole('alertdialog', { name: 'Retire River County?' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((line) => line.textContent),
    ).toEqual([
      'It holds 1 open directive in “Fourth-quarter review” (2025-Q4, Closed).',
      'It is still on the agenda of “First-quarter review” (2026-Q1, In session): 2 items not yet heard.',
      'It holds 3 open directives in “First-quarter review” (2026-Q1, In session).',
      'It is under 1 open warning in “First-quarter review” (2026-Q1, In session): neither lifted nor escalated.',
      'It is under 2 open warnings in “Second-quarter review” (2026-Q2, Closed): neither lifted nor escalated.',
      'Retiring leaves these as they stand: its items stay on those agendas, and its directives and warnings stay open.',
      'It will no longer be offered for new sessions, invitations or the agenda.',
      'Its history is kept: past sessions, reports, directives and warnings still name it.',
    ]);
    expect(dialog).toHaveAccessibleDescription(/2 items not yet heard/);
    await act(() => changeLanguage('ko', { persist: false }));
    expect(dialog).toHaveTextContent(
      '“Second-quarter review”(2026-Q2, 폐회)에 해제되지도 상향 조치되지도 않은 경고 2건이 남아 있습니다.',
    );
    await act(() => changeLanguage('en', { persist: false }));
    expect(server.sent('GET', '/api/v1/organisations/org-north/units/river-county/commitments')[0]?.authorization).toBe(
      'Bearer admin-token',
    );

    fireEvent.click(within(dialog).getByRole('button', { name: 'Retire' }));
    expect(await screen.findByText('River County is retired; its history is kept.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/organisations/org-north/units/river-county/retire')).toHaveLength(1);
  });

  test('when what a unit still has open cannot be read, the question says so and retiring stays possible', async () => {
    const server = await openRegister({
      [commitments]: refused(500, 'INTERNAL'),
      'POST /api/organisations/org-north/units/river-county/retire': ok({}),
    });
    fireEvent.click(screen.getByTestId('unit-river-county-retire'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Retire River County?' });
    expect(dialog).toHaveTextContent(
      "Whether it is still on an open session's agenda, or holds open directives or warnings, could not be checked.",
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retire' }));
    expect(await screen.findByText('River County is retired; its history is kept.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/organisations/org-north/units/river-county/retire')).toHaveLength(1);
  });
});

describe('a unit of the register', () => {
  test('is added with the form, checked before it is sent', async () => {
    const server = await openRegister({ 'PUT /api/organisations/org-north/units/lake-county': ok({}) });
    fireEvent.click(screen.getByRole('button', { name: 'Add a unit' }));
    const form = screen.getByTestId('unit-form');
    expect(within(form).getByRole('heading', { name: 'Add a unit' })).toHaveFocus();

    fireEvent.change(within(form).getByLabelText('Identifier'), { target: { value: 'river-county' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the unit' }));
    expect(within(form).getByLabelText('Identifier')).toHaveAccessibleDescription(
      /A unit of the register has this identifier already\./,
    );
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('Fill this in.');

    fireEvent.change(within(form).getByLabelText('Identifier'), { target: { value: 'lake-county' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Lake County' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'county' } });
    fireEvent.change(within(form).getByLabelText('Parent unit'), { target: { value: 'north' } });
    fireEvent.change(within(form).getByLabelText('Sector'), { target: { value: 'Administration' } });
    fireEvent.change(within(form).getByLabelText('Region'), { target: { value: 'North' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the unit' }));

    expect(await screen.findByText('Lake County is added to the register.')).toBeInTheDocument();
    expect(server.sent('PUT', '/api/organisations/org-north/units/lake-county')[0]?.json).toEqual(lakeCounty);
  });

  test('is moved under another parent, never under itself, a unit below it or a retired one', async () => {
    const server = await openRegister({ 'PUT /api/organisations/org-north/units/river-county': ok({}) });
    fireEvent.click(screen.getByRole('button', { name: /Move.*River County/ }));
    const form = screen.getByTestId('unit-form');
    const parent = within(form).getByLabelText('New parent unit');
    expect(parent).toHaveValue('north');
    expect(
      within(parent)
        .getAllByRole('option')
        .map((option) => option.getAttribute('value')),
    ).toEqual(['', 'north']);

    fireEvent.change(parent, { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Move here' }));
    expect(await screen.findByText('River County is moved.')).toBeInTheDocument();
    const [sent] = server.sent('PUT', '/api/organisations/org-north/units/river-county');
    expect(sent?.json).toMatchObject({ id: 'river-county', parentId: null, kind: 'county' });
  });

  test('a move the server refuses says why beside the parent, in the page’s words', async () => {
    await openRegister({
      'PUT /api/organisations/org-north/units/river-county': refused(409, 'CONFLICT', {
        issues: [
          {
            path: 'parentId',
            message: 'a unit cannot be placed under itself or one of its own units',
            reason: { code: 'parent-cycle' },
          },
        ],
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: /Move.*River County/ }));
    const form = screen.getByTestId('unit-form');
    fireEvent.change(within(form).getByLabelText('New parent unit'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Move here' }));

    const error = await within(form).findByTestId('unit-form-parent-error');
    expect(error).toHaveTextContent('It cannot go under the unit itself or one of its own units.');
    expect(within(form).getByLabelText('New parent unit')).toHaveAccessibleDescription(error.textContent);
  });
});

describe('importing the register', () => {
  test('a file with a bad row is previewed row by row, naming the column, and cannot be applied', async () => {
    const server = await openRegister({ [preview]: ok(badPreview) });
    choose('register.csv', csv);

    const table = await screen.findByRole('table', { name: 'Rows of register.csv' });
    const bad = within(table).getByTestId('import-row-3');
    expect(bad).toHaveTextContent('Not valid');
    expect(bad).toHaveTextContent('Column kind: must be one of centre, province, city, county, enterprise, department');
    expect(within(table).getByTestId('import-row-2')).toHaveTextContent('Adds');
    expect(screen.getByTestId('import-summary')).toHaveTextContent('1 to add, 0 to update, 0 unchanged, 1 not valid');
    expect(screen.getByTestId('import-summary')).toHaveTextContent('Nothing can be applied until every row is valid');
    expect(screen.getByRole('button', { name: 'Apply the file' })).toBeDisabled();

    const [sent] = server.sent('POST', '/api/organisations/org-north/units/preview');
    expect(sent?.contentType).toBe('text/csv');
    expect(sent?.body).toBe(csv);
    expect(server.sent('POST', '/api/organisations/org-north/units')).toHaveLength(0);
  });

  test('a valid file is applied, then the register is read again', async () => {
    const server = await openRegister({ [preview]: ok(goodPreview), [apply]: ok(goodPreview) });
    choose('register.csv', csv);

    const applyButton = await screen.findByRole('button', { name: 'Apply the file' });
    expect(applyButton).toBeEnabled();
    fireEvent.click(applyButton);
    expect(await screen.findByText('register.csv is applied: 1 added, 0 updated.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/organisations/org-north/units')[0]?.body).toBe(csv);
    await waitFor(() => expect(server.sent('GET', '/api/organisations/org-north/units')).toHaveLength(2));
  });

  test('an XLSX file is sent as its bytes; a refusal at apply shows the server’s preview and applies nothing', async () => {
    const server = await openRegister({
      [preview]: ok(goodPreview),
      [apply]: refused(422, 'INVALID_PAYLOAD', { data: badPreview }),
    });
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    choose('register.xlsx', 'PK-bytes', xlsx);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply the file' }));

    expect(await screen.findByText(/Nothing was applied\./)).toBeInTheDocument();
    expect(screen.getByTestId('import-row-3')).toHaveTextContent('Column kind');
    expect(screen.getByRole('button', { name: 'Apply the file' })).toBeDisabled();
    const [sent] = server.sent('POST', '/api/organisations/org-north/units/preview');
    expect(sent?.contentType).toBe(xlsx);
    expect(sent?.body).toBeInstanceOf(Blob);
  });

  test('a file that is neither CSV nor XLSX is named and never sent', async () => {
    const server = await openRegister({});
    choose('register.pdf', '%PDF', 'application/pdf');
    expect(await screen.findByRole('alert')).toHaveTextContent('register.pdf is neither a CSV nor an XLSX file.');
    expect(server.sent('POST', '/api/organisations/org-north/units/preview')).toHaveLength(0);
  });
});
