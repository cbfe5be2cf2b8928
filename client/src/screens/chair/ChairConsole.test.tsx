import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { formatTime } from '../../lib/format';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { floorOpen } from '../../test/stories';
import { ChairConsole } from './ChairConsole';

const press = (key: string, target: Element | Document = document) => fireEvent.keyDown(target, { key });

describe('chair floor controls', () => {
  test('before any item, the criticism column says what it will hold and shows the next unit’s figures', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    expect(screen.getByTestId('before-floor')).toHaveTextContent('Criticism of the item on the floor shows here');
    expect(screen.getByTestId('report-figures')).toBeInTheDocument();

    press('s');
    const sent = await env.nextCommand();
    await env.accept(sent.ask, env.log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) }));
    expect(screen.queryByTestId('before-floor')).toBeNull();
    expect(screen.getByTestId('criticism-list')).toBeInTheDocument();
  });

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
    let dialog = await screen.findByRole('alertdialog', { name: 'Close “Cement output, Q1”?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription(/Nobody is speaking/);
    expect(within(dialog).getByRole('button', { name: 'Close the item' })).toHaveFocus();
    fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Close the item' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await flushMicrotasks();
    expect(env.sentCommands()).toBe(sentBefore);

    press('c');
    dialog = await screen.findByRole('alertdialog');
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
    const dialog = await screen.findByRole('alertdialog', { name: 'Adjourn Day 1?' });
    expect(dialog).toHaveTextContent('2 items were never presented: “Cement output, Q1”, “Milk deliveries, Q1”.');
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
    expect(sent.command).toEqual({ type: 'floor:end-speech', payload: { participantId: ids.official } });
    await env.accept(sent.ask, env.log.add('floor:speech-ended', { participantId: ids.official, at: instant(425) }));
    expect(screen.getByTestId('speaker-queue')).toHaveTextContent('Speaking time on this item');
    expect(screen.getByTestId('speaker-queue')).toHaveTextContent('Oleg Official: 2:05');
  });
});
