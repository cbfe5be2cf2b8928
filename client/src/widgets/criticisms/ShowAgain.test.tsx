import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { participants, type eventLog } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';
import { BigScreen } from '../../screens/bigScreen/BigScreen';
import { ChairConsole } from '../../screens/chair/ChairConsole';
import { ParticipantView } from '../../screens/participant/ParticipantView';

/** The floor open on item one, the official's criticism hidden by the chair. */
function hidden(log: ReturnType<typeof eventLog>) {
  floorOpen(log);
  criticise(log, 'crit-1', { text: 'Stock counted twice.' });
  log.add('criticism:hidden', { criticismId: 'crit-1', reason: 'Off the item' });
}

describe('showing a hidden criticism again', () => {
  test('the chair’s card offers “Show again” beside the hidden mark and sends criticism:unhide; shown, it can be hidden again', async () => {
    const env = await renderSession(<ChairConsole role="chair" />, participants.chair, hidden);
    const card = screen.getByTestId('criticism-crit-1');
    expect(card).toHaveTextContent('Hidden from the live views: Off the item');
    expect(within(card).queryByTestId('hide-crit-1')).not.toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: 'Show again' }));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'criticism:unhide', payload: { criticismId: 'crit-1' } });

    env.broadcast(env.log.add('criticism:unhidden', { criticismId: 'crit-1' }));
    expect(card).not.toHaveTextContent('Hidden from the live views');
    expect(within(card).queryByTestId('unhide-crit-1')).not.toBeInTheDocument();
    expect(within(card).getByTestId('hide-crit-1')).toBeInTheDocument();
  });

  test('shown again, it is back on the live views and its author’s mark is gone', async () => {
    const shown = (log: ReturnType<typeof eventLog>) => {
      hidden(log);
      log.add('criticism:unhidden', { criticismId: 'crit-1' });
    };
    const author = await renderSession(<ParticipantView role="official" />, participants.official, shown);
    expect(screen.getByTestId('criticism-crit-1')).not.toHaveTextContent('Hidden from the live views');
    author.unmount();

    const other = await renderSession(<ParticipantView role="official" />, participants.otherOfficial, shown);
    expect(screen.getByTestId('criticism-crit-1')).toHaveTextContent('Stock counted twice.');
    other.unmount();

    await renderSession(<BigScreen />, participants.observer, shown);
    expect(screen.getByTestId('criticism-crit-1')).toBeInTheDocument();
  });
});
