import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { formatDate } from '../../lib/format';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { draftSession } from './draftSession';
import { PrepareView } from './PrepareView';

const setNoticeDate = (date: string) =>
  fireEvent.change(screen.getByLabelText('Notice date'), { target: { value: date } });

/** Day 1's unitless item given its unit and moved to day 2, and South's presenter invited: nothing stops the notice. */
const nothingToFix = (log: ReturnType<typeof draftSession>) => {
  log.add('agenda:item-updated', {
    itemId: 'item-3',
    unitId: ids.unit,
    kind: 'report',
    topic: 'Coal supply',
    plannedMinutes: 15,
  });
  log.add('agenda:item-moved', { itemId: 'item-3', toDayId: ids.dayTwo, position: 0 });
  log.add('participant:invited', {
    participant: { id: 'p-south', name: 'Sofia Presenter', role: 'presenter', unitId: ids.otherUnit },
  });
};

describe('notice', () => {
  test('every problem is named with a way to it, and the notice cannot go out while one remains', async () => {
    await renderSession(<PrepareView role="chair" />, participants.chair, undefined, draftSession());
    setNoticeDate('2026-07-02');
    const problems = within(screen.getByTestId('notice-problems'))
      .getAllByRole('listitem')
      .map((li) => li.firstChild?.textContent);
    expect(problems).toEqual([
      'Day 1 is dated Wednesday, July 1, before the notice (Thursday, July 2): move the day or date the notice earlier.',
      'Day 2 has no agenda item: add one, or remove the day.',
      '“Coal supply” on Day 1 names no presenting unit: choose its unit.',
      'South County Dairy presents but nobody is invited to present it: invite its presenter.',
    ]);
    expect(screen.getByTestId('publish-notice-submit')).toBeDisabled();

    // Each problem takes the focus to what needs fixing.
    const [day, , item, unit] = within(screen.getByTestId('notice-problems')).getAllByRole('button');
    fireEvent.click(item!);
    expect(document.activeElement).toBe(screen.getByTestId('prepare-item-item-3'));
    fireEvent.click(day!);
    expect(document.activeElement).toHaveTextContent('Day 1');
    fireEvent.click(unit!);
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));

    // A notice dated on or before the first day no longer finds it in the past.
    setNoticeDate('2026-06-30');
    expect(screen.getByTestId('notice-problems')).not.toHaveTextContent('before the notice');
    expect(within(screen.getByTestId('notice-problems')).getAllByRole('listitem')).toHaveLength(3);
  });

  test('with nothing to fix it goes out; the server’s refusal names the same problems', async () => {
    const log = draftSession();
    const { nextCommand, sentCommands } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      nothingToFix,
      log,
    );
    setNoticeDate('2026-06-30');
    expect(screen.getByTestId('notice-ready')).toHaveTextContent('Nothing stops the notice');
    fireEvent.click(screen.getByTestId('publish-notice-submit'));
    // Asked first: afterwards every change is an amendment, and participants are told.
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent(`Publish the notice dated ${formatDate('2026-06-30')}?`);
    expect(dialog).toHaveTextContent('Every invited participant is told');
    expect(dialog).toHaveTextContent('every change to the days or the agenda is an amendment of the notice');
    await act(flushMicrotasks);
    expect(sentCommands()).toBe(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish the notice' }));
    const { ask, command } = await nextCommand();
    expect(command).toEqual({ type: 'session:publish-notice', payload: { noticeDate: '2026-06-30' } });

    // Another screen removed day 2's only item just before: the server refuses with the list.
    await act(async () => {
      ask.answer({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'notice problems',
          refusal: { kind: 'notice-problems', problems: [{ problem: 'day-without-items', dayId: ids.dayTwo }] },
        },
      });
      await flushMicrotasks();
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not publish the notice of this review session. The notice cannot go out yet, 1 problem to fix: Day 2 has no agenda item: add one, or remove the day.',
    );
  });

  test('with the notice date cleared it says to choose one, not that the notice can go out', async () => {
    await renderSession(<PrepareView role="chair" />, participants.chair, nothingToFix, draftSession());
    setNoticeDate('2026-06-30');
    expect(screen.getByTestId('notice-ready')).toBeInTheDocument();
    setNoticeDate('');
    expect(screen.queryByTestId('notice-ready')).toBeNull();
    expect(screen.getByTestId('notice-no-date')).toHaveTextContent(
      'Choose the notice date: the notice cannot go out without one.',
    );
    expect(screen.getByTestId('publish-notice-submit')).toBeDisabled();
  });

  test('cancelling the question publishes nothing', async () => {
    const { sentCommands } = await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      nothingToFix,
      draftSession(),
    );
    setNoticeDate('2026-06-30');
    fireEvent.click(screen.getByTestId('publish-notice-submit'));
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('publish-notice-dialog-cancel'));
    await act(flushMicrotasks);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(sentCommands()).toBe(0);
  });
});

describe('notice cautions', () => {
  test('a day running past its planned end is a caution with a way to it, and the notice may still go out', async () => {
    await renderSession(
      <PrepareView role="chair" />,
      participants.chair,
      (log) => {
        nothingToFix(log);
        log.add('agenda:item-updated', {
          itemId: ids.itemOne,
          unitId: ids.unit,
          kind: 'report',
          topic: 'Cement output, Q2',
          plannedMinutes: 600,
        });
      },
      draftSession(),
    );
    setNoticeDate('2026-06-30');
    expect(screen.getByTestId('notice-ready')).toHaveTextContent('Nothing stops the notice');
    const cautions = screen.getByTestId('notice-cautions');
    expect(cautions).toHaveTextContent(
      'Day 1 runs 585 minutes past its planned end: shorten or move an item, or end the day later.',
    );
    fireEvent.click(within(cautions).getByRole('button', { name: /Show me/ }));
    expect(document.activeElement).toHaveTextContent('Day 1');
    expect(screen.getByTestId('publish-notice-submit')).toBeEnabled();
    fireEvent.click(screen.getByTestId('publish-notice-submit'));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Day 1 runs 585 minutes past its planned end');
  });

  test('no caution when every day fits its hours', async () => {
    await renderSession(<PrepareView role="chair" />, participants.chair, nothingToFix, draftSession());
    expect(screen.queryByTestId('notice-cautions')).toBeNull();
  });
});

describe('a closed session', () => {
  test('says its preparation is part of the record, and offers nothing to change or drag', async () => {
    await renderSession(<PrepareView role="chair" />, participants.chair, (log) => {
      log.add('session:closed', { at: instant(5000) });
    });
    const notice = screen.getByTestId('prepare-notice');
    expect(notice).toHaveTextContent('The session is closed: its preparation is part of the record');
    expect(notice).not.toHaveTextContent('Changes are still possible');
    const settings = screen.getByTestId('prepare-settings');
    const fields = [...within(settings).getAllByRole('textbox'), ...within(settings).getAllByRole('spinbutton')];
    expect(fields).toHaveLength(4);
    for (const field of fields) expect(field).toHaveAttribute('readonly');
    expect(within(settings).queryByTestId('prepare-settings-save')).toBeNull();
    expect(screen.getByTestId('prepare-days')).not.toHaveTextContent('Drag an item');
  });

  test('before it closes, the notice still tells that changes are amendments, and the items can be dragged', async () => {
    await renderSession(<PrepareView role="chair" />, participants.chair);
    expect(screen.getByTestId('prepare-notice')).toHaveTextContent('Changes are still possible');
    expect(screen.getByTestId('prepare-days')).toHaveTextContent('Drag an item');
    expect(screen.getByTestId('prepare-settings-save')).toBeInTheDocument();
  });
});
