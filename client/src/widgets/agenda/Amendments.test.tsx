import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { ids, participants, type demoSession } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { AgendaOverview } from './AgendaOverview';

/** The notice amended twice: an item added to day 2, then day 2 moved. */
const amend = (log: ReturnType<typeof demoSession>) => [
  log.add('agenda:item-added', {
    item: { id: 'item-9', dayId: ids.dayTwo, unitId: null, topic: 'Coal supply', plannedMinutes: 10, warningId: null },
    order: 0,
  }),
  log.add('day:rescheduled', { dayId: ids.dayTwo, date: '2026-04-03' }),
];

test('participants are told of each change after the notice, and may put each away', async () => {
  const { broadcast, log, unmount } = await renderSession(<AgendaOverview />, participants.official);
  expect(screen.queryByTestId('amendments')).toBeNull();

  broadcast(...amend(log));
  const lines = within(screen.getByTestId('amendments')).getAllByRole('listitem');
  expect(lines.map((line) => line.firstChild?.textContent)).toEqual([
    expect.stringMatching(/^The notice was amended: Day 2 moved to Friday, April 3 \(.+\)\.$/),
    expect.stringMatching(/^The notice was amended: “Coal supply” was added to Day 2 \(/),
  ]);

  fireEvent.click(within(lines[0]!).getByRole('button', { name: /Dismiss/ }));
  expect(within(screen.getByTestId('amendments')).getAllByRole('listitem')).toHaveLength(1);
  unmount();

  // Put away on this device: not shown again.
  await renderSession(<AgendaOverview />, participants.official, amend);
  expect(within(screen.getByTestId('amendments')).getAllByRole('listitem')).toHaveLength(1);
});
