import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { draftSession } from './draftSession';
import { PrepareView } from './PrepareView';

const prepare = (story?: (log: ReturnType<typeof draftSession>) => void) =>
  renderSession(<PrepareView role="chair" />, participants.chair, story, draftSession());
/** A field of the form `testId`, by its label. */
const field = (testId: string, label: string) => within(screen.getByTestId(testId)).getByLabelText(label);
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

afterEach(() => changeLanguage('en', { persist: false }));

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
    expect(field('add-day-form', 'Theme')).toHaveAccessibleDescription('Use at most 200 characters.');
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
    expect(plannedEnd).toHaveAccessibleDescription(/Change these fields\. Planned end: after 14:00$/);
    expect(document.activeElement).toBe(plannedEnd);
    expect(within(form).getByLabelText('Theme')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('prepare-days')).not.toHaveTextContent('plannedEnd');
  });

  test('on a Korean page a refused planned end is said in Korean, naming the start time it must follow', async () => {
    const { nextCommand, refuse } = await prepare();
    await act(() => changeLanguage('ko', { persist: false }));
    const form = screen.getByTestId(`day-form-${ids.dayOne}`);
    type(within(form).getByLabelText('종료 예정 시각'), '10:00');
    fireEvent.click(within(form).getByTestId(`day-form-${ids.dayOne}-submit`));
    const { ask } = await nextCommand();
    await refuse(ask, {
      code: 'INVALID_PAYLOAD',
      message: 'invalid',
      issues: [
        {
          path: 'command.payload.plannedEnd',
          message: 'after 14:00',
          reason: { code: 'after-start-time', startTime: '14:00' },
        },
      ],
    });
    const plannedEnd = within(form).getByLabelText('종료 예정 시각');
    expect(plannedEnd).toHaveAccessibleDescription(
      /다음 항목을 고치십시오\. 종료 예정 시각: 시작 시각 14:00보다 뒤여야 합니다\.$/,
    );
    expect(form).not.toHaveTextContent('after 14:00');
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

describe('moving the days', () => {
  const saveDay = (dayId: string) => fireEvent.click(screen.getByTestId(`day-form-${dayId}-submit`));

  test('“Move all days…” by a number of days shows every new date before sending, then moves them in one command', async () => {
    const { nextCommand, sentCommands, accept, log } = await prepare();
    fireEvent.click(screen.getByRole('button', { name: 'Move all days…' }));
    type(field('move-days-form', 'Or move them by (days)'), '7');
    expect(field('move-days-form', 'New date of Day 1')).toHaveValue('2026-07-08');
    const preview = within(screen.getByTestId('move-days-preview')).getAllByRole('listitem');
    expect(preview.map((line) => line.textContent)).toEqual([
      `Day 1: ${formatDate('2026-07-01')} → ${formatDate('2026-07-08')}`,
      `Day 2: ${formatDate('2026-07-02')} → ${formatDate('2026-07-09')}`,
    ]);
    await act(flushMicrotasks);
    expect(sentCommands()).toBe(0);

    fireEvent.click(screen.getByTestId('move-days-form-submit'));
    const { ask, command } = await nextCommand();
    expect(command).toEqual({ type: 'session:reschedule-days', payload: { date: '2026-07-08' } });
    await accept(
      ask,
      log.add('day:rescheduled', { dayId: ids.dayTwo, date: '2026-07-09' }),
      log.add('day:rescheduled', { dayId: ids.dayOne, date: '2026-07-08' }),
    );
    expect(screen.queryByTestId('move-days-form')).toBeNull();
    expect(field(`day-form-${ids.dayOne}`, 'Date')).toHaveValue('2026-07-08');
    expect(field(`day-form-${ids.dayTwo}`, 'Date')).toHaveValue('2026-07-09');
  });

  test('a date for day 1 before the notice is said beside it, and nothing is sent', async () => {
    const { sentCommands } = await prepare((log) =>
      log.add('session:noticed', { noticeDate: '2026-06-28', at: instant(1) }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move all days…' }));
    type(field('move-days-form', 'New date of Day 1'), '2026-06-25');
    expect(field('move-days-form', 'Or move them by (days)')).toHaveValue(-6);
    fireEvent.click(screen.getByTestId('move-days-form-submit'));
    await act(flushMicrotasks);
    const date = field('move-days-form', 'New date of Day 1');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(
      `The first day cannot be before the notice of ${formatDate('2026-06-28')}: choose that date or a later one.`,
    );
    expect(sentCommands()).toBe(0);
  });

  test('the server’s refusal of the move is said beside the date, naming the date to come after', async () => {
    const { nextCommand, refuse } = await prepare();
    fireEvent.click(screen.getByRole('button', { name: 'Move all days…' }));
    type(field('move-days-form', 'New date of Day 1'), '2026-07-03');
    fireEvent.click(screen.getByTestId('move-days-form-submit'));
    const { ask } = await nextCommand();
    await refuse(ask, {
      code: 'CONFLICT',
      message: 'out of order',
      refusal: { kind: 'day-out-of-order', field: 'date', after: '2026-07-05', before: null },
    });
    expect(field('move-days-form', 'New date of Day 1')).toHaveAccessibleDescription(
      `Could not move the days. The days stay in order: choose a date after ${formatDate('2026-07-05')}.`,
    );
  });

  test('one day moved past the next says which day stands in the way, beside the date, offers moving all days at once, and sends nothing', async () => {
    const { sentCommands } = await prepare();
    type(field(`day-form-${ids.dayOne}`, 'Date'), '2026-07-03');
    saveDay(ids.dayOne);
    await act(flushMicrotasks);
    const date = field(`day-form-${ids.dayOne}`, 'Date');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(
      `“Day 2” is on ${formatDate('2026-07-02')}: the days stay in order. Move “Day 2” first, or move all days at once.`,
    );
    expect(sentCommands()).toBe(0);
  });

  test('on a Korean page the day in the way is named in Korean, with moving all days at once offered as Prepare does', async () => {
    const { sentCommands } = await prepare();
    await act(() => changeLanguage('ko', { persist: false }));
    type(field(`day-form-${ids.dayOne}`, '날짜'), '2026-07-03');
    saveDay(ids.dayOne);
    await act(flushMicrotasks);
    expect(field(`day-form-${ids.dayOne}`, '날짜')).toHaveAccessibleDescription(
      `“Day 2”이(가) ${formatDate('2026-07-02')}에 있습니다. 회의일은 순서를 지켜야 합니다. “Day 2”을(를) 먼저 옮기거나 회의일을 모두 함께 옮기십시오.`,
    );
    expect(sentCommands()).toBe(0);
  });

  test('a day moved out of order by someone else meanwhile is refused beside its date, with the dates between', async () => {
    const { nextCommand, refuse } = await prepare();
    type(field(`day-form-${ids.dayTwo}`, 'Date'), '2026-07-05');
    saveDay(ids.dayTwo);
    const { ask, command } = await nextCommand();
    expect(command).toEqual({ type: 'day:reschedule', payload: { dayId: ids.dayTwo, date: '2026-07-05' } });
    await refuse(ask, {
      code: 'CONFLICT',
      message: 'out of order',
      refusal: { kind: 'day-out-of-order', field: 'date', after: '2026-07-01', before: '2026-07-04' },
    });
    expect(field(`day-form-${ids.dayTwo}`, 'Date')).toHaveAccessibleDescription(
      `Could not move “Day 2”. The days stay in order: choose a date after ${formatDate('2026-07-01')} and before ${formatDate('2026-07-04')}.`,
    );
  });
});
