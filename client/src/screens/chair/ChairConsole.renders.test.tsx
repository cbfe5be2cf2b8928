import { screen } from '@testing-library/react';
import { Profiler, type ReactElement } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { i18n } from '../../i18n';
import { sessionStore } from '../../stores/session';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';
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

  test('a timer event renders the agenda row of its item alone, not the other days or the criticism form', async () => {
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    expect(screen.getAllByTestId(/^agenda-item-/).length).toBeGreaterThan(1);

    // Every row words its position, and nothing else does: one call per row rendered.
    const t = vi.spyOn(i18n, 't');
    broadcast(log.add('agenda:timer-paused', { itemId: ids.itemOne, at: instant(300) }));
    expect(screen.getByTestId('resume-timer')).toBeInTheDocument();
    const keys = t.mock.calls.map(([key]) => String(key));
    expect(keys.filter((key) => key === 'agenda.position')).toHaveLength(1);
    // Each day words its status; the form words every category in its select.
    expect(keys.filter((key) => key.startsWith('labels.dayStatus.'))).toHaveLength(1);
    expect(keys.filter((key) => key.startsWith('labels.category.'))).toHaveLength(0);
  });

  test('each criticism card reads the session store once, whatever it shows', async () => {
    // Every reading of the store runs again on every event: a list holds hundreds of cards.
    const subscribe = sessionStore.subscribe;
    let readers = 0;
    vi.spyOn(sessionStore, 'subscribe').mockImplementation((listener) => {
      readers++;
      const unsubscribe = subscribe(listener);
      return () => {
        readers--;
        unsubscribe();
      };
    });
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const before = readers;
    for (let n = 1; n <= 10; n++) criticise(log, `crit-${n}`);
    broadcast(...log.events.slice(-10));
    expect(screen.getAllByTestId(/^criticism-crit-/)).toHaveLength(10);
    expect(readers - before).toBe(10);
  });
});
