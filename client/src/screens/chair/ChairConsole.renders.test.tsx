import { screen } from '@testing-library/react';
import { Profiler, type ReactElement } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { i18n } from '../../i18n';
import { sessionStore } from '../../stores/session';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';
import { ChairConsole } from './ChairConsole';

describe('chair console renders', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

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

  /** Counts the readings of the session store held by mounted components. */
  function countReaders() {
    const subscribe = sessionStore.subscribe;
    const counter = { readers: 0 };
    vi.spyOn(sessionStore, 'subscribe').mockImplementation((listener) => {
      counter.readers++;
      const unsubscribe = subscribe(listener);
      return () => {
        counter.readers--;
        unsubscribe();
      };
    });
    return counter;
  }

  // Every reading of the store runs again on every event: a list holds hundreds of cards, an
  // agenda dozens of rows.
  test('each criticism card reads the session store once, whatever it shows', async () => {
    const counter = countReaders();
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const before = counter.readers;
    for (let n = 1; n <= 10; n++) criticise(log, `crit-${n}`);
    broadcast(...log.events.slice(-10));
    expect(screen.getAllByTestId(/^criticism-crit-/)).toHaveLength(10);
    expect(counter.readers - before).toBe(10);
  });

  test('each agenda row reads the session store twice', async () => {
    const counter = countReaders();
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const before = counter.readers;
    const item = { dayId: ids.dayOne, unitId: ids.unit, plannedMinutes: 10, warningId: null };
    broadcast(
      log.add('agenda:item-added', { item: { ...item, id: 'item-added-1', topic: 'Added one' }, order: 5 }),
      log.add('agenda:item-added', { item: { ...item, id: 'item-added-2', topic: 'Added two' }, order: 6 }),
    );
    expect(screen.getByTestId('agenda-item-item-added-2')).toBeInTheDocument();
    expect(counter.readers - before).toBe(4);
  });
});
