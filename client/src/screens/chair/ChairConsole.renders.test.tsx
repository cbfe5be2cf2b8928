import { screen } from '@testing-library/react';
import { Profiler, type ReactElement } from 'react';
import { describe, expect, test } from 'vitest';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { floorOpen } from '../../test/stories';
import { ChairConsole } from './ChairConsole';

describe('chair console renders', () => {
  test('an attendance ping renders nothing of the chair’s floor', async () => {
    const rendered = new Set<string>();
    const panel = (id: string, element: ReactElement) => (
      <Profiler id={id} onRender={() => rendered.add(id)}>
        {element}
      </Profiler>
    );
    const { broadcast, log } = await renderSession(
      panel('console', <ChairConsole role="chair" />),
      participants.chair,
      floorOpen,
    );
    expect(screen.getByTestId('floor-controls')).toBeInTheDocument();

    rendered.clear();
    broadcast(log.add('attendance:connected', { dayId: ids.dayOne, participantId: ids.official, at: instant(900) }));
    expect(rendered.size).toBe(0);
  });
});
