import type { PreviousReport } from '@plenum/shared';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { inviteTokenKey } from '../../app/inviteToken';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { demoIndicators, demoSession, eventLog, ids, participants, submitReport } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { ParticipantView } from '../participant/ParticipantView';

/** The demo session convened for the next quarter, following up `previousSessionId`: no report submitted yet. */
function nextQuarter(previousSessionId: string | null = 'session-q1'): ReturnType<typeof demoSession> {
  const log = eventLog();
  for (const { type, payload, actorId } of demoSession().events) {
    if (type === 'report:submitted') continue;
    const next = type === 'session:created' ? { ...payload, period: '2026-Q2', previousSessionId } : payload;
    log.add(type, next, actorId);
  }
  return log;
}

/** The unit's first-quarter report: cement verified under what was reported, and a ceiling. */
const firstQuarter: PreviousReport = {
  sessionId: 'session-q1',
  period: '2026-Q1',
  indicators: [
    {
      id: 'ind-cement',
      name: 'Cement',
      measure: 't',
      planned: 1000,
      reported: 650,
      verified: 610,
      weight: 2,
      isProduction: true,
      previous: 580,
      partOf: null,
      direction: 'higher-is-better',
    },
    {
      id: 'ind-fuel',
      name: 'Fuel per tonne',
      measure: 'kg',
      planned: 120,
      reported: 131,
      verified: null,
      weight: 1,
      isProduction: false,
      previous: null,
      partOf: null,
      direction: 'lower-is-better',
    },
  ],
};

/**
 * Answers `…/previous-report` with `previous` as the server would (its side is tested in
 * tests/integration/previousReport.test.ts); returns each such request's path and bearer. Set up
 * before rendering: a view rendered again opens on the report tab it was left on.
 */
function answerPreviousReport(previous: PreviousReport | null) {
  const fetchInPlace = globalThis.fetch;
  const asked: { path: string; authorization: string | null }[] = [];
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    if (!input.endsWith('/previous-report')) return fetchInPlace(input, init);
    asked.push({ path: input, authorization: new Headers(init?.headers).get('authorization') });
    return Promise.resolve(Response.json({ ok: true, data: previous }));
  });
  onTestFinished(() => {
    vi.stubGlobal('fetch', fetchInPlace);
  });
  return asked;
}

async function openReport() {
  fireEvent.click(screen.getByTestId('tab-report'));
  const form = await screen.findByTestId('report-form');
  await flushMicrotasks();
  return form;
}

const value = (column: string, row: number) => screen.getByTestId(`indicator-${column}-${row}`);

describe('the next quarter’s report form', () => {
  test('offers the quarter before’s indicators; taking them fills all but this quarter’s figures, which it then asks for', async () => {
    window.sessionStorage.setItem(inviteTokenKey(ids.session), 'presenter-token');
    onTestFinished(() => window.sessionStorage.removeItem(inviteTokenKey(ids.session)));
    const asked = answerPreviousReport(firstQuarter);
    const env = await renderSession(
      <ParticipantView role="presenter" />,
      participants.presenter,
      undefined,
      nextQuarter(),
    );
    await openReport();
    expect(asked).toEqual([
      {
        path: `/api/sessions/${ids.session}/units/${ids.unit}/previous-report`,
        authorization: 'Bearer presenter-token',
      },
    ]);
    const offer = await screen.findByTestId('carry-previous');
    expect(offer).toHaveTextContent('Your unit reported 2 indicators for 2026-Q1.');
    fireEvent.click(screen.getByRole('button', { name: 'Start from 2026-Q1’s indicators' }));

    expect(screen.queryByTestId('carry-previous')).toBeNull();
    expect(screen.getByTestId('carried-previous')).toHaveTextContent('Started from 2026-Q1’s indicators');
    expect(value('name', 0)).toHaveValue('Cement');
    expect(value('measure', 0)).toHaveValue('t');
    expect(value('weight', 0)).toHaveValue('2');
    expect(value('production', 0)).toBeChecked();
    // What was achieved: the verified 610 t, not the 650 t reported.
    expect(value('previous', 0)).toHaveValue('610');
    expect(value('name', 1)).toHaveValue('Fuel per tonne');
    expect(value('direction', 1)).toHaveValue('lower-is-better');
    expect(value('previous', 1)).toHaveValue('131');
    // This quarter's plan and result are the presenter's to enter: the focus waits on the first.
    for (const row of [0, 1]) {
      expect(value('planned', row)).toHaveValue('');
      expect(value('reported', row)).toHaveValue('');
    }
    expect(document.activeElement).toBe(value('planned', 0));

    fireEvent.click(screen.getByTestId('submit-report'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    expect(screen.getByText('2 rows need correcting before the report can be submitted.')).toBeInTheDocument();

    for (const [row, planned, reported] of [
      [0, '1100', '900'],
      [1, '118', '125'],
    ] as const) {
      fireEvent.change(value('planned', row), { target: { value: planned } });
      fireEvent.change(value('reported', row), { target: { value: reported } });
    }
    fireEvent.click(screen.getByTestId('submit-report'));
    const sent = await env.nextCommand();
    // The same ids: each indicator's series continues from the quarter before.
    expect(sent.command.payload).toEqual({
      unitId: ids.unit,
      note: null,
      indicators: [
        {
          id: 'ind-cement',
          name: 'Cement',
          measure: 't',
          planned: 1100,
          reported: 900,
          weight: 2,
          isProduction: true,
          previous: 610,
          direction: 'higher-is-better',
          partOf: null,
        },
        {
          id: 'ind-fuel',
          name: 'Fuel per tonne',
          measure: 'kg',
          planned: 118,
          reported: 125,
          weight: 1,
          isProduction: false,
          previous: 131,
          direction: 'lower-is-better',
          partOf: null,
        },
      ],
    });
  });

  test('is not offered once anything is typed, nor over a draft kept on the device', async () => {
    answerPreviousReport(firstQuarter);
    const first = await renderSession(
      <ParticipantView role="presenter" />,
      participants.presenter,
      undefined,
      nextQuarter(),
    );
    await openReport();
    await screen.findByTestId('carry-previous');
    fireEvent.change(value('name', 0), { target: { value: 'Clinker' } });
    expect(screen.queryByTestId('carry-previous')).toBeNull();
    // Cleared again, the row is as new: the offer is back, and nothing is lost by taking it.
    fireEvent.change(value('name', 0), { target: { value: '' } });
    expect(screen.getByTestId('carry-previous')).toBeInTheDocument();
    fireEvent.change(value('measure', 0), { target: { value: 't' } });
    first.unmount();

    // Reloaded: the kept draft comes back as left, and the offer stays away from it.
    const asked = answerPreviousReport(firstQuarter);
    await renderSession(<ParticipantView role="presenter" />, participants.presenter, undefined, nextQuarter());
    await openReport();
    expect(asked).toHaveLength(1);
    expect(value('measure', 0)).toHaveValue('t');
    expect(screen.queryByTestId('carry-previous')).toBeNull();
    fireEvent.change(value('measure', 0), { target: { value: '' } });
    expect(screen.getByTestId('carry-previous')).toBeInTheDocument();
  });

  test('is not asked for once this quarter has a report: the form starts from that', async () => {
    const withReport = (log: ReturnType<typeof demoSession>) => submitReport(log, [demoIndicators.cement]);
    const asked = answerPreviousReport(firstQuarter);
    await renderSession(<ParticipantView role="presenter" />, participants.presenter, withReport, nextQuarter());
    await openReport();
    expect(value('name', 0)).toHaveValue('Cement');
    expect(value('planned', 0)).toHaveValue('1000');
    expect(asked).toEqual([]);
    expect(screen.queryByTestId('carry-previous')).toBeNull();
  });

  test('is not asked for in a session that follows up none', async () => {
    const asked = answerPreviousReport(firstQuarter);
    await renderSession(<ParticipantView role="presenter" />, participants.presenter, undefined, nextQuarter(null));
    await openReport();
    expect(asked).toEqual([]);
    expect(screen.queryByTestId('carry-previous')).toBeNull();
  });

  test('offers nothing when the unit had no report the quarter before', async () => {
    const asked = answerPreviousReport(null);
    await renderSession(<ParticipantView role="presenter" />, participants.presenter, undefined, nextQuarter());
    await openReport();
    expect(asked).toHaveLength(1);
    expect(screen.queryByTestId('carry-previous')).toBeNull();
    expect(value('name', 0)).toHaveValue('');
  });
});
