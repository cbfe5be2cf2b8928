import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { floorOpen } from '../../test/stories';
import { HandControl, SpeakerQueue } from './SpeakerQueue';

const speakers = () => within(screen.getByTestId('speaker-queue'));
const hand = () => within(screen.getByTestId('hand-control'));

describe('a speaker refusal', () => {
  test('stays while hands come and go, and goes once the floor moves on', async () => {
    const env = await renderSession(<SpeakerQueue canManage />, participants.chair, (log) => {
      floorOpen(log);
      log.add('floor:hand-raised', { participantId: ids.official, at: instant(250) }, ids.official);
    });
    fireEvent.click(speakers().getByTestId(`give-floor-${ids.official}`));
    const sent = await env.nextCommand();
    await env.refuse(sent.ask, { code: 'CONFLICT', message: 'Busy.' });
    expect(speakers().getByRole('alert')).toHaveTextContent('Could not give the floor to Oleg Official.');

    env.broadcast(env.log.add('floor:hand-raised', { participantId: ids.otherOfficial, at: instant(260) }));
    expect(speakers().getByRole('alert')).toHaveTextContent('Could not give the floor to Oleg Official.');

    // Another chair screen closes the item: the refusal was about a floor that is gone.
    env.broadcast(env.log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(300) }));
    expect(speakers().queryByRole('alert')).toBeNull();
  });

  test('of a raised hand goes once the floor moves on', async () => {
    const env = await renderSession(<HandControl />, participants.official, floorOpen);
    fireEvent.click(hand().getByTestId('raise-hand'));
    const sent = await env.nextCommand();
    await env.refuse(sent.ask, { code: 'CONFLICT', message: 'Busy.' });
    expect(hand().getByRole('alert')).toHaveTextContent('Your hand was not raised.');

    env.broadcast(env.log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(300) }));
    expect(hand().queryByRole('alert')).toBeNull();
  });

  test('of a hand raised while the floor came to its owner says they speak now', async () => {
    const env = await renderSession(<HandControl />, participants.official, floorOpen);
    fireEvent.click(hand().getByTestId('raise-hand'));
    const sent = await env.nextCommand();
    await env.refuse(sent.ask, {
      code: 'CONFLICT',
      message: 'You have the floor.',
      refusal: { kind: 'already-speaking' },
    });
    expect(hand().getByRole('alert')).toHaveTextContent(
      'Your hand was not raised. You have the floor now, so there is no hand to raise: speak.',
    );
  });

  test('of a hand raised as the chair closed the item says the chair did, not another screen', async () => {
    const env = await renderSession(<HandControl />, participants.official, floorOpen);
    fireEvent.click(hand().getByTestId('raise-hand'));
    const sent = await env.nextCommand();
    await env.refuse(sent.ask, {
      code: 'CONFLICT',
      message: 'No item holds the floor now.',
      refusal: { kind: 'floor-blocked', blocker: 'no-live-item', liveItem: null, openDay: 'Day 1' },
    });
    expect(hand().getByRole('alert')).toHaveTextContent(
      'Your hand was not raised. The chair closed or deferred the item meanwhile: no item is on the floor now.',
    );
  });
});
