import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';

const controls = () => within(screen.getByTestId('floor-controls'));

const notLive =
  'Could not pause the clock of “Cement output, Q1”. That item no longer holds the floor: it was already closed or deferred, perhaps from another screen.';

describe('a floor refusal while another chair screen acts', () => {
  test('stays while only criticism comes in, and goes once the floor moves on', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    fireEvent.keyDown(document, { key: 'p' });
    const sent = await env.nextCommand();
    // The other screen closes the item before this one's pause reaches the server.
    env.broadcast(env.log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(300) }));
    await env.refuse(sent.ask, {
      code: 'CONFLICT',
      message: 'That item no longer holds the floor.',
      refusal: { kind: 'floor-blocked', blocker: 'item-not-live', liveItem: null, openDay: 'Day 1' },
    });
    expect(controls().getByRole('alert')).toHaveTextContent(notLive);

    criticise(env.log, 'c-late');
    env.broadcast(env.log.events.at(-1)!);
    expect(controls().getByRole('alert')).toHaveTextContent(notLive);

    // The other screen starts the next item: the refusal is about a floor that has moved on.
    env.broadcast(env.log.add('agenda:item-started', { itemId: ids.itemTwo, startedAt: instant(400) }));
    expect(controls().queryByRole('alert')).toBeNull();
  });

  test('goes when the day is adjourned from another screen', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair);
    fireEvent.keyDown(document, { key: 's' });
    const sent = await env.nextCommand();
    await env.refuse(sent.ask, { code: 'CONFLICT', message: 'Busy.' });
    expect(controls().getByRole('alert')).toHaveTextContent('Could not start “Cement output, Q1”.');
    env.broadcast(env.log.add('day:adjourned', { dayId: ids.dayOne, at: instant(400) }));
    expect(controls().queryByRole('alert')).toBeNull();
  });

  test('opening a floor another screen opened first says so, not a bare conflict', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    });
    fireEvent.keyDown(document, { key: 'f' });
    const sent = await env.nextCommand();
    env.broadcast(env.log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(200) }));
    await env.refuse(sent.ask, {
      code: 'CONFLICT',
      message: 'The floor is already open.',
      refusal: {
        kind: 'floor-blocked',
        blocker: 'floor-already-open',
        liveItem: 'Cement output, Q1',
        openDay: 'Day 1',
      },
    });
    expect(controls().getByRole('alert')).toHaveTextContent(
      'Could not open the floor on “Cement output, Q1”. The floor is already open on “Cement output, Q1”, perhaps from another screen: criticism can be raised now.',
    );
  });
});
