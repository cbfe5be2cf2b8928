import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { inviteTokenKey } from '../../app/inviteToken';
import { ids, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import Dashboard from '../dashboard/Dashboard';
import Minutes from './Minutes';

/** The browser's fetch and object URLs, answered here: the server's side is tested in tests/integration/records.test.ts. */
function stubBrowser(response: Response) {
  const fetch = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(response));
  vi.stubGlobal('fetch', fetch);
  const saved: string[] = [];
  URL.createObjectURL = vi.fn(() => 'blob:record');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  return { fetch, saved };
}

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.sessionStorage.clear();
  await changeLanguage('en', { persist: false });
});

describe('record downloads', () => {
  test('the minutes of one day download with the tab’s invite token, in the screen’s language', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'chair-token');
    const { fetch, saved } = stubBrowser(
      new Response('# 회의록', {
        headers: { 'content-disposition': 'attachment; filename="2026-Q1-minutes-day-1.ko.md"' },
      }),
    );
    await renderSession(<Minutes />, participants.chair);
    await changeLanguage('ko', { persist: false });
    fireEvent.change(screen.getByTestId('minutes-scope'), { target: { value: ids.dayOne } });
    fireEvent.click(await screen.findByTestId('download-minutes.md'));
    await waitFor(() => expect(saved).toEqual(['2026-Q1-minutes-day-1.ko.md']));
    expect(fetch).toHaveBeenCalledWith(`/api/sessions/${ids.session}/minutes.md?lang=ko&day=1`, {
      headers: { authorization: 'Bearer chair-token' },
    });
    expect(screen.getByTestId('download-archive.json')).toBeInTheDocument();
  });

  test('the chair finds the tables with the minutes, as on the dashboard, and takes one of the day shown', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'chair-token');
    const { fetch, saved } = stubBrowser(
      new Response('unit,indicator', {
        headers: { 'content-disposition': 'attachment; filename="2026-Q1-criticisms-day-1.en.csv"' },
      }),
    );
    await renderSession(<Minutes />, participants.chair);
    const downloads = await screen.findByRole('group', { name: 'Download' });
    for (const file of [
      'results.xlsx',
      'results.csv',
      'verifications.csv',
      'criticisms.csv',
      'directives.csv',
      'warnings.csv',
    ]) {
      expect(within(downloads).getByTestId(`download-${file}`)).toBeInTheDocument();
    }
    fireEvent.change(screen.getByTestId('minutes-scope'), { target: { value: ids.dayOne } });
    fireEvent.click(within(downloads).getByTestId('download-criticisms.csv'));
    await waitFor(() => expect(saved).toEqual(['2026-Q1-criticisms-day-1.en.csv']));
    expect(fetch).toHaveBeenCalledWith(`/api/sessions/${ids.session}/criticisms.csv?lang=en&day=1`, {
      headers: { authorization: 'Bearer chair-token' },
    });
  });

  test('a refusal is said in words; an official has no archive button', async () => {
    stubBrowser(
      new Response(
        JSON.stringify({
          type: 'urn:plenum:problem:UNAUTHENTICATED',
          title: 'Not signed in',
          status: 401,
          detail: 'Sign in again.',
          instance: '/api/sessions/s/results.xlsx',
          code: 'UNAUTHENTICATED',
        }),
        {
          status: 401,
        },
      ),
    );
    await renderSession(<Dashboard />, participants.official);
    fireEvent.click(screen.getByTestId('download-results.xlsx'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The file could not be downloaded:');
    expect(alert).not.toHaveTextContent('Sign in again.');
    expect(screen.queryByTestId('download-archive.json')).toBeNull();
  });

  test('an unreachable server is said in the screen’s language, not in the fetch’s English', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await renderSession(<Minutes />, participants.chair);
    await changeLanguage('ko', { persist: false });
    fireEvent.click(await screen.findByTestId('download-minutes.pdf'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('파일을 내려받지 못했습니다: 서버에 연결할 수 없습니다.');
    expect(alert).not.toHaveTextContent('The server cannot be reached.');
  });
});
