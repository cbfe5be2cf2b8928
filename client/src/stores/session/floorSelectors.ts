import {
  adjournDayBlocker,
  liveItem,
  startItemBlocker,
  type AgendaItemState,
  type SessionDay,
  type SessionState,
} from '@plenum/shared';

/** A speech given on an item, with its length. */
export interface Speech {
  participantId: string;
  itemId: string;
  from: string;
  to: string;
  durationMs: number;
}

/** Pure reads of the floor: the items the chair acts on, the speaker queue and the speeches. */
export const floorSelectors = {
  /** The item holding the floor (presenting or open), if any. */
  liveItem,

  /** The day that is open now, if any. */
  openDay: (state: SessionState): SessionDay | null =>
    (state.definition?.days ?? []).find((day) => state.days[day.id]?.status === 'open') ?? null,

  /**
   * The day the room is on: the open one, else the next one still to sit, else the last day.
   * What a screen calls "today" before, between and after the sittings.
   */
  dayInFocus: (state: SessionState): SessionDay | null => {
    const days = state.definition?.days ?? [];
    return (
      floorSelectors.openDay(state) ??
      days.find((day) => (state.days[day.id]?.status ?? 'scheduled') === 'scheduled') ??
      days.at(-1) ??
      null
    );
  },

  /** The first item the chair may start now (pending, on the open day, nothing live): what "start" starts. */
  nextItem: (state: SessionState): AgendaItemState | null => {
    for (const id of state.agendaOrder) {
      if (startItemBlocker(state, id) === null) return state.agenda[id] ?? null;
    }
    return null;
  },

  /** The item "defer" acts on: the live one, else the next one to start. */
  deferrableItem: (state: SessionState): AgendaItemState | null => {
    const live = liveItem(state);
    if (live) return live;
    return floorSelectors.nextItem(state);
  },

  /** True when the chair may adjourn the open day now. */
  canAdjournOpenDay: (state: SessionState): boolean => {
    const day = floorSelectors.openDay(state);
    return day !== null && adjournDayBlocker(state, day.id) === null;
  },

  /** Speeches made on an item, in order, with their lengths. */
  speechesOf: (state: SessionState, itemId: string): Speech[] =>
    state.floor.speeches
      .filter((s) => s.itemId === itemId)
      .map((s) => ({ ...s, durationMs: Math.max(0, Date.parse(s.to) - Date.parse(s.from)) })),

  /** Total speaking time per participant on an item, longest first. */
  speakingTimeOf: (state: SessionState, itemId: string): { participantId: string; totalMs: number }[] => {
    const totals = new Map<string, number>();
    for (const speech of floorSelectors.speechesOf(state, itemId)) {
      totals.set(speech.participantId, (totals.get(speech.participantId) ?? 0) + speech.durationMs);
    }
    return [...totals]
      .map(([participantId, totalMs]) => ({ participantId, totalMs }))
      .sort((a, b) => b.totalMs - a.totalMs);
  },

  /** 1-based place of a participant in the speaker queue, or null when their hand is down. */
  queuePosition: (state: SessionState, participantId: string): number | null => {
    const index = state.floor.queue.findIndex((q) => q.participantId === participantId);
    return index < 0 ? null : index + 1;
  },
};
