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

  test('a timer event renders the timer and the floor controls, not the agenda, the speakers or the criticism form', async () => {
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    expect(screen.getAllByTestId(/^agenda-item-/).length).toBeGreaterThan(1);

    // Each of these is worded by one component alone, on every render of it.
    const t = vi.spyOn(i18n, 't');
    broadcast(log.add('agenda:timer-paused', { itemId: ids.itemOne, at: instant(300) }));
    expect(screen.getByTestId('resume-timer')).toBeInTheDocument();
    expect(screen.getByTestId('timer')).toHaveAttribute('data-paused', 'true');
    const keys = t.mock.calls.map(([key]) => String(key));
    expect(keys.filter((key) => key === 'timer.pausedLeft')).toHaveLength(1);
    expect(keys.filter((key) => key === 'controls.heading')).toHaveLength(1);
    // The agenda's rows word their position, its days their status; the speakers their heading;
    // the form every category in its select.
    expect(keys.filter((key) => key === 'agenda.position')).toHaveLength(0);
    expect(keys.filter((key) => key.startsWith('labels.dayStatus.'))).toHaveLength(0);
    expect(keys.filter((key) => key === 'speakers.heading')).toHaveLength(0);
    expect(keys.filter((key) => key.startsWith('labels.category.'))).toHaveLength(0);
  });

  test('an extension renders the row of its item, which shows the minutes', async () => {
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const t = vi.spyOn(i18n, 't');
    broadcast(log.add('agenda:time-extended', { itemId: ids.itemOne, minutes: 5 }));
    const keys = t.mock.calls.map(([key]) => String(key));
    expect(keys.filter((key) => key === 'agenda.position')).toHaveLength(1);
  });

  test('an endorsement words the count of its card, not its tags or the chair’s actions on it', async () => {
    const story = (log: Parameters<typeof floorOpen>[0]) => {
      floorOpen(log);
      criticise(log, 'crit-1');
      criticise(log, 'crit-2');
    };
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, story);
    expect(screen.getAllByTestId(/^rule-crit-/)).toHaveLength(2);

    const t = vi.spyOn(i18n, 't');
    broadcast(log.add('criticism:endorsed', { criticismId: 'crit-1', participantId: ids.otherOfficial }));
    const keys = t.mock.calls.map(([key]) => String(key));
    // The card words its endorsements, not its category again; the chair's actions their ruling button.
    expect(keys.filter((key) => key === 'criticism.endorsements')).toHaveLength(1);
    expect(keys.filter((key) => key.startsWith('labels.category.'))).toHaveLength(0);
    expect(keys.filter((key) => key === 'criticism.rule.open')).toHaveLength(0);
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

  // A translation hook copies the i18next instance when it mounts, and listens for the language.
  test('a posted criticism’s card words through its list, with no translation hook of its own', async () => {
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const on = vi.spyOn(i18n, 'on');
    for (let n = 1; n <= 10; n++) criticise(log, `crit-${n}`);
    broadcast(...log.events.slice(-10));
    expect(screen.getAllByTestId(/^criticism-crit-/)).toHaveLength(10);
    expect(on.mock.calls.filter(([event]) => event === 'languageChanged')).toHaveLength(0);
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
