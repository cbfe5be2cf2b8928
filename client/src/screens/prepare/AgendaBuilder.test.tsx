import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { draftSession } from './draftSession';
import { PrepareView } from './PrepareView';

const row = (itemId: string) => screen.getByTestId(`prepare-item-${itemId}`);
/** The topic field of the item form `testId`. */
const topic = (testId: string) => within(screen.getByTestId(testId)).getByLabelText('Topic');
/** The draft session with a report item whose topic the system wrote, in Korean, at a convening. */
function withProposedReport() {
  const log = draftSession();
  log.add('agenda:item-added', {
    item: {
      id: 'item-proposed',
      dayId: ids.dayOne,
      unitId: ids.unit,
      topic: 'North County Cement Works — 계획과 실적',
      plannedMinutes: 15,
      warningId: null,
      kind: 'report',
      generatedTopic: { kind: 'report', unit: 'North County Cement Works' },
    },
    order: 3,
  });
  return log;
}
const order = (dayId: string) =>
  within(screen.getByTestId(`prepare-day-${dayId}`))
    .queryAllByRole('listitem')
    .map((li) => li.dataset.testid);

describe('agenda builder', () => {
  test('Alt+ArrowUp on a focused item moves it up: the command names the new position, the focus follows, and the reader hears it', async () => {
    const { nextCommand, accept, log } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    expect(order(ids.dayOne)).toEqual([
      `prepare-item-${ids.itemOne}`,
      `prepare-item-${ids.itemTwo}`,
      'prepare-item-item-3',
    ]);

    row('item-3').focus();
    fireEvent.keyDown(row('item-3'), { key: 'ArrowUp', altKey: true });
    const { ask, command } = await nextCommand();
    expect(command).toEqual({
      type: 'agenda:move-item',
      payload: { itemId: 'item-3', toDayId: ids.dayOne, position: 1 },
    });

    await accept(ask, log.add('agenda:item-moved', { itemId: 'item-3', toDayId: ids.dayOne, position: 1 }));
    expect(order(ids.dayOne)).toEqual([
      `prepare-item-${ids.itemOne}`,
      'prepare-item-item-3',
      `prepare-item-${ids.itemTwo}`,
    ]);
    expect(document.activeElement).toBe(row('item-3'));
    expect(screen.getByTestId('prepare-announcer')).toHaveTextContent('“Coal supply” is now item 2 of 3 on Day 1.');
  });

  test('the first item has no way up, Alt+ArrowUp on it sends nothing, and the buttons move down and to another day', async () => {
    const { nextCommand, sentCommands } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    expect(screen.getByTestId(`move-up-${ids.itemOne}`)).toBeDisabled();
    fireEvent.keyDown(row(ids.itemOne), { key: 'ArrowUp', altKey: true });
    await act(flushMicrotasks);
    expect(sentCommands()).toBe(0);

    fireEvent.click(screen.getByTestId(`move-down-${ids.itemOne}`));
    expect((await nextCommand()).command).toEqual({
      type: 'agenda:move-item',
      payload: { itemId: ids.itemOne, toDayId: ids.dayOne, position: 1 },
    });
  });

  test('moving to another day puts the item after that day’s last item', async () => {
    const { nextCommand } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    const item = row(ids.itemTwo);
    fireEvent.change(within(item).getByLabelText('Day to move “Milk deliveries, Q2” to'), {
      target: { value: ids.dayTwo },
    });
    fireEvent.click(within(item).getByTestId(`move-day-${ids.itemTwo}`));
    expect((await nextCommand()).command).toEqual({
      type: 'agenda:move-item',
      payload: { itemId: ids.itemTwo, toDayId: ids.dayTwo, position: 0 },
    });
  });

  test('dragging an item onto another puts it in that item’s place', async () => {
    const { nextCommand } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    const dataTransfer = { setData: () => undefined, effectAllowed: 'none' };
    fireEvent.dragStart(row('item-3'), { dataTransfer });
    fireEvent.dragOver(row(ids.itemOne), { dataTransfer });
    fireEvent.drop(row(ids.itemOne), { dataTransfer });
    expect((await nextCommand()).command).toEqual({
      type: 'agenda:move-item',
      payload: { itemId: 'item-3', toDayId: ids.dayOne, position: 0 },
    });
  });

  test('a day’s timeboxes are added up against its hours, with the overrun named', async () => {
    await renderSession(<PrepareView role="chair" />, participants.chair, undefined, draftSession());
    expect(screen.getByTestId(`day-timebox-${ids.dayOne}`)).toHaveTextContent(
      'Timeboxes: 45 minutes of the 30 available. The day runs 15 minutes past its planned end.',
    );
  });

  test('removing an item asks first; started items are shown locked', async () => {
    const { nextCommand, broadcast, log } = await renderSession(<PrepareView role="chair" />, participants.chair);
    // The demo session: day 1 open, its items still pending.
    fireEvent.click(screen.getByTestId(`remove-item-${ids.itemTwo}`));
    fireEvent.click(screen.getByTestId(`remove-item-dialog-${ids.itemTwo}-confirm`));
    expect((await nextCommand()).command).toEqual({ type: 'agenda:remove-item', payload: { itemId: ids.itemTwo } });

    broadcast(log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) }));
    expect(row(ids.itemOne)).toHaveTextContent('Presenting · locked');
    expect(screen.queryByTestId(`remove-item-${ids.itemOne}`)).toBeNull();
    expect(screen.queryByTestId(`move-down-${ids.itemOne}`)).toBeNull();
    // The item below may not pass a started one.
    expect(screen.getByTestId(`move-up-${ids.itemTwo}`)).toBeDisabled();
  });

  test('“Save the item” with the topic cleared marks the topic, beside it, and sends nothing', async () => {
    const { sentCommands } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    fireEvent.click(screen.getByTestId(`edit-item-${ids.itemOne}`));
    fireEvent.change(topic(`edit-item-form-${ids.itemOne}`), { target: { value: '  ' } });
    const submit = screen.getByTestId(`edit-item-form-${ids.itemOne}-submit`);
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await act(flushMicrotasks);
    const field = topic(`edit-item-form-${ids.itemOne}`);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Fill this in.');
    expect(document.activeElement).toBe(field);
    expect(sentCommands()).toBe(0);
  });

  test('a pasted topic past the limit is kept whole, said once beside it, and not sent until shortened', async () => {
    const { sentCommands, nextCommand } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    fireEvent.click(screen.getByTestId(`edit-item-${ids.itemOne}`));
    const pasted = 'Cement output against the plan, '.repeat(8);
    fireEvent.change(topic(`edit-item-form-${ids.itemOne}`), { target: { value: pasted } });
    fireEvent.click(screen.getByTestId(`edit-item-form-${ids.itemOne}-submit`));
    await act(flushMicrotasks);
    const field = topic(`edit-item-form-${ids.itemOne}`);
    expect(field).toHaveValue(pasted);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('At most 200 characters fit: shorten the text by 55.');
    const form = screen.getByTestId(`edit-item-form-${ids.itemOne}`);
    expect(within(form).getAllByText(/shorten the text/)).toHaveLength(1);
    expect(document.activeElement).toBe(field);
    expect(sentCommands()).toBe(0);

    fireEvent.change(field, { target: { value: pasted.slice(0, 200) } });
    fireEvent.click(screen.getByTestId(`edit-item-form-${ids.itemOne}-submit`));
    expect((await nextCommand()).command).toMatchObject({
      type: 'agenda:update-item',
      payload: { topic: pasted.slice(0, 200).trim() },
    });
  });

  test('a topic the system wrote shows in the screen’s language and, left as shown, is not sent: it stays worded for each reader', async () => {
    const { nextCommand } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      withProposedReport(),
    );
    expect(row('item-proposed')).toHaveTextContent('North County Cement Works — plan and results');
    fireEvent.click(screen.getByTestId('edit-item-item-proposed'));
    const form = 'edit-item-form-item-proposed';
    expect(topic(form)).toHaveValue('North County Cement Works — plan and results');
    fireEvent.change(within(screen.getByTestId(form)).getByLabelText('Timebox (minutes)'), { target: { value: '20' } });
    fireEvent.click(screen.getByTestId(`${form}-submit`));
    const kept = (await nextCommand()).command;
    expect(kept).toMatchObject({ type: 'agenda:update-item', payload: { plannedMinutes: 20 } });
    expect(kept.payload).not.toHaveProperty('topic', expect.anything());
  });

  test('a topic the system wrote, left as shown while the screen switched language, is not sent', async () => {
    const { nextCommand } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      withProposedReport(),
    );
    fireEvent.click(screen.getByTestId('edit-item-item-proposed'));
    await act(() => changeLanguage('ko', { persist: false }));
    try {
      fireEvent.click(screen.getByTestId('edit-item-form-item-proposed-submit'));
      const kept = (await nextCommand()).command;
      expect(kept).toMatchObject({ type: 'agenda:update-item', payload: { itemId: 'item-proposed' } });
      expect(kept.payload).not.toHaveProperty('topic', expect.anything());
    } finally {
      await act(() => changeLanguage('en', { persist: false }));
    }
  });

  test('an item moved to another unit, its topic the system wrote left as shown, names the new unit', async () => {
    const { nextCommand, accept, log } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      withProposedReport(),
    );
    fireEvent.click(screen.getByTestId('edit-item-item-proposed'));
    const form = screen.getByTestId('edit-item-form-item-proposed');
    fireEvent.change(within(form).getByLabelText('Unit'), { target: { value: ids.otherUnit } });
    fireEvent.click(screen.getByTestId('edit-item-form-item-proposed-submit'));
    const { ask, command } = await nextCommand();
    expect(command.payload).not.toHaveProperty('topic', expect.anything());
    await accept(
      ask,
      log.add('agenda:item-updated', {
        itemId: 'item-proposed',
        unitId: ids.otherUnit,
        kind: 'report',
        plannedMinutes: 15,
      }),
    );
    expect(row('item-proposed').querySelector('.prepare-item__what')).toHaveTextContent(
      /^South County Dairy — plan and results$/,
    );
  });

  test('a refused edit marks the timebox the server named, beside it, and moves the focus there', async () => {
    const { nextCommand, refuse } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    fireEvent.click(screen.getByTestId(`edit-item-${ids.itemOne}`));
    const form = screen.getByTestId(`edit-item-form-${ids.itemOne}`);
    fireEvent.change(topic(`edit-item-form-${ids.itemOne}`), { target: { value: 'Cement output, Q2, revised' } });
    fireEvent.click(screen.getByTestId(`edit-item-form-${ids.itemOne}-submit`));
    const { ask, command } = await nextCommand();
    expect(command.type).toBe('agenda:update-item');
    await refuse(ask, {
      code: 'INVALID_PAYLOAD',
      message: 'invalid',
      issues: [
        {
          path: 'command.payload.plannedMinutes',
          message: 'Too big: expected number to be <=600',
          reason: { code: 'too_big', origin: 'number', maximum: 600, inclusive: true },
        },
      ],
    });
    const minutes = within(form).getByLabelText('Timebox (minutes)');
    expect(minutes).toHaveAttribute('aria-invalid', 'true');
    expect(minutes).toHaveAccessibleDescription(/Change these fields\. Timebox: Enter 600 or less\.$/);
    expect(document.activeElement).toBe(minutes);
    expect(topic(`edit-item-form-${ids.itemOne}`)).not.toHaveAttribute('aria-invalid');
    // Said beside the field only, not above the panel.
    expect(screen.getAllByText(/^Could not change/)).toEqual([within(form).getByText(/^Could not change/)]);
    expect(screen.getByTestId('prepare-days')).not.toHaveTextContent('plannedMinutes');
  });

  test('a new item refused for its unit marks the unit, beside it, and moves the focus there', async () => {
    const { nextCommand, refuse } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      undefined,
      draftSession(),
    );
    fireEvent.click(screen.getByTestId(`add-item-${ids.dayTwo}`));
    const form = screen.getByTestId(`add-item-form-${ids.dayTwo}`);
    fireEvent.change(topic(`add-item-form-${ids.dayTwo}`), { target: { value: 'Closing' } });
    fireEvent.click(screen.getByTestId(`add-item-form-${ids.dayTwo}-submit`));
    const { ask, command } = await nextCommand();
    expect(command.type).toBe('agenda:add-item');
    await refuse(ask, {
      code: 'NOT_FOUND',
      message: 'There is no organisation unit u-9 in this session.',
      issues: [{ path: 'command.payload.unitId', message: 'unknown unit', reason: { code: 'unknown-unit' } }],
    });
    const unit = within(form).getByLabelText('Unit');
    expect(unit).toHaveAttribute('aria-invalid', 'true');
    expect(unit).toHaveAccessibleDescription(/Change these fields\. Unit: There is no such unit in this session\.$/);
    expect(document.activeElement).toBe(unit);
    expect(screen.getAllByText(/^Could not add the item/)).toEqual([within(form).getByText(/^Could not add the item/)]);
  });

  test('an item’s edit left open stays as it was left when the chair opens another view and comes back', async () => {
    /** The Prepare view, and a way to another view and back, as the session's tabs switch. */
    function Tabs() {
      const [isPreparing, setIsPreparing] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setIsPreparing((shown) => !shown)}>
            Switch view
          </button>
          {isPreparing && <PrepareView role="chair" />}
        </>
      );
    }
    await renderSession(<Tabs />, participants.chair, undefined, draftSession());
    fireEvent.click(screen.getByTestId(`edit-item-${ids.itemOne}`));
    fireEvent.change(topic(`edit-item-form-${ids.itemOne}`), { target: { value: 'Cement output, Q2, revised' } });
    fireEvent.click(screen.getByTestId(`add-item-${ids.dayTwo}`));
    fireEvent.change(topic(`add-item-form-${ids.dayTwo}`), { target: { value: 'Closing' } });

    fireEvent.click(screen.getByRole('button', { name: 'Switch view' }));
    expect(screen.queryByTestId('prepare-view')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Switch view' }));

    expect(topic(`edit-item-form-${ids.itemOne}`)).toHaveValue('Cement output, Q2, revised');
    expect(topic(`add-item-form-${ids.dayTwo}`)).toHaveValue('Closing');

    // Cancelled, the edit is put away for good.
    fireEvent.keyDown(topic(`edit-item-form-${ids.itemOne}`), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Switch view' }));
    fireEvent.click(screen.getByRole('button', { name: 'Switch view' }));
    expect(screen.queryByTestId(`edit-item-form-${ids.itemOne}`)).toBeNull();
  });
});
