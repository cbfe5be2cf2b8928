import { demoData } from '@plenum/server';
import {
  criticismsInOrder,
  liveItem,
  type CommandInput,
  type Participant,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';

/** The marker written into the text of a command, so the log shows which operation wrote it. */
export function marker(opId: string): string {
  return `[op:${opId}]`;
}

/** Every marker in an event's payload. */
export function markersIn(event: SessionEvent): string[] {
  return JSON.stringify(event.payload).match(/\[op:[A-Za-z0-9_-]+\]/g) ?? [];
}

/** What a load generator may do next; null: nothing sensible now, wait a little. */
export type NextOp = (state: SessionState, opId: string, random: () => number) => CommandInput | null;

const pick = <T>(items: readonly T[], random: () => number): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];

/** The chair moves the agenda: start, open the floor, close; adds items when the day runs out. */
function chairOp(state: SessionState, opId: string, random: () => number): CommandInput | null {
  const live = liveItem(state);
  if (live?.status === 'presenting') return { type: 'agenda:open-floor', payload: { itemId: live.id } };
  if (live?.status === 'floor-open') {
    return random() < 0.35 ? { type: 'agenda:close-item', payload: { itemId: live.id } } : null;
  }
  const openDay = Object.entries(state.days).find(([, day]) => day.status === 'open')?.[0];
  if (!openDay) return null;
  const pending = state.agendaOrder
    .map((id) => state.agenda[id]!)
    .find((item) => item.dayId === openDay && item.status === 'pending');
  if (pending) return { type: 'agenda:start-item', payload: { itemId: pending.id } };
  const unitId = pick(demoData.demoReports, random)!.unitId;
  return {
    type: 'agenda:add-item',
    payload: { dayId: openDay, unitId, topic: `Follow-up ${marker(opId)}`, plannedMinutes: 10 },
  };
}

/** Officials and inspectors criticise the item on the floor and endorse others' criticisms. */
function criticOp(me: Participant, mix: { verify: boolean; onlyCriticise?: boolean }): NextOp {
  return (state, opId, random) => {
    const live = liveItem(state);
    const roll = random();
    if (live && (mix.onlyCriticise || roll < 0.55)) {
      return {
        type: 'criticism:post',
        payload: {
          itemId: live.id,
          category: 'shortfall',
          severity: pick(['low', 'medium', 'high'] as const, random)!,
          indicatorId: null,
          text: `Deliveries behind plan ${marker(opId)}`,
        },
      };
    }
    if (mix.onlyCriticise) return null;
    if (roll < 0.85 || !mix.verify) {
      const candidates = criticismsInOrder(state)
        .filter((c) => c.authorId !== me.id && !c.endorsedBy.includes(me.id))
        .map((c) => c.id);
      const criticismId = pick(candidates.slice(-20), random);
      return criticismId ? { type: 'criticism:endorse', payload: { criticismId } } : null;
    }
    const report = pick(Object.values(state.reports), random);
    const indicator = report && pick(report.indicators, random);
    if (!report || !indicator) return null;
    return {
      type: 'report:verify',
      payload: {
        unitId: report.unitId,
        indicatorId: indicator.id,
        verified: Math.round(indicator.planned * (0.5 + random())),
        finding: `Checked against the ledgers ${marker(opId)}`,
        evidence: null,
      },
    };
  };
}

/** A presenter resubmits its unit's report with updated figures. */
function presenterOp(me: Participant): NextOp {
  const base = demoData.demoReports.find((r) => r.unitId === me.unitId);
  return (_state, opId, random) => {
    if (!base) return null;
    return {
      type: 'report:submit',
      payload: {
        unitId: base.unitId,
        indicators: base.indicators.map((i) => ({ ...i, reported: Math.round(i.planned * (0.5 + random())) })),
        note: `Updated figures ${marker(opId)}`,
      },
    };
  };
}

/** The load of a participant by role: agenda moves, criticisms, endorsements, figure updates. */
export function loadFor(me: Participant, options: { onlyCriticise?: boolean } = {}): NextOp | null {
  switch (me.role) {
    case 'chair':
      return options.onlyCriticise ? null : chairOp;
    case 'official':
      return criticOp(me, { verify: false, onlyCriticise: options.onlyCriticise });
    case 'inspector':
      return criticOp(me, { verify: true, onlyCriticise: options.onlyCriticise });
    case 'presenter':
      return options.onlyCriticise ? null : presenterOp(me);
    case 'observer':
    case 'administrator':
      return null;
  }
}
