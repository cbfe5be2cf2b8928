import type { SessionParticipant } from '@plenum/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { renderAdmin } from './testing/renderAdmin';
import { ok, sessions } from './testing/stubServer';

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const person = (id: string, name: string, role: SessionParticipant['participant']['role'], unitId: string | null) =>
  ({
    participant: { id, name, role, unitId },
    access: { invitedAt: '2026-01-05T08:00:00.000Z', revokedAt: null, expiresAt: null, reissuedAt: null },
    joined: true,
    email: null,
  }) as SessionParticipant;

const q1People: SessionParticipant[] = [
  person('c', 'Chair Q1', 'chair', null),
  person('p1', 'Presenter River', 'presenter', 'river-county'),
  person('p2', 'Presenter Steel', 'presenter', 'steel'),
  {
    ...person('p3', 'Presenter Gone', 'presenter', 'river-county'),
    access: { ...person('p3', '', 'presenter', null).access, revokedAt: '2026-03-01T00:00:00.000Z' },
  },
  person('o1', 'Official One', 'official', null),
  person('o2', 'Official Two', 'official', null),
  person('i1', 'Inspector One', 'inspector', null),
];

async function openForm() {
  const server = await renderAdmin({
    'GET /api/sessions': ok({
      sessions: sessions.map((s) =>
        s.sessionId === 'q1-2026' ? { ...s, conferenceLink: 'https://meet.example.org/q1' } : s,
      ),
    }),
    'GET /api/sessions/q1-2026/invitations': ok({ participants: q1People }),
    'GET /api/sessions/q4-2025/invitations': ok({ participants: [] }),
    'POST /api/sessions': ok({
      sessionId: 'q2-2026',
      chair: {
        participant: { id: 'c2', name: 'Kim Minho', role: 'chair', unitId: null },
        link: 'https://plenum.example/s/q2-2026#token=t',
      },
      invitedAgain: {
        invited: q1People
          .slice(1, 2)
          .concat(q1People.slice(4))
          .map((p) => p.participant),
        skipped: [],
      },
    }),
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Convene a review…' }));
  return server;
}

describe('convening from the previous review', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-15T10:00:00'));
  });
  afterEach(() => vi.useRealTimers());

  test('proposes its conference link, editable, and offers to invite its participants again, counted by role', async () => {
    const server = await openForm();
    expect(screen.getByLabelText('Conference link')).toHaveValue('https://meet.example.org/q1');
    const again = screen.getByLabelText("Invite the previous review's participants again");
    expect(again).toBeChecked();
    const summary = screen.getByTestId('convene-invite-again-summary');
    await waitFor(() =>
      expect(summary).toHaveTextContent(
        '4 people to invite, each with a new link: Presenter: 1, Official: 2, Inspector: 1.',
      ),
    );
    expect(summary).toHaveTextContent('1 revoked invitation is not repeated.');
    expect(summary).toHaveTextContent('Not invited again, as their unit is retired since: Presenter Steel.');

    // Another previous session proposes its own link; one typed by hand stays.
    fireEvent.change(screen.getByLabelText('Previous session'), { target: { value: 'q4-2025' } });
    expect(screen.getByLabelText('Conference link')).toHaveValue('');
    fireEvent.change(screen.getByLabelText('Previous session'), { target: { value: 'q1-2026' } });
    type('Conference link', 'https://meet.example.org/q2');
    fireEvent.change(screen.getByLabelText('Previous session'), { target: { value: 'q4-2025' } });
    expect(screen.getByLabelText('Conference link')).toHaveValue('https://meet.example.org/q2');
    fireEvent.change(screen.getByLabelText('Previous session'), { target: { value: 'q1-2026' } });

    type('Title', 'Second-quarter review');
    type('Day 1: date', '2026-07-06');
    type('Day 1: theme', 'Industry and energy');
    type("Chair's name", 'Kim Minho');
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));
    await waitFor(() => expect(server.sent('POST', '/api/sessions')).toHaveLength(1));
    expect(server.sent('POST', '/api/sessions')[0]!.json).toMatchObject({
      inviteParticipants: true,
      session: { conferenceLink: 'https://meet.example.org/q2', previousSessionId: 'q1-2026' },
    });
    expect(await screen.findByTestId('convene-invited-again')).toHaveTextContent(
      '4 participants of the previous review are invited again',
    );
  });

  test('unticked, the session is convened with its chair alone', async () => {
    const server = await openForm();
    fireEvent.click(screen.getByLabelText("Invite the previous review's participants again"));
    expect(screen.queryByTestId('convene-invite-again-summary')).toBeNull();
    type('Title', 'Second-quarter review');
    type('Day 1: date', '2026-07-06');
    type('Day 1: theme', 'Industry and energy');
    type("Chair's name", 'Kim Minho');
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));
    await waitFor(() => expect(server.sent('POST', '/api/sessions')).toHaveLength(1));
    expect(server.sent('POST', '/api/sessions')[0]!.json).toMatchObject({ inviteParticipants: false });
    // The console reads the sessions again once convened: done before the test ends.
    await screen.findByTestId('chair-link');
    await waitFor(() => expect(server.sent('GET', '/api/sessions')).toHaveLength(2));
  });
});
