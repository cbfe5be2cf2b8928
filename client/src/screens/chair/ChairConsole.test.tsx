import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { addDays, formatTime, todayIsoDate } from '../../lib/format';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen, inspector, inviteInspector } from '../../test/stories';
import { ChairConsole } from './ChairConsole';

/** A due date a month from today, as the chair's form would offer. */
const dueInAMonth = addDays(todayIsoDate(), 30);

const press = (key: string, target: Element | Document = document) => fireEvent.keyDown(target, { key });

describe('chair floor controls', () => {
  test('one-key controls start, open the floor, extend, pause, resume and close, and show their keys', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const start = screen.getByTestId('start-next-item');
    expect(start).toHaveAttribute('aria-keyshortcuts', 'S');
    expect(start).toHaveTextContent('Start next S');
    expect(screen.getByTestId('floor-controls')).toHaveTextContent('Keys: S start next');

    press('s');
    let sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'agenda:start-item', payload: { itemId: ids.itemOne } });
    await env.accept(sent.ask, env.log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) }));

    press('F');
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'agenda:open-floor', payload: { itemId: ids.itemOne } });
    await env.accept(sent.ask, env.log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(200) }));

    press('e');
    sent = await env.nextCommand();
    // Rehearsal 6: the extension carries the allotment this screen shows (20 planned minutes).
    expect(sent.command).toEqual({
      type: 'agenda:extend-time',
      payload: { itemId: ids.itemOne, minutes: 5, expectedMinutes: 20 },
    });
    await env.accept(sent.ask, env.log.add('agenda:time-extended', { itemId: ids.itemOne, minutes: 5 }));

    press('p');
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'agenda:pause-timer', payload: { itemId: ids.itemOne } });
    await env.accept(sent.ask, env.log.add('agenda:timer-paused', { itemId: ids.itemOne, at: instant(300) }));
    expect(screen.getByTestId('resume-timer')).toHaveTextContent('Resume clock');

    press('p');
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'agenda:resume-timer', payload: { itemId: ids.itemOne } });
    await env.accept(sent.ask, env.log.add('agenda:timer-resumed', { itemId: ids.itemOne, at: instant(400) }));

    // Closing asks first: the confirm button has the focus; Escape cancels and sends nothing.
    const sentBefore = env.sentCommands();
    press('c');
    let dialog = screen.getByRole('alertdialog', { name: 'Close “Cement output, Q1”?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(/Nobody is speaking/);
    expect(within(dialog).getByRole('button', { name: 'Close the item' })).toHaveFocus();
    fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Close the item' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(sentBefore);

    press('c');
    dialog = screen.getByRole('alertdialog');
    // Other shortcuts do nothing while the question is open.
    press('a', within(dialog).getByRole('button', { name: 'Close the item' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close the item' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'agenda:close-item', payload: { itemId: ids.itemOne } });
  });

  test('keys typed into a field are text, not commands; a key the state does not allow sends nothing', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const text = screen.getByTestId('criticism-text');
    text.focus();
    press('c', text);
    press('e', text);
    // Open floor is not possible on an open floor, and modifier combinations are the browser's.
    press('f');
    fireEvent.keyDown(document, { key: 'c', ctrlKey: true });
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
  });

  test('a shortcut works while a Korean input method is on, by the physical key', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    fireEvent.keyDown(document, { key: 'ㄷ', code: 'KeyE' });
    const sent = await env.nextCommand();
    expect(sent.command.type).toBe('agenda:extend-time');
  });

  test('rehearsal 6: an extension another tab made first is explained with the time it was extended to', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    press('e');
    const sent = await env.nextCommand();
    await act(async () => {
      sent.ask.answer({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'already extended',
          refusal: {
            kind: 'time-already-extended',
            field: 'expectedMinutes',
            allottedMinutes: 25,
            endsAt: instant(1600),
          },
        },
      });
      await flushMicrotasks();
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Could not give “Cement output, Q1” more time. The time was already extended to ${formatTime(instant(1600))} (25 min) by another tab or chair, so nothing was added.`,
    );
  });

  test('D opens the deferral of the item on the floor with the focus on the day', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    press('d');
    const dayField = screen.getByLabelText('Move to');
    expect(dayField).toHaveFocus();
    fireEvent.click(within(screen.getByTestId('floor-controls')).getByRole('button', { name: 'Confirm deferral' }));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'agenda:defer-item', payload: { itemId: ids.itemOne, toDayId: ids.dayTwo } });
  });

  test('rehearsal 5: A asks before adjourning the open day, naming the items never presented', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    press('a');
    const dialog = screen.getByRole('alertdialog', { name: 'Adjourn Day 1?' });
    expect(dialog).toHaveTextContent('2 items were never presented: North County Cement Works, South County Dairy.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Adjourn the day' }));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'day:adjourn', payload: { dayId: ids.dayOne } });
  });
});

describe('chair speaker queue', () => {
  test('gives the floor to a raised hand, ends the speech, and records the speaking time', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      log.add('floor:hand-raised', { participantId: ids.official, at: instant(250) }, ids.official);
    });
    const queue = screen.getByTestId('speaker-queue');
    expect(queue).toHaveTextContent('Hands raised (1)');
    fireEvent.click(within(queue).getByRole('button', { name: /^Give floor\W+Oleg Official$/ }));
    let sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'floor:give', payload: { participantId: ids.official } });
    await env.accept(
      sent.ask,
      env.log.add('floor:given', { participantId: ids.official, itemId: ids.itemOne, at: instant(300) }),
    );
    expect(screen.getByTestId('current-speaker')).toHaveTextContent('Speaking now: Oleg Official');

    fireEvent.click(screen.getByTestId('end-speech'));
    sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'floor:end-speech', payload: {} });
    await env.accept(sent.ask, env.log.add('floor:speech-ended', { participantId: ids.official, at: instant(425) }));
    expect(screen.getByTestId('speaker-queue')).toHaveTextContent('Speaking time on this item');
    expect(screen.getByTestId('speaker-queue')).toHaveTextContent('Oleg Official: 2:05');
  });
});

describe('chair rulings on criticism', () => {
  test('rules with a note', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
    });
    fireEvent.click(screen.getByTestId('rule-crit-1'));
    const form = screen.getByTestId('ruling-form-crit-1');
    fireEvent.click(within(form).getByLabelText('Referred'));
    fireEvent.change(within(form).getByLabelText('Referred to'), { target: { value: 'State Inspection Office' } });
    fireEvent.change(within(form).getByLabelText('Note (optional)'), { target: { value: 'Check the stock' } });
    fireEvent.click(screen.getByTestId('ruling-submit-crit-1'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'criticism:rule',
      payload: {
        criticismId: 'crit-1',
        ruling: 'referred',
        note: 'Check the stock',
        referredTo: 'State Inspection Office',
      },
    });
  });

  test('hides only with a reason', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
    });
    fireEvent.click(screen.getByTestId('hide-crit-1'));
    fireEvent.click(screen.getByTestId('hide-form-crit-1-submit'));
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(0);
    expect(screen.getByRole('alert')).toHaveTextContent('Give the reason for hiding this criticism.');

    fireEvent.change(screen.getByLabelText('Reason for hiding it (goes into the minutes)'), {
      target: { value: 'Personal remarks' },
    });
    fireEvent.click(screen.getByTestId('hide-form-crit-1-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'criticism:hide',
      payload: { criticismId: 'crit-1', reason: 'Personal remarks' },
    });
  });

  test('makes a directive of a criticism, addressed to the criticised unit', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1', { text: 'Kilns stood idle for six weeks.', category: 'inflated-report' });
    });
    fireEvent.click(screen.getByTestId('make-directive-crit-1'));
    const form = screen.getByTestId('directive-form');
    expect(within(form).getByTestId('directive-assignee')).toHaveValue(ids.unit);
    expect(within(form).getByTestId('directive-title')).toHaveValue('Kilns stood idle for six weeks.');
    fireEvent.change(within(form).getByTestId('directive-kind'), { target: { value: 'explain-failure' } });
    fireEvent.change(within(form).getByTestId('directive-due'), { target: { value: dueInAMonth } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'directive:issue',
      payload: {
        kind: 'explain-failure',
        assigneeUnitId: ids.unit,
        subjectUnitId: null,
        inspectorId: null,
        title: 'Kilns stood idle for six weeks.',
        text: null,
        dueDate: dueInAMonth,
        fromCriticismId: 'crit-1',
        itemId: ids.itemOne,
      },
    });
    await act(async () => {
      sent.ask.answer({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
      await flushMicrotasks();
    });
    expect(within(form).getByRole('alert')).toHaveTextContent('The directive was not issued.');
  });

  test('rehearsal 10: from the Decisions tab the chair orders an inspector to inspect a unit, tied to no item', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      inviteInspector(log);
      floorOpen(log);
    });
    fireEvent.click(screen.getByTestId('tab-decisions'));
    fireEvent.click(await screen.findByTestId('issue-directive'));
    const form = screen.getByTestId('directive-form');
    expect(within(form).getByLabelText('Inspected unit')).toBeInTheDocument();
    fireEvent.change(within(form).getByTestId('directive-assignee'), { target: { value: ids.otherUnit } });
    const by = within(form).getByTestId('directive-inspector');
    expect(
      within(by)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('Ivan Inspector');
    expect(
      within(by)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('North County Cement Works (inspection office)');
    fireEvent.change(by, { target: { value: `inspector:${inspector.id}` } });
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: 'Inspect the herd register' } });
    fireEvent.change(within(form).getByTestId('directive-due'), { target: { value: dueInAMonth } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({
      type: 'directive:issue',
      payload: {
        kind: 'inspection',
        assigneeUnitId: ids.otherUnit,
        subjectUnitId: ids.otherUnit,
        inspectorId: inspector.id,
        title: 'Inspect the herd register',
        text: null,
        dueDate: dueInAMonth,
        fromCriticismId: null,
        itemId: null,
      },
    });
  });

  test('rehearsal 8: a past due date is refused on the field, by the form and by the server', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-decisions'));
    fireEvent.click(await screen.findByTestId('issue-directive'));
    const form = screen.getByTestId('directive-form');
    const due = within(form).getByTestId('directive-due');
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: 'Inspect the kilns' } });
    fireEvent.change(due, { target: { value: addDays(todayIsoDate(), -1) } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(due).toHaveAttribute('aria-invalid', 'true');
    expect(due).toHaveAccessibleDescription('The due date is past: choose today or a later day.');
    expect(env.sentCommands()).toBe(0);

    // The server's calendar may be ahead of the chair's: its refusal names the field too.
    fireEvent.change(due, { target: { value: todayIsoDate() } });
    expect(due).not.toHaveAttribute('aria-invalid');
    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await env.nextCommand();
    const message = 'The due date is past: choose a later day.';
    await act(async () => {
      sent.ask.answer({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message, issues: [{ path: 'dueDate', message }] },
      });
      await flushMicrotasks();
    });
    expect(due).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByTestId('directive-due-problem')).toHaveTextContent(
      'The due date is past: choose today or a later day.',
    );
  });
});
