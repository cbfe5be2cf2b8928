import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { carriedWarning } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';

/** Sets this device's calendar to `date` (local noon) for the test; timers stay real. */
function onDate(date: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T12:00:00`));
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

describe('chair agenda', () => {
  afterEach(() => changeLanguage('en', { persist: false }));

  test('starting an item waits for the server, then only the live item’s next steps are enabled', async () => {
    const { fake, log, broadcast } = await renderSession(<ChairConsole role="chair" />, participants.chair);
    const row = (id: string) => screen.getByTestId(`agenda-item-${id}`);
    expect(row(ids.itemOne)).toHaveTextContent('Pending');
    expect(screen.getByTestId(`start-item-${ids.itemOne}`)).toBeEnabled();
    expect(screen.getByTestId(`start-item-${ids.itemTwo}`)).toBeEnabled();
    expect(screen.getByTestId(`open-floor-${ids.itemOne}`)).toBeDisabled();
    expect(screen.getByTestId(`close-item-${ids.itemOne}`)).toBeDisabled();

    fireEvent.click(screen.getByTestId(`start-item-${ids.itemOne}`));
    const ask = await fake.nextAsk('command');
    expect(ask.payload).toMatchObject({ command: { type: 'agenda:start-item', payload: { itemId: ids.itemOne } } });
    // Not optimistic: the status stays as the server last said, and every floor button waits.
    expect(row(ids.itemOne)).toHaveTextContent('Pending (sending…)');
    expect(screen.getByTestId(`start-item-${ids.itemOne}`)).toBeDisabled();
    expect(screen.getByTestId(`start-item-${ids.itemTwo}`)).toBeDisabled();

    await act(async () => {
      ask.answer({ ok: true, data: { seq: log.events.length + 1 } });
      await flushMicrotasks();
    });
    // Acked but not yet folded: still waiting for the event.
    expect(screen.getByTestId(`open-floor-${ids.itemOne}`)).toBeDisabled();

    broadcast(log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) }));
    expect(row(ids.itemOne)).toHaveTextContent('Presenting');
    expect(row(ids.itemOne)).not.toHaveTextContent('sending');
    expect(screen.getByTestId(`open-floor-${ids.itemOne}`)).toBeEnabled();
    expect(screen.getByTestId(`close-item-${ids.itemOne}`)).toBeEnabled();
    expect(screen.getByTestId(`start-item-${ids.itemOne}`)).toBeDisabled();
    // Only one item may be live at a time.
    expect(screen.getByTestId(`start-item-${ids.itemTwo}`)).toBeDisabled();
    expect(screen.getByTestId('current-item')).toHaveTextContent('Cement output, Q1');
  });

  test('a refused floor action is explained in the chair’s words', async () => {
    const { fake } = await renderSession(<ChairConsole role="chair" />, participants.chair);
    fireEvent.click(screen.getByTestId(`start-item-${ids.itemTwo}`));
    const ask = await fake.nextAsk('command');
    await act(async () => {
      ask.answer({ ok: false, error: { code: 'CONFLICT', message: 'item-2 cannot start: item-1 is live' } });
      await flushMicrotasks();
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not start “Milk deliveries, Q1”.');
    expect(alert).toHaveTextContent("This cannot be done in the review session's current state.");
    expect(alert).not.toHaveTextContent('item-1 is live');
    expect(screen.getByTestId(`start-item-${ids.itemTwo}`)).toBeEnabled();
  });

  test('deferring picks a later day', async () => {
    const { fake } = await renderSession(<ChairConsole role="chair" />, participants.chair);
    fireEvent.click(screen.getByTestId(`defer-item-${ids.itemTwo}`));
    const row = screen.getByTestId(`agenda-item-${ids.itemTwo}`);
    expect(within(row).getByLabelText('Move to')).toHaveDisplayValue(/Day 2/);
    fireEvent.click(within(row).getByRole('button', { name: 'Confirm deferral' }));
    const ask = await fake.nextAsk('command');
    expect(ask.payload).toMatchObject({
      command: { type: 'agenda:defer-item', payload: { itemId: ids.itemTwo, toDayId: ids.dayTwo } },
    });
  });

  test('a day’s new date is checked against its neighbours before sending; the server’s refusal is said beside the date', async () => {
    const { nextCommand, refuse, accept, log, sentCommands } = await renderSession(
      <ChairConsole role="chair" />,
      participants.chair,
    );
    const sentBefore = sentCommands();
    fireEvent.click(screen.getByTestId(`reschedule-day-${ids.dayTwo}`));
    // The form comes with its words when first opened.
    const form = await screen.findByTestId(`reschedule-day-form-${ids.dayTwo}`);
    const date = within(form).getByLabelText('New date');
    const move = () => fireEvent.click(within(form).getByRole('button', { name: 'Move the day' }));

    // Day 1 stands in the way: named, and nothing is sent. Moving all days at once is Prepare's, not offered here.
    fireEvent.change(date, { target: { value: '2026-04-01' } });
    move();
    expect(date).toHaveAccessibleDescription(
      `“Day 1” is on ${formatDate('2026-04-01')}: the days stay in order. Move “Day 1” first.`,
    );
    expect(date).toHaveFocus();
    expect(sentCommands()).toBe(sentBefore);

    // The server's typed refusal (the record moved on meanwhile) stays beside the date, in words.
    fireEvent.change(date, { target: { value: '2026-04-09' } });
    move();
    const sent = await nextCommand();
    expect(sent.command).toEqual({ type: 'day:reschedule', payload: { dayId: ids.dayTwo, date: '2026-04-09' } });
    await refuse(sent.ask, {
      code: 'CONFLICT',
      message: 'The days stay in order.',
      refusal: { kind: 'day-out-of-order', field: 'date', after: '2026-04-01', before: '2026-04-08' },
    });
    expect(date).toHaveAccessibleDescription(
      `Could not move “Day 2”. The days stay in order: choose a date after ${formatDate('2026-04-01')} and before ${formatDate('2026-04-08')}.`,
    );
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId(`reschedule-day-form-${ids.dayTwo}`)).toBeInTheDocument();

    fireEvent.change(date, { target: { value: '2026-04-07' } });
    move();
    const again = await nextCommand();
    await accept(again.ask, log.add('day:rescheduled', { dayId: ids.dayTwo, date: '2026-04-07' }));
    expect(screen.queryByTestId(`reschedule-day-form-${ids.dayTwo}`)).not.toBeInTheDocument();
  });

  test('on a Korean page the day in the way is named in Korean, without offering to move all days', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair);
    await act(() => changeLanguage('ko', { persist: false }));
    fireEvent.click(screen.getByTestId(`reschedule-day-${ids.dayTwo}`));
    // The form comes with its words when first opened.
    const form = await screen.findByTestId(`reschedule-day-form-${ids.dayTwo}`);
    const date = within(form).getByLabelText('새 날짜');
    fireEvent.change(date, { target: { value: '2026-04-01' } });
    fireEvent.click(within(form).getByRole('button', { name: '회의일 옮기기' }));
    expect(date).toHaveAccessibleDescription(
      `“Day 1”이(가) ${formatDate('2026-04-01')}에 있습니다. 회의일은 순서를 지켜야 합니다. “Day 1”을(를) 먼저 옮기십시오.`,
    );
  });

  test('an item without a unit is named by its kind, as the preparation names it, on the agenda and on the floor', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      for (const [order, id, kind, topic] of [
        [0, 'item-opening', 'opening', 'The quarter in brief'],
        [1, 'item-topic', 'topic', 'Supply of coal'],
      ] as const) {
        log.add('agenda:item-added', {
          item: { id, dayId: ids.dayOne, unitId: null, topic, plannedMinutes: 10, warningId: null, kind },
          order,
        });
      }
      log.add('agenda:item-started', { itemId: 'item-opening', startedAt: instant(100) });
    });
    expect(screen.getByTestId('agenda-item-item-opening')).toHaveTextContent('Opening');
    expect(screen.getByTestId('agenda-item-item-opening')).not.toHaveTextContent('General topic');
    expect(screen.getByTestId('agenda-item-item-topic')).toHaveTextContent('General topic');
    expect(screen.getByTestId('current-item')).toHaveTextContent('Opening');
    expect(screen.getByTestId('current-item')).not.toHaveTextContent('General topic');
  });

  test('items start only on the open day; another day opens once the open one is adjourned', async () => {
    const { fake } = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('agenda:item-added', {
        item: {
          id: 'item-3',
          dayId: ids.dayTwo,
          unitId: null,
          topic: 'Supply of coal',
          plannedMinutes: 10,
          warningId: null,
        },
        order: 0,
      });
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    });
    expect(screen.getByTestId(`day-status-${ids.dayOne}`)).toHaveTextContent('Open');
    expect(screen.getByTestId(`day-status-${ids.dayTwo}`)).toHaveTextContent('Scheduled');
    expect(screen.getByTestId('start-item-item-3')).toBeDisabled();
    // Day one is open, and holds the live item: it cannot be adjourned, and day two cannot open.
    expect(screen.getByTestId(`adjourn-day-${ids.dayOne}`)).toBeDisabled();
    expect(screen.getByTestId(`open-day-${ids.dayTwo}`)).toBeDisabled();
    expect(fake.sent.filter((m) => m.event === 'command')).toHaveLength(0);
  });

  test('an adjourned day lets the next one open', async () => {
    // On its own date: it opens without a question.
    onDate('2026-04-02');
    const { fake } = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(50) });
    });
    expect(screen.getByTestId(`day-status-${ids.dayOne}`)).toHaveTextContent('Adjourned');
    expect(screen.getByTestId(`start-item-${ids.itemTwo}`)).toBeDisabled();
    fireEvent.click(screen.getByTestId(`open-day-${ids.dayTwo}`));
    const ask = await fake.nextAsk('command');
    expect(ask.payload).toMatchObject({ command: { type: 'day:open', payload: { dayId: ids.dayTwo } } });
  });

  test('opening a day before or after its date asks first, naming both dates; nothing is sent until confirmed', async () => {
    onDate('2026-03-25');
    const { nextCommand, sentCommands } = await renderSession(
      <ChairConsole role="chair" />,
      participants.chair,
      (log) => {
        log.add('day:adjourned', { dayId: ids.dayOne, at: instant(50) });
      },
    );
    const sentBefore = sentCommands();
    fireEvent.click(screen.getByTestId(`open-day-${ids.dayTwo}`));
    const dialog = await screen.findByRole('alertdialog', { name: 'Open Day 2 today?' });
    expect(dialog).toHaveTextContent(
      `Day 2 is scheduled for ${formatDate('2026-04-02')}, but today is ${formatDate('2026-03-25')}.`,
    );
    expect(dialog).toHaveTextContent(`The record will show it opened on ${formatDate('2026-03-25')}`);
    expect(sentCommands()).toBe(sentBefore);

    // Cancelled: nothing sent; asked again, and confirmed: the day opens.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(sentCommands()).toBe(sentBefore);
    fireEvent.click(screen.getByTestId(`open-day-${ids.dayTwo}`));
    fireEvent.click(screen.getByTestId('confirm-open-day-confirm'));
    const sent = await nextCommand();
    expect(sent.command).toEqual({ type: 'day:open', payload: { dayId: ids.dayTwo } });
  });

  test('opening a day after its date asks too', async () => {
    onDate('2026-04-09');
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(50) });
    });
    fireEvent.click(screen.getByTestId(`open-day-${ids.dayTwo}`));
    expect(await screen.findByTestId('confirm-open-day')).toHaveTextContent(
      `Day 2 is scheduled for ${formatDate('2026-04-02')}, but today is ${formatDate('2026-04-09')}.`,
    );
  });

  test('closing a second review names its warning still to lift or escalate, by the row and by the key', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      carriedWarning(log);
      log.add('agenda:item-started', { itemId: 'item-review', startedAt: instant(100) });
    });
    const warningLine =
      'The 2025-Q4 warning to South County Dairy is neither lifted nor escalated: this second review is to decide it.';
    fireEvent.click(screen.getByTestId('close-item-item-review'));
    const dialog = await screen.findByTestId('confirm-close-item');
    expect(dialog).toHaveTextContent(warningLine);
    expect(dialog).toHaveTextContent('it can still be lifted or escalated in Decisions until the session closes');
    expect(dialog).not.toHaveTextContent('Nobody is speaking');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.keyDown(document.body, { key: 'c' });
    expect(await screen.findByTestId('confirm-close-item')).toHaveTextContent(warningLine);
  });
});
