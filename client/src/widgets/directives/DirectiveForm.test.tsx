import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { addDays } from '@plenum/shared';
import { todayIsoDate } from '../../lib/format';
import { participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { inviteInspector } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';

/** The chair's console, its directive form opened from the Decisions tab. */
async function openDirectiveForm() {
  const env = await renderSession(<ChairConsole role="chair" />, participants.chair, inviteInspector);
  fireEvent.click(screen.getByTestId('tab-decisions'));
  fireEvent.click(await screen.findByTestId('issue-directive'));
  return { env, form: screen.getByTestId('directive-form') };
}

describe('directive form checks', () => {
  test('a missing title, once given, is no longer said when the due date is the problem', async () => {
    const { env, form } = await openDirectiveForm();
    const title = within(form).getByTestId('directive-title');
    const due = within(form).getByTestId('directive-due');
    fireEvent.change(title, { target: { value: '' } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Give the directive a title.');

    fireEvent.change(title, { target: { value: 'Inspect the kilns' } });
    fireEvent.change(due, { target: { value: '2020-01-01' } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(due).toHaveAccessibleDescription('The due date is past: choose today or a later day.');
    expect(within(form).queryByText('Give the directive a title.')).not.toBeInTheDocument();
    expect(env.sentCommands()).toBe(0);

    fireEvent.change(due, { target: { value: addDays(todayIsoDate(), 7) } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    expect((await env.nextCommand()).command).toMatchObject({ type: 'directive:issue' });
  });

  test('an empty title and a past due date are both said on one submit', async () => {
    const { env, form } = await openDirectiveForm();
    const due = within(form).getByTestId('directive-due');
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: ' ' } });
    fireEvent.change(due, { target: { value: '2020-01-01' } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Give the directive a title.');
    expect(due).toHaveAccessibleDescription('The due date is past: choose today or a later day.');
    expect(env.sentCommands()).toBe(0);
  });

  test('a text past the limit is kept, named, and not sent until shortened', async () => {
    const { env, form } = await openDirectiveForm();
    fireEvent.change(within(form).getByTestId('directive-title'), { target: { value: 'Inspect the kilns' } });
    const text = within(form).getByLabelText(/^Details/);
    fireEvent.change(text, { target: { value: 'x'.repeat(4_010) } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('At most 4,000 characters fit: shorten the text by 10.');
    expect((text as HTMLTextAreaElement).value).toHaveLength(4_010);
    expect(env.sentCommands()).toBe(0);
    fireEvent.change(text, { target: { value: 'x'.repeat(4_000) } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect((await env.nextCommand()).command).toMatchObject({ type: 'directive:issue' });
  });

  test('a pasted title past the limit is kept whole and refused, not cut', async () => {
    const { env, form } = await openDirectiveForm();
    const title = within(form).getByTestId('directive-title');
    const pasted = 'Inspect the kilns of the northern works '.repeat(7);
    fireEvent.change(title, { target: { value: pasted } });
    expect(title).toHaveValue(pasted);
    expect(title).not.toHaveAttribute('maxlength');
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect(within(form).getByRole('alert')).toHaveTextContent('At most 200 characters fit: shorten the text by 79.');
    expect(title).toHaveAccessibleDescription('At most 200 characters fit: shorten the text by 79.');
    expect(env.sentCommands()).toBe(0);

    fireEvent.change(title, { target: { value: pasted.slice(0, 200) } });
    fireEvent.click(within(form).getByTestId('directive-submit'));
    expect((await env.nextCommand()).command).toMatchObject({
      type: 'directive:issue',
      payload: { title: pasted.slice(0, 200).trim() },
    });
  });
});

describe('an unsent directive', () => {
  test('survives a reload, open with what was typed, and is forgotten once issued', async () => {
    const first = await openDirectiveForm();
    fireEvent.change(within(first.form).getByTestId('directive-kind'), { target: { value: 'explain-failure' } });
    fireEvent.change(within(first.form).getByTestId('directive-title'), {
      target: { value: 'Explain the kiln stoppage' },
    });
    fireEvent.change(within(first.form).getByLabelText(/^Details/), { target: { value: 'By the end of the month.' } });
    first.env.unmount();

    const again = await renderSession(<ChairConsole role="chair" />, participants.chair, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-decisions'));
    const form = await screen.findByTestId('directive-form');
    expect(within(form).getByTestId('directive-kind')).toHaveValue('explain-failure');
    expect(within(form).getByTestId('directive-title')).toHaveValue('Explain the kiln stoppage');
    expect(within(form).getByLabelText(/^Details/)).toHaveValue('By the end of the month.');

    fireEvent.click(within(form).getByTestId('directive-submit'));
    const sent = await again.nextCommand();
    expect(sent.command).toMatchObject({ type: 'directive:issue', payload: { title: 'Explain the kiln stoppage' } });
    await again.accept(sent.ask);
    expect(screen.queryByTestId('directive-form')).toBeNull();
    again.unmount();

    await renderSession(<ChairConsole role="chair" />, participants.chair, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-decisions'));
    await screen.findByTestId('issue-directive');
    expect(screen.queryByTestId('directive-form')).toBeNull();
  });

  test('is forgotten when the chair cancels it', async () => {
    const first = await openDirectiveForm();
    fireEvent.change(within(first.form).getByTestId('directive-title'), { target: { value: 'Inspect the kilns' } });
    fireEvent.click(within(first.form).getByRole('button', { name: 'Cancel' }));
    first.env.unmount();

    await renderSession(<ChairConsole role="chair" />, participants.chair, inviteInspector);
    fireEvent.click(screen.getByTestId('tab-decisions'));
    fireEvent.click(await screen.findByTestId('issue-directive'));
    expect(within(screen.getByTestId('directive-form')).getByTestId('directive-title')).toHaveValue('');
  });
});
