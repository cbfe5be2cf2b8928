import { schemaMessages, type IssuedLink, type InviteePreview } from '@plenum/shared';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { inviteTokenKey } from '../../app/inviteToken';
import { changeLanguage } from '../../i18n';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, participants } from '../../test/events';
import { SessionPage } from '../../shell/SessionPage';
import { issuedLinksStore } from '../../stores/issuedLinks';
import { renderSession } from '../../test/renderSession';
import { InvitationsPanel } from './InvitationsPanel';

/** The server at the HTTP boundary: answers each request in turn, and keeps what was asked. */
function stubServer(...answers: unknown[]) {
  const requests: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn((url: string, init: RequestInit) => {
    requests.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(answers.shift()), { status: 200 }));
  });
  vi.stubGlobal('fetch', fetch);
  return requests;
}

afterEach(async () => {
  await changeLanguage('en', { persist: false });
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
});

const list = 'Petra Presenter, presenter, South County Dairy, petra@example.org\nOtto, officer, , ';
const badPreview: InviteePreview = {
  valid: false,
  rows: [
    {
      line: 1,
      cells: { name: 'Petra Presenter', role: 'presenter', unit: 'South County Dairy', email: 'petra@example.org' },
      invitee: { name: 'Petra Presenter', role: 'presenter', unitId: ids.otherUnit, email: 'petra@example.org' },
      errors: [],
    },
    {
      line: 2,
      cells: { name: 'Otto', role: 'officer', unit: null, email: null },
      invitee: null,
      errors: [
        { column: 'role', message: 'Invalid option', problem: 'invalid-option', options: ['chair', 'official'] },
      ],
    },
  ],
};
const goodPreview: InviteePreview = {
  valid: true,
  rows: [
    badPreview.rows[0]!,
    {
      line: 2,
      cells: { name: 'Otto', role: 'official', unit: null, email: null },
      invitee: { name: 'Otto', role: 'official', unitId: null, email: null },
      errors: [],
    },
  ],
};
const links: IssuedLink[] = [
  {
    participant: { id: 'p-petra', name: 'Petra Presenter', role: 'presenter', unitId: ids.otherUnit },
    link: 'http://localhost:3000/s/session-1#token=aaa',
  },
  {
    participant: { id: 'p-otto', name: 'Otto', role: 'official', unitId: null },
    link: 'http://localhost:3000/s/session-1#token=bbb',
  },
];

describe('invitations', () => {
  test('a pasted list is checked line by line first, and invited only once every line reads well; the links are shown once', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'chair-token');
    const requests = stubServer(
      { ok: true, data: badPreview },
      { ok: true, data: goodPreview },
      { ok: true, data: { invitations: links } },
    );
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    const paste = screen.getByTestId('paste-invitations');
    fireEvent.change(within(paste).getByLabelText('One person a line: name, role, unit, e-mail'), {
      target: { value: list },
    });
    const check = async () => {
      fireEvent.click(screen.getByTestId('paste-preview'));
      await act(flushMicrotasks);
    };
    await check();

    expect(requests[0]!.url).toBe(`/api/sessions/${ids.session}/invitations/preview`);
    expect(requests[0]!.init).toMatchObject({
      method: 'POST',
      body: list,
      headers: { authorization: 'Bearer chair-token', 'content-type': 'text/plain' },
    });
    const rows = within(screen.getByTestId('paste-rows')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Petra PresenterPresenterSouth County Dairypetra@example.orgReads well');
    // A refused line shows its cells as read: the role typed is there beside the problem.
    expect(rows[2]).toHaveTextContent('OttoofficerColumn Role: must be one of Chair, Official');
    expect(screen.getByTestId('paste-result')).toHaveTextContent('1 line has problems');
    expect(screen.getByTestId('paste-invite')).toBeDisabled();

    fireEvent.change(within(paste).getByRole('textbox'), { target: { value: list.replace('officer', 'official') } });
    await check();
    expect(screen.getByTestId('paste-result')).toHaveTextContent('All 2 lines read well.');
    // Invite what was checked; a change since asks for another check.
    fireEvent.change(within(paste).getByRole('textbox'), { target: { value: `${list} ` } });
    expect(screen.getByTestId('paste-invite')).toBeDisabled();
    fireEvent.change(within(paste).getByRole('textbox'), { target: { value: list.replace('officer', 'official') } });
    fireEvent.click(screen.getByTestId('paste-invite'));
    await act(flushMicrotasks);

    expect(requests[2]!.url).toBe(`/api/sessions/${ids.session}/invitations`);
    expect(requests[2]!.init.body).toBe(list.replace('officer', 'official'));
    const issued = screen.getByTestId('issued-links');
    expect(issued).toHaveTextContent('These links are shown only this once');
    expect(issued).toHaveTextContent('http://localhost:3000/s/session-1#token=aaa');
    expect(issued).toHaveTextContent('http://localhost:3000/s/session-1#token=bbb');
    expect(within(paste).getByRole('textbox')).toHaveValue('');
  });

  test('a line repeating an earlier one or a participant invited already names them; the button counts only the lines that read well', async () => {
    const repeated: InviteePreview = {
      valid: false,
      rows: [
        badPreview.rows[0]!,
        {
          line: 2,
          cells: { name: 'Petra P.', role: 'presenter', unit: 'South County Dairy', email: 'petra@example.org' },
          invitee: null,
          errors: [{ column: 'email', problem: 'invalid', message: 'line 1 names the same person', earlierLine: 1 }],
        },
        {
          line: 3,
          cells: { name: 'Oleg Official', role: 'official', unit: null, email: null },
          invitee: null,
          errors: [
            {
              column: 'name',
              problem: 'invalid',
              message: 'Oleg Official is invited already',
              participant: participants.official,
            },
          ],
        },
      ],
    };
    stubServer({ ok: true, data: repeated });
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    fireEvent.change(within(screen.getByTestId('paste-invitations')).getByRole('textbox'), {
      target: { value: 'three lines' },
    });
    fireEvent.click(screen.getByTestId('paste-preview'));
    await act(flushMicrotasks);

    const rows = within(screen.getByTestId('paste-rows')).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('Column E-mail: the same e-mail as line 1');
    expect(rows[3]).toHaveTextContent('Column Name: Oleg Official is invited already, with this name, role and unit');
    const invite = screen.getByTestId('paste-invite');
    expect(invite).toHaveTextContent('Invite 1 person');
    expect(invite).toBeDisabled();
    expect(invite).toHaveAccessibleDescription(/2 lines have problems/);
  });

  test('on a Korean page a refused line names each column by the words of the form’s fields', async () => {
    const refused: InviteePreview = {
      valid: false,
      rows: [
        {
          line: 1,
          cells: { name: null, role: 'officer', unit: 'Nowhere', email: 'petra@example.org' },
          invitee: null,
          errors: [
            { column: 'name', problem: 'required', message: 'Too small' },
            { column: 'role', problem: 'invalid-option', message: 'Invalid option', options: ['official'] },
            { column: 'unit', problem: 'unknown-unit', message: 'no unit Nowhere in this session' },
          ],
        },
        {
          line: 2,
          cells: { name: 'Petra P.', role: 'official', unit: null, email: 'petra@example.org' },
          invitee: null,
          errors: [{ column: 'email', problem: 'invalid', message: 'line 1 names the same person', earlierLine: 1 }],
        },
        {
          line: 3,
          cells: { name: '\u200b', role: 'official', unit: null, email: null },
          invitee: null,
          errors: [{ column: 'name', problem: 'invalid', message: schemaMessages.visible }],
        },
      ],
    };
    stubServer({ ok: true, data: refused });
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    await act(() => changeLanguage('ko', { persist: false }));
    fireEvent.change(within(screen.getByTestId('paste-invitations')).getByRole('textbox'), {
      target: { value: 'two lines' },
    });
    fireEvent.click(screen.getByTestId('paste-preview'));
    await act(flushMicrotasks);

    const rows = within(screen.getByTestId('paste-rows')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('이름 열: 값을 입력하십시오');
    expect(rows[1]).toHaveTextContent('역할 열: 다음 중 하나여야 합니다: 간부');
    expect(rows[1]).toHaveTextContent('단위 열: 이 회의에 그런 단위가 없습니다');
    expect(rows[2]).toHaveTextContent('이메일 열: 1번째 줄과 이메일이 같습니다');
    // A schema's own message is said in the reader's words too.
    expect(rows[3]).toHaveTextContent('이름 열: 보이는 글자가 있어야 합니다');
    expect(screen.getByTestId('paste-rows')).not.toHaveTextContent(/(name|role|unit|email) 열/);
  });

  test('a pasted list refused for its header names the columns by the table’s words and says to mend the first line, not to choose a file', async () => {
    const file = {
      problem: 'unrecognised-columns',
      unrecognised: ['부서'],
      expected: ['name', 'role', 'unit', 'email'],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            { code: 'INVALID_PAYLOAD', detail: 'The header row does not hold the columns.', preview: { file } },
            { status: 400 },
          ),
        ),
      ),
    );
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    const paste = screen.getByTestId('paste-invitations');
    const refusal = async () => {
      fireEvent.change(within(paste).getByRole('textbox'), { target: { value: '이름,부서\n김민수,기획' } });
      fireEvent.click(screen.getByTestId('paste-preview'));
      await act(flushMicrotasks);
      return within(paste).getByRole('alert');
    };

    const en = await refusal();
    expect(en).toHaveTextContent('Expected: Name, Role, Unit, E-mail. Not recognised: 부서.');
    expect(en).toHaveTextContent('Name the columns in the first line as expected, or leave the header out');
    expect(en).not.toHaveTextContent(/choose|file/);

    await act(() => changeLanguage('ko', { persist: false }));
    const ko = await refusal();
    expect(ko).toHaveTextContent('기대하는 열: 이름, 역할, 단위, 이메일. 알 수 없는 열: 부서.');
    expect(ko).toHaveTextContent('머리글을 빼고 그 순서대로 열을 쓰십시오');
    expect(ko).not.toHaveTextContent(/서식 파일|다시 선택/);
  });

  test('a pasted list that cannot be split into columns says to mend its quotes, not to save a file again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            {
              code: 'INVALID_PAYLOAD',
              detail: 'The file cannot be read.',
              preview: { file: { problem: 'unreadable-csv' } },
            },
            { status: 400 },
          ),
        ),
      ),
    );
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    const paste = screen.getByTestId('paste-invitations');
    fireEvent.change(within(paste).getByRole('textbox'), { target: { value: '"Ann, official' } });
    fireEvent.click(screen.getByTestId('paste-preview'));
    await act(flushMicrotasks);

    const note = within(paste).getByRole('alert');
    expect(note).toHaveTextContent('check its quotation marks');
    expect(note).not.toHaveTextContent(/file|CSV/);
  });

  test('on a Korean page one invitation refused for its unit says why in Korean', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            {
              code: 'INVALID_PAYLOAD',
              detail: 'A presenter speaks for a unit: name the unit.',
              issues: [
                { path: 'unitId', message: 'a presenter needs a unit', reason: { code: 'presenter-needs-unit' } },
              ],
            },
            { status: 400 },
          ),
        ),
      ),
    );
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    await act(() => changeLanguage('ko', { persist: false }));
    const form = screen.getByTestId('invite-form');
    fireEvent.change(within(form).getByLabelText('이름'), { target: { value: 'Petra Presenter' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    await act(flushMicrotasks);

    expect(within(form).getByRole('alert')).toHaveTextContent('단위: 발표자는 단위를 대표합니다. 단위를 고르십시오.');
    expect(form).not.toHaveTextContent('a presenter needs a unit');
  });

  test('one person invited already is refused beside the e-mail in Korean, naming the participant; nothing is issued', async () => {
    const petra = links[0]!.participant;
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            {
              code: 'INVALID_PAYLOAD',
              detail: '1 invitee(s) are invited already or named twice: nobody was invited.',
              issues: [
                {
                  path: 'email',
                  message: 'Petra Presenter is invited already, with the same e-mail',
                  reason: { code: 'invited-already', participant: petra, sameBy: 'email' },
                },
              ],
            },
            { status: 422 },
          ),
        ),
      ),
    );
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    await act(() => changeLanguage('ko', { persist: false }));
    const form = screen.getByTestId('invite-form');
    fireEvent.change(within(form).getByLabelText('이름'), { target: { value: 'P. Presenter' } });
    fireEvent.change(within(form).getByLabelText('이메일(선택)'), { target: { value: 'PETRA@example.org' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    await act(flushMicrotasks);

    const email = within(form).getByLabelText('이메일(선택)');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Petra Presenter 님이 같은 이메일로 이미 초대되어 있습니다.');
    expect(within(form).getByLabelText('이름')).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByRole('alert')).not.toHaveTextContent('이미 초대되어');
    expect(form).not.toHaveTextContent('is invited already');
    expect(screen.queryByTestId('issued-links')).not.toBeInTheDocument();

    fireEvent.change(email, { target: { value: 'petra.second@example.org' } });
    expect(email).not.toHaveAttribute('aria-invalid');
  });

  test('a link among the new ones whose invitation is revoked since is no longer shown', async () => {
    const { broadcast, log } = await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    act(() =>
      issuedLinksStore.getState().add(ids.session, [
        { participant: participants.presenter, link: 'http://localhost:3000/s/session-1#token=ppp' },
        { participant: participants.official, link: 'http://localhost:3000/s/session-1#token=ooo' },
      ]),
    );
    expect(screen.getByTestId('issued-links')).toHaveTextContent('2 new links');
    broadcast(log.add('participant:revoked', { participantId: ids.presenter, at: '2026-04-01T09:11:00.000Z' }));
    const issued = screen.getByTestId('issued-links');
    expect(issued).toHaveTextContent('1 new link');
    expect(issued).not.toHaveTextContent('token=ppp');
    expect(issued).toHaveTextContent('token=ooo');
    expect(issued).toHaveTextContent('1 link is not shown: its invitation was revoked since.');
    broadcast(log.add('participant:revoked', { participantId: ids.official, at: '2026-04-01T09:12:00.000Z' }));
    expect(screen.queryByTestId('issued-links')).not.toBeInTheDocument();
  });

  test('the links issued stay through a switch to another view and back, until put away', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'chair-token');
    stubServer({ data: links[0] });
    await renderSession(
      <SessionPage role="chair" floor={<p>The floor</p>} views={{ prepare: <InvitationsPanel role="chair" /> }} />,
      participants.chair,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Prepare' }));
    const form = screen.getByTestId('invite-form');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Petra Presenter' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    await act(flushMicrotasks);
    expect(screen.getByTestId('issued-links')).toHaveTextContent('http://localhost:3000/s/session-1#token=aaa');

    fireEvent.click(screen.getByRole('tab', { name: 'Floor' }));
    expect(screen.queryByTestId('prepare-invitations')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Prepare' }));
    expect(screen.getByTestId('issued-links')).toHaveTextContent('http://localhost:3000/s/session-1#token=aaa');
    // Secrets stay in memory: nothing of them is written to the browser's storage.
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('token=aaa');
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain('token=aaa');

    fireEvent.click(screen.getByRole('button', { name: 'I have copied them: hide them' }));
    expect(screen.queryByTestId('issued-links')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Floor' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Prepare' }));
    expect(screen.queryByTestId('issued-links')).not.toBeInTheDocument();
  });

  test('one person is invited with the language of their e-mails, by default this screen’s', async () => {
    const requests = stubServer({ data: links[0] });
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    const form = screen.getByTestId('invite-form');
    expect(screen.getByTestId('invite-language')).toHaveValue('en');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Petra Presenter' } });
    fireEvent.change(within(form).getByLabelText('E-mail (optional)'), { target: { value: 'petra@example.org' } });
    fireEvent.change(screen.getByTestId('invite-language'), { target: { value: 'ko' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    await act(flushMicrotasks);

    expect(JSON.parse(requests[0]!.init.body as string)).toMatchObject({
      name: 'Petra Presenter',
      email: 'petra@example.org',
      language: 'ko',
    });
  });

  test('only the administrator is offered the chair role', async () => {
    const roles = () =>
      within(screen.getByTestId('invite-form'))
        .getAllByRole('option')
        .map((o) => o.textContent);
    const { unmount } = await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    expect(roles()).toEqual(expect.arrayContaining(['Presenter', 'Official', 'Inspector', 'Observer']));
    expect(roles()).not.toContain('Chair');
    unmount();

    const administrator = { id: 'p-admin', name: 'Ada Administrator', role: 'administrator', unitId: null } as const;
    await renderSession(<InvitationsPanel role="administrator" />, administrator);
    expect(roles()).toContain('Chair');
  });

  test('each participant’s standing shows: joined once connected, revoked once revoked', async () => {
    const { broadcast, log } = await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    expect(screen.getByTestId(`participant-${ids.official}`)).toHaveAttribute('data-status', 'invited');
    broadcast(
      log.add('attendance:connected', {
        dayId: ids.dayOne,
        participantId: ids.official,
        at: '2026-04-01T09:10:00.000Z',
      }),
      log.add('participant:revoked', { participantId: ids.presenter, at: '2026-04-01T09:11:00.000Z' }),
    );
    expect(screen.getByTestId(`participant-${ids.official}`)).toHaveTextContent('Joined');
    expect(screen.getByTestId(`participant-${ids.presenter}`)).toHaveTextContent('Revoked');
    expect(screen.queryByTestId(`revoke-${ids.presenter}`)).toBeNull();
  });

  test('revoking asks first, then ends the link; reissuing shows the new link once', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'chair-token');
    const requests = stubServer({ ok: true, data: {} }, { ok: true, data: links[0] });
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);

    fireEvent.click(screen.getByTestId(`revoke-${ids.presenter}`));
    expect(screen.getByTestId(`revoke-dialog-${ids.presenter}`)).toHaveTextContent(
      'Revoke the invitation of Pavel Presenter?',
    );
    expect(requests).toHaveLength(0);
    fireEvent.click(screen.getByTestId(`revoke-dialog-${ids.presenter}-confirm`));
    await act(flushMicrotasks);
    expect(requests[0]).toMatchObject({
      url: `/api/sessions/${ids.session}/participants/${ids.presenter}/revoke`,
      init: { method: 'POST', headers: { authorization: 'Bearer chair-token' } },
    });

    fireEvent.click(screen.getByTestId(`reissue-${ids.presenter}`));
    await act(flushMicrotasks);
    expect(requests[1]!.url).toBe(`/api/sessions/${ids.session}/participants/${ids.presenter}/reissue`);
    expect(screen.getByTestId('issued-links')).toHaveTextContent('http://localhost:3000/s/session-1#token=aaa');
    // The chair's own invitation is not the chair's to revoke.
    expect(screen.queryByTestId(`revoke-${ids.chair}`)).toBeNull();
  });

  test('a change sends only what changed', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'chair-token');
    const requests = stubServer({ ok: true, data: {} });
    await renderSession(<InvitationsPanel role="chair" />, participants.chair);
    fireEvent.click(screen.getByTestId(`change-${ids.official}`));
    const form = screen.getByTestId(`change-form-${ids.official}`);
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'inspector' } });
    fireEvent.submit(form);
    await act(flushMicrotasks);
    expect(requests[0]).toMatchObject({
      url: `/api/sessions/${ids.session}/participants/${ids.official}`,
      init: { method: 'PATCH', body: JSON.stringify({ role: 'inspector' }) },
    });
    expect(screen.queryByTestId(`change-form-${ids.official}`)).toBeNull();
  });
});
