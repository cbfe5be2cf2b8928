import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { changeLanguage, i18n } from '../../i18n';
import { cellLabels } from './testing/cellLabels';
import { renderAdmin } from './testing/renderAdmin';
import { ok } from './testing/stubServer';

const adminLink = 'https://plenum.example/admin#token=new-admin-secret';

async function openAdministrators(routes: Parameters<typeof renderAdmin>[0] = {}) {
  const server = await renderAdmin(routes);
  fireEvent.click(screen.getByRole('tab', { name: 'Administrators' }));
  await screen.findByTestId('administrators');
  return server;
}

describe('the administrators', () => {
  afterEach(() => changeLanguage('en', { persist: false }));

  test('another administrator can be revoked after a question; the one signed in cannot revoke themself', async () => {
    const server = await openAdministrators({ 'POST /api/admin/administrators/admin-2/revoke': ok({}) });
    expect(screen.getByTestId('administrator-admin-1')).toHaveTextContent('You');
    expect(within(screen.getByTestId('administrator-admin-1')).queryByRole('button')).not.toBeInTheDocument();
    // On a phone the row stacks, each field beside its column's name.
    expect(cellLabels(screen.getByTestId('administrator-admin-2'))).toEqual(['Invited', 'Link', null]);

    fireEvent.click(screen.getByRole('button', { name: /Revoke.*Park Seo-yeon/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the link of Park Seo-yeon?' });
    expect(server.sent('POST', '/api/admin/administrators/admin-2/revoke')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('The link of Park Seo-yeon is revoked.')).toBeInTheDocument();
    expect(server.sent('POST', '/api/admin/administrators/admin-2/revoke')).toHaveLength(1);
  });

  test('inviting one shows their link once: after it is put away, it is nowhere on the page', async () => {
    const server = await openAdministrators({
      'POST /api/admin/administrators': ok({
        administrator: { id: 'admin-3', name: 'Choi Yuna', role: 'administrator', unitId: null },
        link: adminLink,
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Fill this in.');
    expect(server.sent('POST', '/api/admin/administrators')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Choi Yuna' } });
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'yuna@example.org' } });
    // The e-mail's language is this screen's unless chosen.
    expect(screen.getByLabelText('Language of the e-mail')).toHaveValue('en');
    fireEvent.change(screen.getByLabelText('Language of the e-mail'), { target: { value: 'ko' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));

    const notice = await screen.findByTestId('administrator-link');
    expect(notice).toHaveTextContent('This link is shown only this once');
    expect(within(notice).getByLabelText('Link')).toHaveValue(adminLink);
    expect(server.sent('POST', '/api/admin/administrators')[0]?.json).toEqual({
      name: 'Choi Yuna',
      email: 'yuna@example.org',
      language: 'ko',
    });
    await waitFor(() => expect(server.sent('GET', '/api/admin/administrators')).toHaveLength(2));

    fireEvent.click(within(notice).getByRole('button', { name: 'Copy the link' }));
    expect(await within(notice).findByText('The link is copied.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(adminLink);

    fireEvent.click(within(notice).getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByTestId('administrator-link')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('new-admin-secret');
  });

  test('on a Korean page a refused field says why in Korean, and nothing is sent', async () => {
    const server = await openAdministrators();
    await act(() => changeLanguage('ko', { persist: false }));
    const form = screen.getByTestId('administrator-invite');
    fireEvent.change(within(form).getByLabelText(i18n.t('admin.administrators.name')), {
      target: { value: '최유나' },
    });
    fireEvent.change(within(form).getByLabelText(i18n.t('admin.administrators.email')), {
      target: { value: 'yuna at example' },
    });
    fireEvent.click(within(form).getByRole('button', { name: i18n.t('admin.administrators.invite') }));
    expect(within(form).getByLabelText(i18n.t('admin.administrators.email'))).toHaveAccessibleDescription(
      /올바른 이메일 주소가 아닙니다\.$/,
    );
    expect(server.sent('POST', '/api/admin/administrators')).toHaveLength(0);
  });
});
