import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { draftSession } from './draftSession';
import { PrepareView } from './PrepareView';

const prepare = () => renderSession(<PrepareView role="chair" />, participants.chair, undefined, draftSession());
/** A field of the form `testId`, by its label. */
const field = (testId: string, label: string) => within(screen.getByTestId(testId)).getByLabelText(label);
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

describe('days', () => {
  test('“Add the day” with the theme empty marks the theme, beside it, and sends nothing', async () => {
    const { sentCommands } = await prepare();
    fireEvent.click(screen.getByTestId('add-day'));
    const submit = screen.getByTestId('add-day-form-submit');
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await act(flushMicrotasks);
    const theme = field('add-day-form', 'Theme');
    expect(theme).toHaveAttribute('aria-invalid', 'true');
    expect(theme).toHaveAccessibleDescription('Fill this in.');
    expect(document.activeElement).toBe(theme);
    expect(sentCommands()).toBe(0);
  });

  test('a planned end before the start, or a theme too long, is said beside its field by the field’s name', async () => {
    const { sentCommands } = await prepare();
    fireEvent.click(screen.getByTestId('add-day'));
    type(field('add-day-form', 'Theme'), 'x'.repeat(300));
    type(field('add-day-form', 'Start time'), '14:00');
    type(field('add-day-form', 'Planned end'), '10:00');
    fireEvent.click(screen.getByTestId('add-day-form-submit'));
    await act(flushMicrotasks);
    expect(field('add-day-form', 'Planned end')).toHaveAccessibleDescription(
      'The planned end must come after the start time.',
    );
    expect(field('add-day-form', 'Theme')).toHaveAccessibleDescription('at most 200 characters');
    expect(sentCommands()).toBe(0);
  });

  test('a refused change marks the field the server named, with the refusal in the form’s words', async () => {
    const { nextCommand, refuse } = await prepare();
    const form = screen.getByTestId(`day-form-${ids.dayOne}`);
    type(within(form).getByLabelText('Planned end'), '10:00');
    fireEvent.click(within(form).getByTestId(`day-form-${ids.dayOne}-submit`));
    const { ask, command } = await nextCommand();
    expect(command.type).toBe('day:update');
    await refuse(ask, {
      code: 'INVALID_PAYLOAD',
      message: 'invalid',
      issues: [{ path: 'command.payload.plannedEnd', message: 'after 14:00' }],
    });
    const plannedEnd = within(form).getByLabelText('Planned end');
    expect(plannedEnd).toHaveAttribute('aria-invalid', 'true');
    expect(plannedEnd).toHaveAccessibleDescription(/Change: planned end \(after 14:00\)\.$/);
    expect(document.activeElement).toBe(plannedEnd);
    expect(within(form).getByLabelText('Theme')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('prepare-days')).not.toHaveTextContent('plannedEnd');
  });

  test('removing a day asks first, as removing an item does', async () => {
    const { nextCommand, sentCommands } = await prepare();
    fireEvent.click(screen.getByTestId(`remove-day-${ids.dayTwo}`));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Remove Day 2');
    expect(dialog).toHaveTextContent('Its date, theme and hours are lost');
    await act(flushMicrotasks);
    expect(sentCommands()).toBe(0);

    fireEvent.click(screen.getByTestId(`remove-day-dialog-${ids.dayTwo}-cancel`));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(flushMicrotasks);
    expect(sentCommands()).toBe(0);

    fireEvent.click(screen.getByTestId(`remove-day-${ids.dayTwo}`));
    fireEvent.click(screen.getByTestId(`remove-day-dialog-${ids.dayTwo}-confirm`));
    expect((await nextCommand()).command).toEqual({ type: 'day:remove', payload: { dayId: ids.dayTwo } });
  });
});
