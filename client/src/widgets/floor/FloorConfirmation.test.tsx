import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { floorOpen } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';

const press = (key: string, target: Element | Document = document) => fireEvent.keyDown(target, { key });

/** Sets this device's calendar to `date` (local noon) for the test; timers stay real. */
function onDate(date: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T12:00:00`));
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

describe('a floor confirmation while another chair screen acts', () => {
  afterEach(() => changeLanguage('en', { persist: false }));

  test('closing an item closed meanwhile says so and offers only to dismiss, even if it is reopened', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const sentBefore = env.sentCommands();
    press('c');
    expect(await screen.findByRole('alertdialog', { name: 'Close “Cement output, Q1”?' })).toBeInTheDocument();

    env.broadcast(env.log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(300) }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Changed meanwhile' });
    expect(dialog).toHaveAccessibleDescription(
      '“Cement output, Q1” was closed meanwhile, perhaps from another screen: there is nothing left to close.',
    );
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Dismiss']);
    // The focus stays in the dialog, on its one button, so Enter and Escape still reach it.
    expect(within(dialog).getByRole('button', { name: 'Dismiss' })).toHaveFocus();
    expect(dialog).toHaveTextContent('Enter or Escape closes this.');

    // Reopened from the other screen: the Enter meant to dismiss must not close it again.
    env.broadcast(env.log.add('agenda:item-reopened', { itemId: ids.itemOne, reason: 'Too soon.', at: instant(310) }));
    expect(within(dialog).queryByRole('button', { name: 'Close the item' })).toBeNull();
    press('Escape', within(dialog).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(sentBefore);
  });

  test('closing an item deferred meanwhile says so, in English and in Korean', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    press('c');
    env.broadcast(
      env.log.add('agenda:item-deferred', { itemId: ids.itemOne, toDayId: ids.dayTwo, newItemId: 'item-carried' }),
    );
    expect(await screen.findByTestId('confirm-close-item')).toHaveTextContent(
      '“Cement output, Q1” was deferred meanwhile, perhaps from another screen: there is nothing left to close.',
    );
    await changeLanguage('ko', { persist: false });
    expect(await screen.findByTestId('confirm-close-item')).toHaveTextContent(
      '“Cement output, Q1”은(는) 그사이 연기되었습니다(다른 화면에서 연기했을 수 있습니다). 더 종료할 것이 없습니다.',
    );
    fireEvent.click(screen.getByTestId('confirm-close-item-dismiss'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  test('adjourning a day adjourned meanwhile says so', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    press('a');
    expect(await screen.findByRole('alertdialog', { name: 'Adjourn Day 1?' })).toBeInTheDocument();
    env.broadcast(env.log.add('day:adjourned', { dayId: ids.dayOne, at: instant(300) }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Changed meanwhile' });
    expect(dialog).toHaveTextContent(
      'Day 1 was adjourned meanwhile, perhaps from another screen: there is nothing left to adjourn.',
    );
    expect(within(dialog).queryByRole('button', { name: 'Adjourn the day' })).toBeNull();
  });

  test('adjourning a day on which an item was started meanwhile names the item', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    press('a');
    env.broadcast(env.log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(300) }));
    expect(await screen.findByTestId('confirm-adjourn-day')).toHaveTextContent(
      '“Cement output, Q1” was started meanwhile, perhaps from another screen: close or defer it before adjourning Day 1.',
    );
    expect(screen.queryByTestId('confirm-adjourn-day-confirm')).toBeNull();
  });

  test('opening a day opened meanwhile says so', async () => {
    onDate('2026-03-25');
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('day:adjourned', { dayId: ids.dayOne, at: instant(50) });
    });
    fireEvent.click(screen.getByTestId(`open-day-${ids.dayTwo}`));
    expect(await screen.findByRole('alertdialog', { name: 'Open Day 2 today?' })).toBeInTheDocument();
    env.broadcast(env.log.add('day:opened', { dayId: ids.dayTwo, at: instant(300) }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Changed meanwhile' });
    expect(dialog).toHaveTextContent(
      'Day 2 was opened meanwhile, perhaps from another screen: there is nothing left to open.',
    );
    expect(within(dialog).getAllByRole('button')).toHaveLength(1);
  });
});
