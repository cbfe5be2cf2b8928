import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApiTokenSummary } from '@plenum/shared';
import { afterEach, describe, expect, test } from 'vitest';
import { changeLanguage, i18n } from '../../i18n';
import { cellLabels } from './testing/cellLabels';
import { renderAdmin } from './testing/renderAdmin';
import { refused } from './testing/stubServer';

const secret = 'plnm_new-token-secret';
const reporting: ApiTokenSummary = {
  id: 'tok-1',
  name: 'Reporting system',
  scopes: ['read:sessions', 'read:records'],
  createdAt: '2026-04-01T08:00:00.000Z',
  expiresAt: '2099-07-01T08:00:00.000Z',
  revokedAt: null,
  lastUsedAt: '2026-04-12T10:00:00.000Z',
  useCount: 41,
};

async function openApiTokens(routes: Parameters<typeof renderAdmin>[0] = {}) {
  const server = await renderAdmin({ 'GET /api/v1/admin/tokens': { body: { apiTokens: [reporting] } }, ...routes });
  fireEvent.click(screen.getByRole('tab', { name: 'API tokens' }));
  await screen.findByTestId('api-tokens');
  return server;
}

describe('the API tokens', () => {
  afterEach(() => changeLanguage('en', { persist: false }));

  test('each token is listed with its scopes, last use and expiry; revoking one asks first', async () => {
    const server = await openApiTokens({ 'POST /api/v1/admin/tokens/tok-1/revoke': { body: { tokenId: 'tok-1' } } });
    const row = screen.getByTestId('api-token-tok-1');
    expect(row).toHaveTextContent('read:sessions, read:records');
    expect(row).toHaveTextContent('41 uses');
    expect(row).toHaveTextContent('Active until');
    // On a phone the row stacks, each field beside its column's name.
    expect(cellLabels(row)).toEqual(['Scopes', 'Created', 'Last used', 'Standing', null]);
    // Each scope is offered with what it allows, although its name holds a colon.
    const scopes = screen.getByRole('group', { name: 'Scopes' });
    expect(
      within(scopes).getByRole('checkbox', { name: /read:sessions — read the register, the sessions/ }),
    ).toBeInTheDocument();

    fireEvent.click(within(row).getByRole('button', { name: /Revoke.*Reporting system/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the API token “Reporting system”?' });
    expect(server.sent('POST', '/api/v1/admin/tokens/tok-1/revoke')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('The API token “Reporting system” is revoked.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/v1/admin/tokens/tok-1/revoke')).toHaveLength(1);
  });

  test('a new token needs a name and a scope, is shown once with a copy button, and is gone once put away', async () => {
    const server = await openApiTokens({
      'POST /api/v1/admin/tokens': {
        status: 201,
        body: { apiToken: { ...reporting, id: 'tok-2', name: 'Ledger', useCount: 0, lastUsedAt: null }, token: secret },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create the token' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Fill this in\./);
    expect(screen.getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription('Choose at least one scope.');
    expect(server.sent('POST', '/api/v1/admin/tokens')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ledger' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /write:reports/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /read:sessions/ }));
    fireEvent.change(screen.getByLabelText('Expiry'), { target: { value: 'never' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the token' }));

    const notice = await screen.findByTestId('api-token-created');
    expect(notice).toHaveTextContent('This token is shown only this once');
    expect(within(notice).getByLabelText('Token')).toHaveValue(secret);
    expect(server.sent('POST', '/api/v1/admin/tokens')[0]?.json).toEqual({
      name: 'Ledger',
      scopes: ['read:sessions', 'write:reports'],
      expiresAt: null,
    });
    await waitFor(() => expect(server.sent('GET', '/api/v1/admin/tokens')).toHaveLength(2));

    fireEvent.click(within(notice).getByRole('button', { name: 'Copy the token' }));
    expect(await within(notice).findByText('The token is copied.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(secret);
    fireEvent.click(within(notice).getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByTestId('api-token-created')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(secret);
  });

  test('a refusal from the server is said, naming the refused field', async () => {
    await openApiTokens({
      'POST /api/v1/admin/tokens': refused(400, 'INVALID_PAYLOAD', {
        issues: [{ path: 'expiresAt', message: 'The expiry must be in the future.' }],
      }),
    });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ledger' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /read:records/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create the token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('some details are missing or not valid');
    expect(screen.getByText('The expiry must be in the future: choose another.')).toBeInTheDocument();
  });

  test('a name another token already has is refused beside the name field, in English and in Korean', async () => {
    const server = await openApiTokens({
      'POST /api/v1/admin/tokens': refused(400, 'INVALID_PAYLOAD', {
        issues: [
          {
            path: 'name',
            message: 'Another API token, not revoked, already has this name.',
            reason: { code: 'api-token-name-taken' },
          },
        ],
      }),
    });
    const tryName = (language: 'en' | 'ko') => {
      const name = screen.getByLabelText(i18n.t('admin.apiTokens.name'));
      fireEvent.change(name, { target: { value: 'reporting system' } });
      fireEvent.click(screen.getByRole('button', { name: i18n.t('admin.apiTokens.create') }));
      return waitFor(() =>
        expect(name).toHaveAccessibleDescription(
          language === 'en'
            ? /already the name of a token not revoked: choose another/
            : /폐기되지 않은 다른 토큰이 이미 쓰는 이름입니다/,
        ),
      );
    };
    fireEvent.click(screen.getByRole('checkbox', { name: /read:records/ }));
    await tryName('en');
    await act(() => changeLanguage('ko', { persist: false }));
    await tryName('ko');
    expect(server.sent('POST', '/api/v1/admin/tokens')).toHaveLength(2);
  });

  test('in Korean the scopes name the register with the word its tab uses', async () => {
    await openApiTokens();
    await act(() => changeLanguage('ko', { persist: false }));
    const register = screen.getByRole('tab', { name: i18n.t('admin.tabs.register') });
    expect(register).toHaveTextContent('단위 명부');
    const scopes = screen.getByRole('group', { name: i18n.t('admin.apiTokens.scopes') });
    expect(within(scopes).getByRole('checkbox', { name: /read:sessions/ })).toHaveAccessibleName(
      /read:sessions — 단위 명부, 회의/,
    );
  });
});
