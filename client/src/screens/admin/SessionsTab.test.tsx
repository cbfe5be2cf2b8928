import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { formatDate } from '../../lib/format';
import { cellLabels } from './testing/cellLabels';
import { renderAdmin } from './testing/renderAdmin';
import { ok, refused } from './testing/stubServer';

const convene = 'POST /api/sessions';
const chairLink = 'https://plenum.example/s/q2-2026#token=chair-secret';

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function openForm(routes: Parameters<typeof renderAdmin>[0] = {}) {
  const server = await renderAdmin(routes);
  fireEvent.click(await screen.findByRole('button', { name: 'Convene a review…' }));
  return server;
}

function fillIn() {
  type('Title', 'Second-quarter review');
  type('Day 1: date', '2026-07-06');
  type('Day 1: theme', 'Industry and energy');
  type('Day 1: start time', '09:00');
  type('Day 1: planned end', '17:00');
  type("Chair's name", 'Kim Minho');
}

describe('the sessions', () => {
  test('are listed latest first with their period, status, dates, items and participants, each with its link: to prepare, to manage while under way, to read the record once closed', async () => {
    await renderAdmin();
    const table = await screen.findByTestId('admin-sessions');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'First-quarter review · Northern Province Committee',
      'Fourth-quarter review · Northern Province',
    ]);
    expect(rows[0]).toHaveTextContent('2026-Q1');
    expect(rows[0]).toHaveTextContent('In session');
    expect(rows[0]).toHaveTextContent('Apr 1, 2026 – Apr 2, 2026');
    // Under way, its preparation is behind it: the link manages the session.
    expect(
      within(rows[0]!).getByRole('link', { name: /Manage the session under way.*First-quarter review/ }),
    ).toHaveAttribute('href', '/s/q1-2026#token=admin-token');
    // A closed session has no preparation left: its link opens its record.
    expect(within(rows[1]!).getByRole('link', { name: /^Open the record.*Fourth-quarter review$/ })).toHaveAttribute(
      'href',
      '/s/q4-2025#token=admin-token',
    );
  });

  test('on a phone each row stacks: every field beside its column’s name, then its link and buttons', async () => {
    await renderAdmin();
    const table = await screen.findByTestId('admin-sessions');
    for (const row of within(table).getAllByRole('row').slice(1)) {
      expect(cellLabels(row)).toEqual(['Period', 'Status', 'Dates', 'Items', 'Participants', null]);
    }
  });
});

describe('convening a review', () => {
  // Only the calendar is fixed, for the check of days before today; the timers stay real.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-15T10:00:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('proposes the next period, the latest earlier session and its organisation, and the default thresholds', async () => {
    await openForm();
    expect(screen.getByLabelText('Period')).toHaveValue('2026-Q2');
    expect(screen.getByLabelText('Organisation')).toHaveValue('Northern Province Committee');
    expect(screen.getByLabelText('Previous session')).toHaveValue('q1-2026');
    expect(screen.getByLabelText(/Propose the agenda from it/)).toBeChecked();
    expect(screen.getByLabelText('Warning level (%)')).toHaveValue(70);
    expect(screen.getByLabelText('Reporting-gap level (%)')).toHaveValue(5);
  });

  test('says what carries over from a previous session not yet closed, and that a period has a review already', async () => {
    await openForm();
    expect(screen.getByLabelText('Previous session')).toHaveDisplayValue('First-quarter review (2026-Q1, In session)');
    expect(screen.getByTestId('convene-previous-open')).toHaveTextContent(
      '2026-Q1 is not closed yet (In session): its open warnings, directives and verifications carry over as they stand now',
    );
    fireEvent.change(screen.getByLabelText('Previous session'), { target: { value: 'q4-2025' } });
    expect(screen.queryByTestId('convene-previous-open')).toBeNull();

    expect(screen.queryByTestId('convene-same-period')).toBeNull();
    type('Period', '2026-Q1');
    expect(screen.getByTestId('convene-same-period')).toHaveTextContent(
      'A review of 2026-Q1 exists already: “First-quarter review”.',
    );
  });

  test('names each field to fix, moves the focus to the first, and sends nothing', async () => {
    const server = await openForm();
    type('Period', '2026-Q5');
    type('Warning level (%)', '170');
    type('Conference link', 'not a link');
    fireEvent.click(screen.getByRole('button', { name: 'Add a day' }));
    type('Day 2: start time', '14:00');
    type('Day 2: planned end', '12:00');
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));

    expect(screen.getByRole('alert')).toHaveTextContent(/\d+ fields need a change: each says what is wrong\./);
    const title = screen.getByLabelText('Title');
    expect(title).toHaveAccessibleDescription('Fill this in.');
    expect(title).toHaveFocus();
    expect(screen.getByLabelText('Period')).toHaveAccessibleDescription(
      /Write a year and a quarter from Q1 to Q4, e\.g\. 2026-Q2\./,
    );
    expect(screen.getByLabelText('Day 1: date')).toHaveAccessibleDescription('Fill this in.');
    expect(screen.getByLabelText('Day 2: theme')).toHaveAccessibleDescription('Fill this in.');
    expect(screen.getByLabelText('Day 2: planned end')).toHaveAccessibleDescription(
      'The planned end must come after the start time.',
    );
    expect(screen.getByLabelText('Warning level (%)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Conference link')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText("Chair's name")).toHaveAccessibleDescription('Fill this in.');
    expect(screen.getByLabelText('Organisation')).not.toHaveAttribute('aria-invalid');
    expect(server.sent('POST', '/api/sessions')).toHaveLength(0);
  });

  test('a day before today, or before the day ahead of it, is said beside its date, and nothing is sent', async () => {
    const server = await openForm();
    fillIn();
    type('Day 1: date', '2026-06-14');
    fireEvent.click(screen.getByRole('button', { name: 'Add a day' }));
    type('Day 2: date', '2026-06-16');
    type('Day 2: theme', 'Agriculture');
    fireEvent.click(screen.getByRole('button', { name: 'Add a day' }));
    type('Day 3: date', '2026-06-16');
    type('Day 3: theme', 'Transport');
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));

    const first = screen.getByLabelText('Day 1: date');
    expect(first).toHaveAccessibleDescription(
      `This day is before today (${formatDate('2026-06-15')}): choose today or a later date.`,
    );
    expect(first).toHaveFocus();
    expect(screen.getByLabelText('Day 2: date')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Day 3: date')).toHaveAccessibleDescription(
      `The days are in date order: choose a date after ${formatDate('2026-06-16')}.`,
    );
    expect(server.sent('POST', '/api/sessions')).toHaveLength(0);

    type('Day 1: date', '2026-06-15');
    type('Day 3: date', '2026-06-17');
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));
    await waitFor(() => expect(server.sent('POST', '/api/sessions')).toHaveLength(1));
  });

  test('the server’s refusal of a day before its today is said beside the day’s date, in the page’s words', async () => {
    await openForm({
      [convene]: refused(400, 'INVALID_PAYLOAD', {
        issues: [
          {
            path: 'session.days.0.date',
            message: 'not before 2026-07-07',
            reason: { code: 'day-before-today', today: '2026-07-07' },
          },
        ],
      }),
    });
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Day 1: date')).toHaveAccessibleDescription(
        `Choose a day not before today, ${formatDate('2026-07-07')}.`,
      ),
    );
  });

  test('a refusal by the server is shown beside the fields it names', async () => {
    await openForm({
      [convene]: refused(400, 'INVALID_PAYLOAD', {
        issues: [{ path: 'session.days.0.title', message: 'must contain visible characters' }],
      }),
    });
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Day 1: theme')).toHaveAccessibleDescription('Enter some visible characters.'),
    );
    // The field takes the focus in an effect after the render that shows the refusal.
    await waitFor(() => expect(screen.getByLabelText('Day 1: theme')).toHaveFocus());
    expect(screen.getByRole('alert')).toHaveTextContent('some details are missing or not valid');
  });

  test('sends the session as the contract has it, then shows the chair’s link once, with the preparation link', async () => {
    const server = await openForm({
      [convene]: ok({
        sessionId: 'q2-2026',
        chair: { participant: { id: 'p-chair', name: 'Kim Minho', role: 'chair', unitId: null }, link: chairLink },
      }),
    });
    fillIn();
    type("Chair's e-mail", 'kim@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Convene' }));

    const notice = await screen.findByTestId('chair-link');
    expect(notice).toHaveTextContent('shown only this once');
    expect(within(notice).getByRole('heading')).toHaveTextContent('the link of the chair, Kim Minho');
    await waitFor(() => expect(within(notice).getByRole('heading')).toHaveFocus());
    expect(within(notice).getByLabelText('Link')).toHaveValue(chairLink);
    expect(within(notice).getByRole('button', { name: 'Copy the link' })).toBeInTheDocument();
    expect(within(notice).getByRole('button', { name: 'Download the link' })).toBeInTheDocument();
    expect(within(notice).getByRole('link', { name: /Open preparation/ })).toHaveAttribute(
      'href',
      '/s/q2-2026#token=admin-token',
    );

    const [sent] = server.sent('POST', '/api/sessions');
    expect(sent?.json).toEqual({
      session: {
        title: 'Second-quarter review',
        period: '2026-Q2',
        organisation: 'Northern Province Committee',
        days: [
          { id: 'day-1', date: '2026-07-06', title: 'Industry and energy', startTime: '09:00', plannedEnd: '17:00' },
        ],
        thresholds: { warningBelow: 0.7, reportingGap: 0.05 },
        conferenceLink: null,
        previousSessionId: 'q1-2026',
      },
      organisationId: 'org-north',
      chairName: 'Kim Minho',
      chairEmail: 'kim@example.org',
      proposeAgenda: true,
      inviteParticipants: true,
      language: 'en',
    });
    await waitFor(() => expect(server.sent('GET', '/api/sessions')).toHaveLength(2));

    fireEvent.click(within(notice).getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByTestId('chair-link')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(chairLink)).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('chair-secret');
  });
});

describe('following a closed review up down the line', () => {
  const units = [
    { id: 'north', name: 'Northern Province', kind: 'province', parentId: null },
    { id: 'river-county', name: 'River County', kind: 'county', parentId: 'north' },
    { id: 'steel', name: 'North Steel Works', kind: 'enterprise', parentId: 'river-county' },
  ].map((u) => ({ ...u, ownership: 'state', sector: 'Industry', class: null, region: 'North' }));
  const followUp = 'POST /api/v1/sessions/q4-2025/cascades';
  const routes = { 'GET /api/v1/sessions/q4-2025/units': { body: { units } } };

  // Only the calendar is fixed, for the check of days before today; the timers stay real.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T10:00:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function openFollowUp(extra: Parameters<typeof renderAdmin>[0] = {}) {
    const server = await renderAdmin({ ...routes, ...extra });
    const table = await screen.findByTestId('admin-sessions');
    expect(within(table).getAllByRole('button', { name: /Follow up down the line/ })).toHaveLength(1);
    fireEvent.click(within(table).getByRole('button', { name: /Follow up down the line.*Fourth-quarter review/ }));
    await screen.findByRole('option', { name: 'River County' });
    expect(screen.getByRole('heading', { name: 'Follow-up of Fourth-quarter review' })).toHaveFocus();
    return server;
  }

  test('offers only the levels below the top with units of their own, and names each field to fix', async () => {
    const server = await openFollowUp();
    const level = screen.getByLabelText('The level that follows up');
    expect(
      within(level)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose the level that convenes the follow-up.', 'River County']);
    fireEvent.click(screen.getByRole('button', { name: 'Convene the follow-up' }));
    expect(screen.getByText('Choose the level that convenes the follow-up.', { selector: 'p' })).toBeInTheDocument();
    expect(screen.getByLabelText("Chair's name")).toHaveAccessibleDescription('Fill this in.');
    expect(server.sent('POST', '/api/v1/sessions/q4-2025/cascades')).toHaveLength(0);
  });

  test('a day before today, or before the day ahead of it, is said beside its date, as at convening, and nothing is sent', async () => {
    const server = await openFollowUp();
    fireEvent.change(screen.getByLabelText('The level that follows up'), { target: { value: 'river-county' } });
    type("Chair's name", 'Lee Jiwoo');
    type('Day 1: date', '2026-01-19');
    type('Day 1: theme', 'Workplaces');
    fireEvent.click(screen.getByRole('button', { name: 'Add a day' }));
    type('Day 2: date', '2026-01-26');
    type('Day 2: theme', 'Mines');
    fireEvent.click(screen.getByRole('button', { name: 'Add a day' }));
    type('Day 3: date', '2026-01-26');
    type('Day 3: theme', 'Farms');
    fireEvent.click(screen.getByRole('button', { name: 'Convene a follow-up for River County' }));

    const first = screen.getByLabelText('Day 1: date');
    expect(first).toHaveAccessibleDescription(
      `This day is before today (${formatDate('2026-01-20')}): choose today or a later date.`,
    );
    expect(first).toHaveFocus();
    expect(screen.getByLabelText('Day 2: date')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Day 3: date')).toHaveAccessibleDescription(
      `The days are in date order: choose a date after ${formatDate('2026-01-26')}.`,
    );
    expect(server.sent('POST', '/api/v1/sessions/q4-2025/cascades')).toHaveLength(0);

    type('Day 1: date', '2026-01-20');
    type('Day 3: date', '2026-01-27');
    fireEvent.click(screen.getByRole('button', { name: 'Convene a follow-up for River County' }));
    await waitFor(() => expect(server.sent('POST', '/api/v1/sessions/q4-2025/cascades')).toHaveLength(1));
  });

  test('the server’s refusal of a day before its today is said beside the day’s date, in the page’s words', async () => {
    await openFollowUp({
      [followUp]: refused(400, 'INVALID_PAYLOAD', {
        issues: [
          {
            path: 'days.0.date',
            message: 'not before 2026-01-27',
            reason: { code: 'day-before-today', today: '2026-01-27' },
          },
        ],
      }),
    });
    fireEvent.change(screen.getByLabelText('The level that follows up'), { target: { value: 'river-county' } });
    type('Day 1: date', '2026-01-26');
    type('Day 1: theme', 'Workplaces');
    type("Chair's name", 'Lee Jiwoo');
    fireEvent.click(screen.getByRole('button', { name: 'Convene a follow-up for River County' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Day 1: date')).toHaveAccessibleDescription(
        `Choose a day not before today, ${formatDate('2026-01-27')}.`,
      ),
    );
  });

  test('convenes the level’s follow-up in one step with its own threshold, then shows its chair’s link once', async () => {
    const server = await openFollowUp({
      [followUp]: {
        status: 201,
        body: {
          sessionId: 'river-q4',
          chair: { participant: { id: 'p-c', name: 'Lee Jiwoo', role: 'chair', unitId: null }, link: chairLink },
        },
      },
    });
    fireEvent.change(screen.getByLabelText('The level that follows up'), { target: { value: 'river-county' } });
    expect(screen.getByLabelText('Title')).toHaveValue('River County — follow-up of Fourth-quarter review');
    type('Day 1: date', '2026-01-26');
    type('Day 1: theme', 'Workplaces');
    type("The level's warning threshold (%)", '80');
    type("Chair's name", 'Lee Jiwoo');
    fireEvent.click(screen.getByRole('button', { name: 'Convene a follow-up for River County' }));

    const notice = await screen.findByTestId('follow-up-chair-link');
    expect(within(notice).getByLabelText('Link')).toHaveValue(chairLink);
    expect(server.sent('POST', '/api/v1/sessions/q4-2025/cascades')[0]?.json).toEqual({
      unitId: 'river-county',
      title: 'River County — follow-up of Fourth-quarter review',
      days: [{ id: 'day-1', date: '2026-01-26', title: 'Workplaces', startTime: null, plannedEnd: null }],
      thresholds: { warningBelow: 0.8, jumpFactor: 1.5, reportingGap: 0.05 },
      chairName: 'Lee Jiwoo',
      chairEmail: null,
      language: 'en',
    });
  });
});
