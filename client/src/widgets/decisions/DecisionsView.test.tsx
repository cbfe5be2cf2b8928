import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { demoIndicators, ids, instant, participants, submitReport } from '../../test/events';
import { minutesSelectors, sessionStore } from '../../stores/session';
import { renderSession } from '../../test/renderSession';
import { carriedWarning, carriedWarningId, floorOpen } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';

async function openDecisions() {
  fireEvent.click(screen.getByTestId('tab-decisions'));
  return screen.findByTestId('proposed-warnings');
}

describe('chair decisions', () => {
  test('a unit under the threshold is proposed for a warning, issued with an editable note', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const panel = await openDecisions();
    // North County Cement Works: 650 t of 1000 t planned, under 70 %.
    expect(within(panel).getByTestId(`proposed-warning-${ids.unit}`)).toHaveTextContent(
      'North County Cement Works production fulfilment 65%, threshold 70%',
    );
    fireEvent.click(screen.getByTestId(`issue-warning-${ids.unit}`));
    const note = screen.getByLabelText('Note of the warning');
    expect((note as HTMLTextAreaElement).value).toContain('Production fulfilment of 65%');
    fireEvent.change(note, { target: { value: 'Last chance.' } });
    fireEvent.click(screen.getByTestId(`issue-warning-form-${ids.unit}-submit`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'warning:issue', payload: { unitId: ids.unit, note: 'Last chance.' } });
    await env.accept(
      sent.ask,
      env.log.add('warning:issued', {
        warningId: 'w-1',
        unitId: ids.unit,
        fulfilment: 0.65,
        threshold: 0.7,
        note: 'Last chance.',
      }),
    );
    expect(screen.getByTestId('proposed-warnings')).toHaveTextContent('No warning awaits a decision.');
    expect(screen.getByTestId('proposed-warnings')).toHaveTextContent(
      'Warning issued to North County Cement Works at 65%',
    );
  });

  test('the proposed note left as shown is sent as the standard one, and a Korean screen reads it in Korean', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    await openDecisions();
    fireEvent.click(screen.getByTestId(`issue-warning-${ids.unit}`));
    const note = screen.getByLabelText<HTMLTextAreaElement>('Note of the warning').value;
    fireEvent.click(screen.getByTestId(`issue-warning-form-${ids.unit}-submit`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'warning:issue',
      payload: { unitId: ids.unit, note, hasStandardNote: true },
    });
    await env.accept(
      sent.ask,
      env.log.add('warning:issued', {
        warningId: 'w-1',
        unitId: ids.unit,
        fulfilment: 0.65,
        threshold: 0.7,
        note,
        hasStandardNote: true,
      }),
    );
    await act(() => changeLanguage('ko', { persist: false }));
    try {
      expect(screen.getByTestId('proposed-warnings')).toHaveTextContent('생산 이행률 65%로 기준선 70%에 미달했습니다.');
    } finally {
      await act(() => changeLanguage('en', { persist: false }));
    }
  });

  test('the proposed note left as shown while the screen switched language is still sent as the standard one', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    await openDecisions();
    fireEvent.click(screen.getByTestId(`issue-warning-${ids.unit}`));
    const note = screen.getByLabelText<HTMLTextAreaElement>('Note of the warning').value;
    await act(() => changeLanguage('ko', { persist: false }));
    try {
      fireEvent.click(screen.getByTestId(`issue-warning-form-${ids.unit}-submit`));
      expect((await env.nextCommand()).command).toEqual({
        type: 'warning:issue',
        payload: { unitId: ids.unit, note, hasStandardNote: true },
      });
    } finally {
      await act(() => changeLanguage('en', { persist: false }));
    }
  });

  test('a unit a revised report lifts over the threshold leaves the proposals with word why', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      // Cement was 650 t of 1,000 t (65 %); the revision claims 720 t.
      submitReport(log, [{ ...demoIndicators.cement, reported: 720 }]);
    });
    const panel = await openDecisions();
    expect(within(panel).queryByTestId(`proposed-warning-${ids.unit}`)).toBeNull();
    expect(within(panel).getByTestId(`lifted-proposal-${ids.unit}`)).toHaveTextContent(
      /^North County Cement Works is no longer proposed: its revised report \(at .+\) lifted its production fulfilment from 65% to 72%, at or above the threshold of 70%\.$/,
    );
  });

  test('waiving needs a reason', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    await openDecisions();
    fireEvent.click(screen.getByTestId(`waive-warning-${ids.unit}`));
    fireEvent.click(screen.getByTestId(`waive-warning-form-${ids.unit}-submit`));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    fireEvent.change(screen.getByLabelText('Reason for waiving it'), { target: { value: 'Flooded quarry' } });
    fireEvent.click(screen.getByTestId(`waive-warning-form-${ids.unit}-submit`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'warning:waive', payload: { unitId: ids.unit, reason: 'Flooded quarry' } });
  });

  test('a warning decided on another chair screen while the form is open is said, with the unsent text', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    await openDecisions();
    fireEvent.click(screen.getByTestId(`waive-warning-${ids.unit}`));
    fireEvent.change(screen.getByLabelText('Reason for waiving it'), { target: { value: 'Flooded quarry' } });
    env.broadcast(
      env.log.add('warning:issued', {
        warningId: 'w-9',
        unitId: ids.unit,
        fulfilment: 0.65,
        threshold: 0.7,
        note: null,
      }),
    );
    expect(screen.getByTestId('proposed-warning-overtaken')).toHaveTextContent(
      'The warning to North County Cement Works was decided on another screen while this form was open, so nothing was sent from here: see “Decided in this session”. What you wrote, not sent: “Flooded quarry”',
    );
    fireEvent.click(within(screen.getByTestId('proposed-warning-overtaken')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('proposed-warning-overtaken')).toBeNull();
    expect(env.sentCommands()).toBe(0);
  });

  test('a decision is taken back with a reason: the unit is proposed again, and the minutes say what was taken back and why', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('warning:waived', { unitId: ids.unit, fulfilment: 0.65, reason: 'Flooded quarry' });
    });
    const panel = await openDecisions();
    expect(panel).toHaveTextContent('Warning to North County Cement Works waived: Flooded quarry');
    fireEvent.click(screen.getByTestId(`reconsider-warning-${ids.unit}`));
    fireEvent.click(screen.getByTestId(`reconsider-warning-form-${ids.unit}-submit`));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    fireEvent.change(screen.getByLabelText('Why the decision is taken back (it goes in the minutes)'), {
      target: { value: 'The quarry reopened in March.' },
    });
    fireEvent.click(screen.getByTestId(`reconsider-warning-form-${ids.unit}-submit`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'warning:reconsider',
      payload: { unitId: ids.unit, reason: 'The quarry reopened in March.' },
    });
    await env.accept(
      sent.ask,
      env.log.add('warning:reconsidered', {
        unitId: ids.unit,
        decision: 'waived',
        warningId: null,
        reason: 'The quarry reopened in March.',
      }),
    );
    expect(within(panel).getByTestId(`proposed-warning-${ids.unit}`)).toBeInTheDocument();
    expect(within(panel).queryByTestId(`reconsider-warning-form-${ids.unit}`)).toBeNull();
    expect(screen.getByTestId('reconsidered-decisions')).toHaveTextContent(
      /^The waiver for North County Cement Works, given at .+, was taken back at .+: The quarry reopened in March\.$/,
    );
    expect(
      minutesSelectors.minutes(sessionStore.getState().session, { kind: 'session' }).decisions?.reconsidered,
    ).toEqual([expect.objectContaining({ unitId: ids.unit, decision: 'waived', text: 'Flooded quarry' })]);
  });

  test('a decision taken back on another chair screen while the form is open is said, with the unsent text', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('warning:issued', { warningId: 'w-9', unitId: ids.unit, fulfilment: 0.65, threshold: 0.7, note: null });
    });
    await openDecisions();
    fireEvent.click(screen.getByTestId(`reconsider-warning-${ids.unit}`));
    fireEvent.change(screen.getByLabelText('Why the decision is taken back (it goes in the minutes)'), {
      target: { value: 'Wrong unit' },
    });
    env.broadcast(
      env.log.add('warning:reconsidered', {
        unitId: ids.unit,
        decision: 'issued',
        warningId: 'w-9',
        reason: 'Mistake',
      }),
    );
    expect(screen.getByTestId('proposed-warning-overtaken')).toHaveTextContent(
      'The decision on North County Cement Works was taken back on another screen while this form was open, so nothing was sent from here: the unit is proposed again. What you wrote, not sent: “Wrong unit”',
    );
    expect(env.sentCommands()).toBe(0);
  });

  test('a carried-over warning is lifted or escalated at its second review, with a note', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, carriedWarning);
    await openDecisions();
    const review = screen.getByTestId(`second-review-${carriedWarningId}`);
    expect(review).toHaveTextContent('Warned in 2025-Q4 at 55%');
    expect(review).toHaveTextContent('Second review: South County Dairy');
    fireEvent.click(screen.getByTestId(`escalate-warning-${carriedWarningId}`));
    fireEvent.change(screen.getByLabelText(/Why it is escalated/), { target: { value: 'No improvement.' } });
    fireEvent.click(screen.getByTestId(`escalate-warning-form-${carriedWarningId}-submit`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'warning:escalate',
      payload: { warningId: carriedWarningId, note: 'No improvement.' },
    });
  });

  test('a second review’s escalation is taken back with a reason: the warning is open again, the escalation on record', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      carriedWarning(log);
      log.add('warning:escalated', { warningId: carriedWarningId, note: 'No improvement.' });
    });
    await openDecisions();
    expect(screen.queryByTestId(`escalate-warning-${carriedWarningId}`)).toBeNull();
    fireEvent.click(screen.getByTestId(`reopen-warning-${carriedWarningId}`));
    fireEvent.change(screen.getByLabelText('Why the decision is taken back (it goes in the minutes)'), {
      target: { value: 'Escalated on the unrevised figure.' },
    });
    fireEvent.click(screen.getByTestId(`reopen-warning-form-${carriedWarningId}-submit`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'warning:reopen',
      payload: { warningId: carriedWarningId, reason: 'Escalated on the unrevised figure.' },
    });
    await env.accept(
      sent.ask,
      env.log.add('warning:reopened', { warningId: carriedWarningId, reason: 'Escalated on the unrevised figure.' }),
    );
    expect(screen.getByTestId(`escalate-warning-${carriedWarningId}`)).toBeInTheDocument();
    expect(screen.getByTestId('reconsidered-decisions')).toHaveTextContent(
      /^Escalating the warning to South County Dairy at its second review \(.+\) was taken back at .+: Escalated on the unrevised figure\.$/,
    );
  });

  test('a second review decided on another chair screen while its form is open is said', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, carriedWarning);
    await openDecisions();
    fireEvent.click(screen.getByTestId(`lift-warning-${carriedWarningId}`));
    env.broadcast(env.log.add('warning:lifted', { warningId: carriedWarningId, note: 'Up to 80 %.' }));
    expect(screen.getByTestId(`second-review-overtaken-${carriedWarningId}`)).toHaveTextContent(
      'The warning to South County Dairy was decided on another screen while this form was open, so nothing was sent from here.',
    );
    expect(screen.queryByTestId(`lift-warning-form-${carriedWarningId}`)).toBeNull();
    expect(env.sentCommands()).toBe(0);
  });

  test('a second review decided on another chair screen keeps the note written and not sent', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, carriedWarning);
    await openDecisions();
    fireEvent.click(screen.getByTestId(`escalate-warning-${carriedWarningId}`));
    fireEvent.change(screen.getByLabelText(/Why it is escalated/), { target: { value: 'No improvement.' } });
    env.broadcast(env.log.add('warning:lifted', { warningId: carriedWarningId, note: 'Up to 80 %.' }));
    expect(screen.getByTestId(`second-review-overtaken-${carriedWarningId}`)).toHaveTextContent(
      'What you wrote, not sent: “No improvement.”',
    );
    expect(env.sentCommands()).toBe(0);
  });

  test('a second review taken back on another chair screen keeps the reason written and not sent', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      carriedWarning(log);
      log.add('warning:escalated', { warningId: carriedWarningId, note: 'No improvement.' });
    });
    await openDecisions();
    fireEvent.click(screen.getByTestId(`reopen-warning-${carriedWarningId}`));
    fireEvent.change(screen.getByLabelText('Why the decision is taken back (it goes in the minutes)'), {
      target: { value: 'Wrong figure.' },
    });
    env.broadcast(env.log.add('warning:reopened', { warningId: carriedWarningId, reason: 'Mistake' }));
    expect(screen.getByTestId(`second-review-overtaken-${carriedWarningId}`)).toHaveTextContent(
      'What you wrote, not sent: “Wrong figure.”',
    );
  });

  test('closing the session waits while an item is on the floor', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    await openDecisions();
    expect(screen.getByTestId('close-session')).toBeDisabled();
    expect(screen.getByText('An agenda item is on the floor: close or defer it first.')).toBeInTheDocument();
  });

  test('closing the session, once every proposed warning is decided, asks to confirm', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('warning:waived', { unitId: ids.unit, fulfilment: 0.65, reason: 'Flooded quarry' });
    });
    await openDecisions();
    fireEvent.click(screen.getByTestId('close-session'));
    // Before anything is sent, the chair reads what closing cuts off.
    expect(env.sentCommands()).toBe(0);
    expect(screen.getByTestId('confirm-close-session')).toHaveTextContent(
      'Day 2 was never opened.2 items of the days held were never presented: “Cement output, Q1”, “Milk deliveries, Q1”.A closed session cannot be reopened: the record becomes final.',
    );
    fireEvent.click(screen.getByTestId('confirm-close-session-confirm'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'session:close', payload: {} });
    await env.accept(
      sent.ask,
      env.log.add('day:adjourned', { dayId: ids.dayOne, at: instant(900) }),
      env.log.add('session:closed', { at: instant(900) }),
    );
    expect(screen.getByTestId('session-closed')).toBeInTheDocument();
  });
});

describe('attendance', () => {
  test('shows who connected and records the roll call', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('attendance:connected', { dayId: ids.dayOne, participantId: ids.official, at: instant(50) });
    });
    fireEvent.click(screen.getByTestId('tab-attendance'));
    const row = await screen.findByTestId(`attendance-row-${ids.official}`);
    expect(row).toHaveTextContent('Connected at');
    expect(screen.getByTestId(`attendance-row-${ids.presenter}`)).toHaveTextContent('Not connected');
    expect(screen.queryByTestId(`attendance-row-${ids.observer}`)).not.toBeInTheDocument();

    // Who is online now comes from presence, not from the log: a marker in words, not colour only.
    expect(screen.getByTestId('attendance-online-summary')).toHaveTextContent('0 online now.');
    act(() =>
      env.fake.serverEmits('presence:changed', {
        sessionId: ids.session,
        joined: [{ participantId: ids.official, isTyping: false }],
        left: [],
        typing: [],
      }),
    );
    // The presence store's change reaches the row in a render of its own.
    expect(await within(row).findByTestId(`attendance-online-${ids.official}`)).toHaveTextContent('Online now');
    expect(screen.queryByTestId(`attendance-online-${ids.presenter}`)).not.toBeInTheDocument();
    expect(screen.getByTestId('attendance-online-summary')).toHaveTextContent('1 online now.');

    fireEvent.click(within(row).getByTestId(`attendance-present-${ids.official}`));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'attendance:record',
      payload: { dayId: ids.dayOne, participantId: ids.official, present: true },
    });
    await env.accept(
      sent.ask,
      env.log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.official, present: true }),
    );
    expect(screen.getByTestId(`attendance-present-${ids.official}`)).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('attendance-summary')).toHaveTextContent('1 of 4 present; 1 of 4 connected.');
  });

  test('counts who was present as the minutes do: the roll call where taken, else a connection; the room screen not at all', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      const connected = (participantId: string) =>
        log.add('attendance:connected', { dayId: ids.dayOne, participantId, at: instant(50) });
      connected(ids.official);
      connected(ids.presenter);
      connected(ids.observer);
      log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.official, present: false });
      log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.otherOfficial, present: true });
    });
    fireEvent.click(screen.getByTestId('tab-attendance'));
    // The presenter connected and was not called; the other official was called present without
    // connecting; the official connected but was called absent.
    expect(await screen.findByTestId('attendance')).toHaveTextContent('2 of 4 present; 2 of 4 connected.');
    expect(screen.getByTestId('attendance-roll-call-summary')).toHaveTextContent(
      'Roll call: 1 present, 1 absent, 2 not called (they count as present if they connected).',
    );
    expect(screen.queryByTestId(`attendance-row-${ids.observer}`)).not.toBeInTheDocument();
    const { attendance } = minutesSelectors.minutes(sessionStore.getState().session, {
      kind: 'day',
      dayId: ids.dayOne,
    }).days[0]!;
    expect(attendance).toEqual({ present: 2, connected: 2, invited: 4 });
  });
});

describe('views', () => {
  test('the tabs follow the keyboard: arrows move and select', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair);
    const floor = screen.getByTestId('tab-floor');
    expect(floor).toHaveAttribute('aria-selected', 'true');
    floor.focus();
    act(() => {
      fireEvent.keyDown(floor, { key: 'ArrowRight' });
    });
    expect(screen.getByTestId('tab-decisions')).toHaveFocus();
    expect(screen.getByTestId('tab-decisions')).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('proposed-warnings')).toBeInTheDocument();
    act(() => {
      fireEvent.keyDown(screen.getByTestId('tab-decisions'), { key: 'End' });
    });
    // Once a day has opened, preparing (for later days) is the last view.
    expect(screen.getByTestId('tab-prepare')).toHaveAttribute('aria-selected', 'true');
  });
});
