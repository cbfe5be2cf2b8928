import { describe, expect, it, vi } from 'vitest';
import { foldEvents, emptySessionState, type SessionState } from '@plenum/shared';
import { demoSession } from '../../test/events';
import { trackedSelector } from './trackedSelector';

function demoState(): SessionState {
  return foldEvents(emptySessionState('s'), demoSession().events);
}

describe('trackedSelector', () => {
  it('answers from its cache while the parts the selector read keep their identity', () => {
    const select = trackedSelector<[], string[]>();
    const selector = vi.fn((state: SessionState) => state.unitOrder.map((id) => state.units[id]!.name));
    const state = demoState();
    const first = select(selector, state, []);
    // A new state object whose units are the same objects, as a fold of an unrelated event leaves it.
    const next = { ...state, lastSeq: state.lastSeq + 1, attendance: {} };
    expect(select(selector, next, [])).toBe(first);
    expect(selector).toHaveBeenCalledTimes(1);
  });

  it('computes again when a part it read changed', () => {
    const select = trackedSelector<[], number>();
    const selector = (state: SessionState) => state.unitOrder.length;
    const state = demoState();
    expect(select(selector, state, [])).toBe(state.unitOrder.length);
    expect(select(selector, { ...state, unitOrder: [] }, [])).toBe(0);
  });

  it('tracks what the last run read, following the branch it took', () => {
    const select = trackedSelector<[], string | null>();
    const selector = vi.fn((state: SessionState) =>
      state.currentItemId === null ? null : (state.agenda[state.currentItemId]?.topic ?? null),
    );
    const state = { ...demoState(), currentItemId: null };
    expect(select(selector, state, [])).toBeNull();
    // The agenda was not read on that branch: a change there is not a reason to compute again.
    select(selector, { ...state, agenda: {} }, []);
    expect(selector).toHaveBeenCalledTimes(1);
    const itemId = state.agendaOrder[0]!;
    expect(select(selector, { ...state, currentItemId: itemId }, [])).toBe(state.agenda[itemId]!.topic);
  });

  it('computes again for other arguments', () => {
    const select = trackedSelector<[string], string | null>();
    const topic = (state: SessionState, itemId: string) => state.agenda[itemId]?.topic ?? null;
    const state = demoState();
    const [first, second] = state.agendaOrder;
    expect(select(topic, state, [first!])).toBe(state.agenda[first!]!.topic);
    expect(select(topic, state, [second!])).toBe(state.agenda[second!]!.topic);
  });

  it('computes again for a new selector function', () => {
    const select = trackedSelector<[], number>();
    const state = demoState();
    expect(select(() => 1, state, [])).toBe(1);
    expect(select(() => 2, state, [])).toBe(2);
  });

  it('hands back the last answer when one computed again equals it in value', () => {
    const select = trackedSelector<[], { id: string; names: string[] }[]>();
    const selector = vi.fn((state: SessionState) =>
      state.agendaOrder.map((id) => ({ id, names: [state.agenda[id]!.topic] })),
    );
    const state = demoState();
    const first = select(selector, state, []);
    // A new agenda whose items are copies: computed again, equal in value.
    const agenda = Object.fromEntries(Object.entries(state.agenda).map(([id, item]) => [id, { ...item }]));
    expect(select(selector, { ...state, agenda }, [])).toBe(first);
    expect(selector).toHaveBeenCalledTimes(2);
  });

  it('keeps the equal elements of an array answer that changed, and the objects of the state as they are', () => {
    const select = trackedSelector<[], SessionState['agenda'][string][][]>();
    const byDay = (state: SessionState) =>
      (state.definition?.days ?? []).map((day) =>
        state.agendaOrder.map((id) => state.agenda[id]!).filter((i) => i.dayId === day.id),
      );
    const state = demoState();
    const first = select(byDay, state, []);
    const [itemId] = state.agendaOrder;
    const changed = { ...state.agenda[itemId!]!, topic: 'Changed' };
    const next = select(byDay, { ...state, agenda: { ...state.agenda, [itemId!]: changed } }, []);
    expect(next).not.toBe(first);
    const day = first.findIndex((items) => items.some((i) => i.id === itemId));
    next.forEach((items, d) => (d === day ? expect(items).not.toBe(first[d]) : expect(items).toBe(first[d])));
    expect(next[day]).toContain(changed);
  });
});
