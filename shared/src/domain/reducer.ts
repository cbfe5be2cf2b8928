import { produce, type Draft } from 'immer';
import type { SessionEvent } from '../protocol/index.js';
import type { SessionState } from './state.js';

/** Thrown when events are folded out of order: a gap or a reordering in the log. */
export class SeqGapError extends Error {
  constructor(
    readonly expected: number,
    readonly got: number,
  ) {
    super(`event seq ${got} does not follow ${expected - 1}`);
    this.name = 'SeqGapError';
  }
}

function exhaustive(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}

function sortAgenda(state: Draft<SessionState>): void {
  const dayIndex = new Map((state.definition?.days ?? []).map((d, i) => [d.id, i]));
  state.agendaOrder.sort((a, b) => {
    const x = state.agenda[a]!;
    const y = state.agenda[b]!;
    return (dayIndex.get(x.dayId) ?? 0) - (dayIndex.get(y.dayId) ?? 0) || x.order - y.order;
  });
}

/**
 * Applies one event to a mutable draft. Pure in effect: the same events always give the same
 * state. Exhaustive over every event type, so adding an event without a case does not compile.
 */
export function applyEvent(state: Draft<SessionState>, event: SessionEvent): void {
  state.lastSeq = event.seq;
  switch (event.type) {
    case 'session:created':
      state.definition = event.payload;
      return;
    case 'session:renamed':
      if (state.definition) state.definition.title = event.payload.title;
      return;
    case 'unit:added':
      if (!state.units[event.payload.unit.id]) state.unitOrder.push(event.payload.unit.id);
      state.units[event.payload.unit.id] = event.payload.unit;
      return;
    case 'participant:invited':
      state.participants[event.payload.participant.id] = event.payload.participant;
      return;
    case 'agenda:item-added': {
      const { item, order } = event.payload;
      state.agenda[item.id] = {
        ...item,
        order,
        status: 'pending',
        startedAt: null,
        floorOpenedAt: null,
        closedAt: null,
        carriedFromItemId: null,
        deferredToItemId: null,
      };
      state.agendaOrder.push(item.id);
      sortAgenda(state);
      return;
    }
    case 'agenda:item-started': {
      const item = state.agenda[event.payload.itemId];
      if (!item) return;
      item.status = 'presenting';
      item.startedAt = event.payload.startedAt;
      state.currentItemId = item.id;
      return;
    }
    case 'agenda:floor-opened': {
      const item = state.agenda[event.payload.itemId];
      if (!item) return;
      item.status = 'floor-open';
      item.floorOpenedAt = event.payload.openedAt;
      return;
    }
    case 'agenda:item-closed': {
      const item = state.agenda[event.payload.itemId];
      if (!item) return;
      item.status = 'closed';
      item.closedAt = event.payload.closedAt;
      if (state.currentItemId === item.id) state.currentItemId = null;
      return;
    }
    case 'agenda:item-deferred': {
      const item = state.agenda[event.payload.itemId];
      if (!item) return;
      const laterItems = Object.values(state.agenda).filter((i) => i.dayId === event.payload.toDayId);
      item.status = 'deferred';
      item.deferredToItemId = event.payload.newItemId;
      state.agenda[event.payload.newItemId] = {
        id: event.payload.newItemId,
        dayId: event.payload.toDayId,
        unitId: item.unitId,
        topic: item.topic,
        plannedMinutes: item.plannedMinutes,
        order: laterItems.reduce((max, i) => Math.max(max, i.order + 1), 0),
        status: 'pending',
        startedAt: null,
        floorOpenedAt: null,
        closedAt: null,
        carriedFromItemId: item.id,
        deferredToItemId: null,
      };
      state.agendaOrder.push(event.payload.newItemId);
      sortAgenda(state);
      if (state.currentItemId === item.id) state.currentItemId = null;
      return;
    }
    case 'report:submitted': {
      const previous = state.reports[event.payload.unitId];
      state.reports[event.payload.unitId] = {
        unitId: event.payload.unitId,
        indicators: event.payload.indicators.map((indicator) => ({
          ...indicator,
          verified: previous?.indicators.find((p) => p.id === indicator.id)?.verified ?? null,
        })),
        note: event.payload.note,
        submittedAt: event.at,
        submittedBy: event.actorId,
        revision: (previous?.revision ?? 0) + 1,
      };
      return;
    }
    case 'criticism:posted': {
      const { criticismId, ...draft } = event.payload;
      state.criticisms[criticismId] = {
        ...draft,
        id: criticismId,
        authorId: event.actorId,
        postedAt: event.at,
        endorsedBy: [],
      };
      state.criticismOrder.push(criticismId);
      return;
    }
    case 'criticism:endorsed': {
      const criticism = state.criticisms[event.payload.criticismId];
      if (criticism && !criticism.endorsedBy.includes(event.payload.participantId)) {
        criticism.endorsedBy.push(event.payload.participantId);
      }
      return;
    }
    default:
      return exhaustive(event);
  }
}

/**
 * Folds events into a state, returning a new state and leaving the old one untouched (only
 * what changed is copied). Events at or below `lastSeq` are skipped as duplicates (P4); a gap
 * throws {@link SeqGapError}.
 * @example
 * const state = foldEvents(emptySessionState('s1'), events);
 */
export function foldEvents(state: SessionState, events: readonly SessionEvent[]): SessionState {
  return produce(state, (draft) => {
    for (const event of events) {
      if (event.seq <= draft.lastSeq) continue;
      if (event.seq !== draft.lastSeq + 1) throw new SeqGapError(draft.lastSeq + 1, event.seq);
      applyEvent(draft, event);
    }
  });
}
