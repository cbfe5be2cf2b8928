import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { addDays } from '@plenum/shared';
import { todayIsoDate } from '../../lib/format';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { connectionStore } from '../../stores/connection';
import { ids, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen, inspector, inviteInspector } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';

/** A due date a month from today, as the chair's form would offer. */
const dueInAMonth = addDays(todayIsoDate(), 30);

/** The `directive:issue` the form sends: due in a month, with no text, subject, inspector or origin unless given. */
function directiveIssue(fields: { kind: string; assigneeUnitId: string; title: string } & Record<string, unknown>) {
  return {
    type: 'directive:issue',
    payload: {
      subjectUnitId: null,
      inspectorId: null,
      text: null,
      dueDate: dueInAMonth,
      fromCriticismId: null,
      itemId: null,
      ...fields,
    },
  };
}

/** The chair's console on a log seeded by `seed`, its directive form opened from the Decisions tab. */
async function openDirectiveForm(seed: Parameters<typeof renderSession>[2] = inviteInspector) {
  const env = await renderSession(<ChairConsole role="chair" />, participants.chair, seed);
  fireEvent.click(screen.getByTestId('tab-decisions'));
  fireEvent.click(await screen.findByTestId('issue-directive'));
  return { env, form: screen.getByTestId('directive-form') };
}

/** The chair's console with a criticism of the item on the floor, its ruling form opened. */
async function openRulingForm() {
  const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
    floorOpen(log);
    criticise(log, 'crit-1');
  });
  fireEvent.click(screen.getByTestId('rule-crit-1'));
  return { env, form: screen.getByTestId('ruling-form-crit-1') };
}

describe('chair rulings on criticism', () => {
  test('offline, “Rule…” and “Hide…” are disabled as other sending controls are; a form already open stays open', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
    });
    fireEvent.click(screen.getByTestId('rule-crit-1'));
    act(() => connectionStore.getState().setStatus('reconnecting'));
    expect(screen.getByTestId('hide-crit-1')).toBeDisabled();
    expect(screen.getByTestId('rule-crit-1')).toBeEnabled();
    expect(screen.getByTestId('ruling-submit-crit-1')).toBeDisabled();
    fireEvent.click(screen.getByTestId('rule-crit-1'));
    expect(screen.queryByTestId('ruling-form-crit-1')).not.toBeInTheDocument();
    expect(screen.getByTestId('rule-crit-1')).toBeDisabled();

    act(() => connectionStore.getState().setStatus('live'));
    expect(screen.getByTestId('rule-crit-1')).toBeEnabled();
    expect(screen.getByTestId('hide-crit-1')).toBeEnabled();
  });

  test('rules with a note', async () => {
    const { env, form } = await openRulingForm();
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

  test('an empty “Referred to” is said beside that field, with nothing under the rulings that reads as “Dismiss”', async () => {
    const { env, form } = await openRulingForm();
    fireEvent.click(within(form).getByLabelText('Referred'));
    fireEvent.click(screen.getByTestId('ruling-submit-crit-1'));
    await flushMicrotasks();

    expect(env.sentCommands()).toBe(0);
    const field = within(form).getByLabelText('Referred to');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Name to whom the criticism is referred.');
    expect(field).toHaveFocus();
    expect(within(form).queryByRole('button', { name: /dismiss/i })).not.toBeInTheDocument();

    // Naming the recipient clears the mark; a refusal by the server closes with a button that says so.
    fireEvent.change(field, { target: { value: 'State Inspection Office' } });
    expect(field).not.toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(screen.getByTestId('ruling-submit-crit-1'));
    const { ask } = await env.nextCommand();
    await env.refuse(ask, { code: 'CONFLICT', message: 'criticism already ruled' });
    expect(within(form).getByRole('alert')).toHaveTextContent('The ruling was not recorded.');
    expect(within(form).queryByRole('button', { name: /dismiss/i })).not.toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: 'Close this message' }));
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  test('a pasted “Referred to” past the limit is kept whole, said beside it, and not sent until shortened', async () => {
    const { env, form } = await openRulingForm();
    fireEvent.click(within(form).getByLabelText('Referred'));
    const field = within(form).getByLabelText('Referred to');
    const pasted = 'State Inspection Office, Northern District, '.repeat(5);
    fireEvent.change(field, { target: { value: pasted } });
    fireEvent.click(screen.getByTestId('ruling-submit-crit-1'));
    await flushMicrotasks();

    expect(env.sentCommands()).toBe(0);
    expect(field).toHaveValue(pasted);
    expect(field).toHaveAccessibleDescription('At most 200 characters fit: shorten the text by 19.');
    expect(field).toHaveFocus();

    fireEvent.change(field, { target: { value: 'State Inspection Office' } });
    fireEvent.click(screen.getByTestId('ruling-submit-crit-1'));
    expect((await env.nextCommand()).command).toMatchObject({ payload: { referredTo: 'State Inspection Office' } });
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

  test('a directive being made of a criticism comes back after a reload with what was typed', async () => {
    const seed = (log: Parameters<NonNullable<Parameters<typeof renderSession>[2]>>[0]) => {
      floorOpen(log);
      criticise(log, 'crit-1', { text: 'Kilns stood idle for six weeks.', category: 'inflated-report' });
    };
    const first = await renderSession(<ChairConsole role="chair" />, participants.chair, seed);
    fireEvent.click(screen.getByTestId('make-directive-crit-1'));
    // The form's code and words load on its first use.
    fireEvent.change(within(await screen.findByTestId('directive-form')).getByTestId('directive-title'), {
      target: { value: 'Explain the kiln stoppage' },
    });
    first.unmount();

    await renderSession(<ChairConsole role="chair" />, participants.chair, seed);
    const form = await screen.findByTestId('directive-form');
    expect(within(form).getByTestId('directive-title')).toHaveValue('Explain the kiln stoppage');
  });

  test('makes a directive of a criticism, addressed to the criticised unit', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1', { text: 'Kilns stood idle for six weeks.', category: 'inflated-report' });
    });
    fireEvent.click(screen.getByTestId('make-directive-crit-1'));
    const form = await screen.findByTestId('directive-form');
    expect(within(form).getByTestId('directive-assignee')).toHaveValue(ids.unit);
    expect(within(form).getByTestId('directive-title')).toHaveValue('Kilns stood idle for six weeks.');
    fireEvent.change(within(form).getByTestId('directive-kind'), { target: { value: 'explain-failure' } });
    fireEvent.change(within(form).getByTestId('directive-due'), { target: { value: dueInAMonth } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual(
      directiveIssue({
        kind: 'explain-failure',
        assigneeUnitId: ids.unit,
        title: 'Kilns stood idle for six weeks.',
        fromCriticismId: 'crit-1',
        itemId: ids.itemOne,
      }),
    );
    await act(async () => {
      sent.ask.answer({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
      await flushMicrotasks();
    });
    expect(within(form).getByRole('alert')).toHaveTextContent('The directive was not issued.');
  });

  test('rehearsal 10: from the Decisions tab the chair orders an inspector to inspect a unit, tied to no item', async () => {
    const { env, form } = await openDirectiveForm((log) => {
      inviteInspector(log);
      floorOpen(log);
    });
    expect(within(form).getByLabelText('Inspected unit')).toBeInTheDocument();
    fireEvent.change(within(form).getByTestId('directive-assignee'), { target: { value: ids.otherUnit } });
    const by = within(form).getByTestId('directive-inspector');
    const offered = within(by)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(offered).toContain('Ivan Inspector');
    expect(offered).toContain('North County Cement Works (inspection office)');
    // The unit inspected is not offered as its own inspection office.
    expect(offered).not.toContain('South County Dairy (inspection office)');
    fireEvent.change(by, { target: { value: `inspector:${inspector.id}` } });
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: 'Inspect the herd register' } });
    fireEvent.change(within(form).getByTestId('directive-due'), { target: { value: dueInAMonth } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual(
      directiveIssue({
        kind: 'inspection',
        assigneeUnitId: ids.otherUnit,
        subjectUnitId: ids.otherUnit,
        inspectorId: inspector.id,
        title: 'Inspect the herd register',
      }),
    );
  });

  test('an inspector the server refuses is named in words and marked beside “Carried out by”, which takes the focus', async () => {
    const { env, form } = await openDirectiveForm();
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: 'Inspect the kilns' } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await env.nextCommand();
    expect(sent.command).toMatchObject({ payload: { kind: 'inspection', inspectorId: inspector.id } });
    const message = `${inspector.id} is not an inspector of this session: choose an inspector.`;
    await env.refuse(sent.ask, {
      code: 'INVALID_PAYLOAD',
      message,
      issues: [{ path: 'inspectorId', message, reason: { code: 'not-an-inspector' } }],
    });
    const by = within(form).getByTestId('directive-inspector');
    expect(by).toHaveAttribute('aria-invalid', 'true');
    expect(by).toHaveAccessibleDescription('This is not an inspector of this session: choose an inspector.');
    expect(by).toHaveFocus();
    expect(within(form).getByTestId('directive-assignee')).not.toHaveAttribute('aria-invalid');
    const note = within(form).getByRole('alert');
    expect(note).toHaveTextContent(
      'The directive was not issued. Plenum could not accept this: some details are missing or not valid. Check them and try again. Change these fields. Inspector: This is not an inspector of this session: choose an inspector.',
    );
    expect(note).not.toHaveTextContent('inspectorId');
  });

  test('a refused assignee unit is marked on the drop-down it was chosen in: the unit, or “Carried out by” for an inspection office', async () => {
    const { env, form } = await openDirectiveForm();
    const unit = within(form).getByTestId('directive-assignee');
    const refuseUnit = async () => {
      fireEvent.click(within(form).getByTestId('directive-submit'));
      const sent = await env.nextCommand();
      await env.refuse(sent.ask, {
        code: 'INVALID_PAYLOAD',
        message: 'unknown unit',
        issues: [{ path: 'command.payload.assigneeUnitId', message: 'unknown unit', reason: { code: 'unknown-unit' } }],
      });
      return sent.command;
    };
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: 'Inspect the herd register' } });
    fireEvent.change(within(form).getByTestId('directive-inspector'), {
      target: { value: `office:${ids.otherUnit}` },
    });
    expect(await refuseUnit()).toMatchObject({ payload: { assigneeUnitId: ids.otherUnit, subjectUnitId: ids.unit } });
    const by = within(form).getByTestId('directive-inspector');
    expect(by).toHaveAttribute('aria-invalid', 'true');
    expect(by).toHaveAccessibleDescription('There is no such unit in this session.');
    expect(by).toHaveFocus();
    expect(unit).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Change these fields. Assignee unit: There is no such unit in this session.',
    );

    fireEvent.change(within(form).getByTestId('directive-kind'), { target: { value: 'explain-failure' } });
    expect(await refuseUnit()).toMatchObject({ payload: { kind: 'explain-failure', assigneeUnitId: ids.unit } });
    expect(unit).toHaveAttribute('aria-invalid', 'true');
    expect(unit).toHaveAccessibleDescription('There is no such unit in this session.');
    expect(unit).toHaveFocus();
  });

  test('rehearsal 8: a past due date is refused on the field, by the form and by the server', async () => {
    const { env, form } = await openDirectiveForm();
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
