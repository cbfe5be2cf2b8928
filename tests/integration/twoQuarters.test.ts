import {
  compareBy,
  defaultThresholds,
  emptySessionState,
  foldEvents,
  proposedWarnings,
  ranking,
  type CommandInput,
  type OrganisationUnit,
  type ReviewSessionDefinition,
  type Role,
  criticismIdsFrom,
  criticismsInOrder,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient, type ClientSocket } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { readyForNotice } from '../helpers/notice.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

/*
 * Two quarters of one organisation, through the real server and real sockets: a Q1 review
 * noticed in advance and held over three days with eight units of mixed ownership, then the Q2
 * review that must take up every unit warned in Q1.
 */

const unit = (
  id: string,
  kind: OrganisationUnit['kind'],
  parentId: string | null,
  ownership: OrganisationUnit['ownership'],
  sector: string,
  unitClass: string | null = null,
): OrganisationUnit => ({
  id,
  name: `Unit ${id}`,
  kind,
  parentId,
  ownership,
  sector,
  class: unitClass,
  region: 'North',
});

const hierarchy: OrganisationUnit[] = [
  unit('centre', 'centre', null, 'state', 'Administration'),
  unit('province', 'province', 'centre', 'state', 'Administration'),
  unit('city', 'city', 'province', 'state', 'Administration'),
  unit('county', 'county', 'city', 'state', 'Administration'),
];
const reporting: OrganisationUnit[] = [
  unit('steel', 'enterprise', 'county', 'state', 'Metallurgy', '1st class'),
  unit('cement', 'enterprise', 'county', 'state', 'Building', '2nd class'),
  unit('coal', 'enterprise', 'city', 'state', 'Mining', '1st class'),
  unit('textiles', 'enterprise', 'city', 'private', 'Light industry', '2nd class'),
  unit('foods', 'enterprise', 'county', 'private', 'Food', '3rd class'),
  unit('fish', 'enterprise', 'county', 'cooperative', 'Fisheries'),
  unit('bakery', 'enterprise', 'county', 'cooperative', 'Food'),
  unit('glass', 'enterprise', 'county', 'joint', 'Building', '2nd class'),
];

/** Q1 reported production per unit, out of 100 planned; some verified lower by the inspector. */
const q1Reported: Record<string, number> = {
  steel: 95,
  cement: 60,
  coal: 65,
  textiles: 110,
  foods: 80,
  fish: 100,
  bakery: 90,
  glass: 75,
};
const q1Verified: Record<string, number> = { steel: 90, coal: 55, fish: 68 };

const report = (unitId: string, reported: number): CommandInput => ({
  type: 'report:submit',
  payload: {
    unitId,
    note: null,
    indicators: [
      {
        id: 'output',
        name: 'Output',
        measure: 't',
        planned: 100,
        reported,
        weight: 2,
        isProduction: true,
        previous: null,
        partOf: null,
      },
      { id: 'deliveries', name: 'Deliveries', measure: '%', planned: 100, reported: 100 },
    ],
  },
});

const q1: Omit<ReviewSessionDefinition, 'createdAt'> = {
  title: 'Q1 review',
  period: '2026-Q1',
  organisation: 'Central Committee',
  days: [
    { id: 'd1', date: '2026-04-13', title: 'Heavy industry' },
    { id: 'd2', date: '2026-04-14', title: 'Light industry' },
    { id: 'd3', date: '2026-04-15', title: 'Cooperatives and joint ventures' },
  ],
  thresholds: defaultThresholds,
  conferenceLink: null,
  organiserUnitId: 'centre',
  previousSessionId: null,
};

interface Cast {
  chair: ClientSocket;
  presenters: Record<string, ClientSocket>;
  officials: [ClientSocket, ClientSocket];
  inspector: ClientSocket;
  observer: ClientSocket;
  levels: Record<'county' | 'city' | 'province', ClientSocket>;
}

/** Convenes a session in-process (the organisation's side), then invites and connects everyone. */
async function convene(
  server: TestServer,
  definition: Omit<ReviewSessionDefinition, 'createdAt'>,
  units: OrganisationUnit[],
) {
  const { sessionId, chair } = await server.app.sessions.createSession(definition, units, 'Chair');
  const connect = async (name: string, role: Role, unitId: string | null) => {
    const { token } = await server.app.sessions.invite(sessionId, { name, role, unitId });
    return connectClient(server.url, { token });
  };
  const cast: Cast = {
    chair: await connectClient(server.url, { token: chair.token }),
    presenters: Object.fromEntries(
      await Promise.all(
        reporting.map(async (u) => [u.id, await connect(`Director ${u.id}`, 'presenter', u.id)] as const),
      ),
    ),
    officials: [await connect('Official A', 'official', null), await connect('Official B', 'official', null)],
    inspector: await connect('Inspector', 'inspector', null),
    observer: await connect('Big screen', 'observer', null),
    levels: {
      county: await connect('County secretary', 'official', 'county'),
      city: await connect('City secretary', 'official', 'city'),
      province: await connect('Province secretary', 'official', 'province'),
    },
  };
  return { sessionId, cast };
}

describe('two quarters of review', () => {
  test('P1–P4: a Q1 review held over three days carries its warnings and explanation into Q2', async () => {
    // The Q1 review's first day: the directives it issues fall due after it.
    const server = await startTestServer({
      store: 'memory',
      clock: { now: () => new Date('2026-04-13T09:00:00.000Z') },
    });
    const { sessionId, cast } = await convene(server, q1, [...hierarchy, ...reporting]);
    const state = () => server.app.commands.state(sessionId);
    const run = async (socket: ClientSocket, command: CommandInput) =>
      expectOk(await sendCommand(socket, sessionId, command)).seq;
    const item = async (unitId: string, dayId: string) =>
      Object.values((await state()).agenda).find(
        (i) => i.unitId === unitId && i.dayId === dayId && i.status === 'pending',
      )!.id;

    // The observer follows the whole review live and must end with the server's state.
    await joinSession(cast.observer, sessionId);
    const seen = recordEvents(cast.observer);

    // Preparation: agenda, notice in advance, reports submitted by each unit's presenter.
    const days: Record<string, string[]> = {
      d1: ['steel', 'cement', 'coal', 'foods'],
      d2: ['textiles'],
      d3: ['fish', 'bakery', 'glass'],
    };
    for (const [dayId, unitIds] of Object.entries(days)) {
      for (const unitId of unitIds) {
        await run(cast.chair, {
          type: 'agenda:add-item',
          payload: { dayId, unitId, topic: `Unit ${unitId}`, plannedMinutes: 15 },
        });
      }
    }
    await run(cast.chair, { type: 'session:publish-notice', payload: { noticeDate: '2026-04-01' } });
    for (const u of reporting) await run(cast.presenters[u.id]!, report(u.id, q1Reported[u.id]!));
    expect((await sendCommand(cast.presenters.steel!, sessionId, report('cement', 100))).ok).toBe(false);
    for (const [unitId, verified] of Object.entries(q1Verified)) {
      await run(cast.inspector, {
        type: 'report:verify',
        payload: { unitId, indicatorId: 'output', verified, finding: 'Counted at the gate.', evidence: null },
      });
    }
    expect((await state()).status).toBe('noticed');

    // Day 1: steel presents and is criticised; the criticism becomes an inspection.
    await run(cast.chair, { type: 'day:open', payload: { dayId: 'd1' } });
    const steel = await item('steel', 'd1');
    await run(cast.chair, { type: 'agenda:start-item', payload: { itemId: steel } });
    await run(cast.chair, { type: 'agenda:open-floor', payload: { itemId: steel } });
    await run(cast.officials[0], {
      type: 'criticism:post',
      payload: {
        itemId: steel,
        category: 'inflated-report',
        severity: 'high',
        indicatorId: 'output',
        text: 'Output reported 95, gate count 90.',
      },
    });
    const inflated = criticismIdsFrom(await state()).at(-1)!;
    await run(cast.officials[1], { type: 'criticism:endorse', payload: { criticismId: inflated } });
    await run(cast.inspector, { type: 'criticism:endorse', payload: { criticismId: inflated } });
    await run(cast.presenters.steel!, {
      type: 'criticism:respond',
      payload: { criticismId: inflated, text: 'Stock in transit was counted.' },
    });
    await run(cast.chair, { type: 'criticism:rule', payload: { criticismId: inflated, ruling: 'upheld', note: null } });
    await run(cast.chair, {
      type: 'directive:issue',
      payload: {
        kind: 'inspection',
        assigneeUnitId: 'steel',
        title: 'Inspect the steel stock',
        text: null,
        dueDate: '2026-05-01',
        fromCriticismId: inflated,
      },
    });
    await run(cast.chair, { type: 'agenda:close-item', payload: { itemId: steel } });

    // Cement and coal: a dismissed point, and an explanation of failure owed up the line.
    const cement = await item('cement', 'd1');
    await run(cast.chair, { type: 'agenda:start-item', payload: { itemId: cement } });
    await run(cast.chair, { type: 'agenda:open-floor', payload: { itemId: cement } });
    await run(cast.officials[1], {
      type: 'criticism:post',
      payload: {
        itemId: cement,
        category: 'discipline',
        severity: 'low',
        indicatorId: null,
        text: 'The director was late.',
      },
    });
    await run(cast.chair, {
      type: 'criticism:rule',
      payload: {
        criticismId: criticismIdsFrom(await state()).at(-1)!,
        ruling: 'dismissed',
        note: 'Not on the agenda.',
      },
    });
    await run(cast.chair, { type: 'agenda:close-item', payload: { itemId: cement } });
    const coal = await item('coal', 'd1');
    await run(cast.chair, { type: 'agenda:start-item', payload: { itemId: coal } });
    await run(cast.chair, {
      type: 'directive:issue',
      payload: {
        kind: 'explain-failure',
        assigneeUnitId: 'cement',
        title: 'Explain the cement shortfall',
        text: null,
        dueDate: '2026-04-30',
        fromCriticismId: null,
      },
    });
    const explanation = (await state()).directiveOrder.at(-1)!;
    await run(cast.chair, { type: 'agenda:close-item', payload: { itemId: coal } });
    // Foods runs out of time and is deferred to day 2.
    await run(cast.chair, { type: 'agenda:defer-item', payload: { itemId: await item('foods', 'd1'), toDayId: 'd2' } });
    await run(cast.chair, { type: 'day:adjourn', payload: { dayId: 'd1' } });

    // The explanation travels county → city → province → centre.
    await run(cast.presenters.cement!, { type: 'directive:acknowledge', payload: { directiveId: explanation } });
    await run(cast.presenters.cement!, {
      type: 'directive:answer',
      payload: { directiveId: explanation, text: 'Kiln 2 was down for five weeks.' },
    });
    expect(
      (
        await sendCommand(cast.levels.city, sessionId, {
          type: 'directive:forward',
          payload: { directiveId: explanation, remarks: null },
        })
      ).ok,
    ).toBe(false);
    await run(cast.levels.county, {
      type: 'directive:forward',
      payload: { directiveId: explanation, remarks: 'County confirms.' },
    });
    await run(cast.levels.city, {
      type: 'directive:forward',
      payload: { directiveId: explanation, remarks: 'City adds: no spares.' },
    });
    await run(cast.levels.province, {
      type: 'directive:forward',
      payload: { directiveId: explanation, remarks: 'Province endorses.' },
    });
    await run(cast.chair, {
      type: 'directive:review',
      payload: { directiveId: explanation, decision: 'accepted', note: null },
    });

    // Days 2 and 3: the carried-over item is taken, then everyone else.
    for (const dayId of ['d2', 'd3']) {
      await run(cast.chair, { type: 'day:open', payload: { dayId } });
      for (const id of (await state()).agendaOrder) {
        const it = (await state()).agenda[id]!;
        if (it.dayId !== dayId || it.status !== 'pending') continue;
        await run(cast.chair, { type: 'agenda:start-item', payload: { itemId: id } });
        await run(cast.chair, { type: 'agenda:close-item', payload: { itemId: id } });
      }
      if (dayId === 'd2') await run(cast.chair, { type: 'day:adjourn', payload: { dayId } });
    }

    // Close: the chair is shown the proposed warnings and confirms them (one with an edited note).
    const proposals = proposedWarnings(await state());
    expect(proposals.map((p) => [p.unitId, p.fulfilment])).toEqual([
      ['cement', 0.6],
      ['coal', 0.55],
      ['fish', 0.68],
    ]);
    expect((await sendCommand(cast.chair, sessionId, { type: 'session:close', payload: {} })).ok).toBe(false);
    for (const p of proposals) {
      await run(cast.chair, {
        type: 'warning:issue',
        payload: { unitId: p.unitId, note: p.unitId === 'coal' ? 'Verified at 55 %.' : null },
      });
    }
    const closedAt = await run(cast.chair, { type: 'session:close', payload: {} });

    const q1State = await state();
    await seen.waitForSeq(closedAt);
    const observed = foldEvents(emptySessionState(sessionId), await joinedLog(cast.observer, sessionId));
    expect(observed).toEqual(q1State);
    expect(q1State.status).toBe('closed');
    const carried = Object.values(q1State.agenda).find((i) => i.carriedFromItemId !== null)!;
    expect(carried).toMatchObject({ unitId: 'foods', dayId: 'd2', status: 'closed' });
    expect(
      Object.values(q1State.agenda)
        .filter((i) => i.status === 'deferred')
        .map((i) => i.unitId),
    ).toEqual(['foods']);
    expect(criticismsInOrder(q1State).map((c) => [c.ruling?.ruling, c.endorsedBy.length, c.response !== null])).toEqual(
      [
        ['upheld', 2, true],
        ['dismissed', 0, false],
      ],
    );
    expect(q1State.directives[explanation]!.steps.map((s) => `${s.action}:${s.unitId}→${s.toUnitId ?? ''}`)).toEqual([
      'acknowledged:cement→',
      'answered:cement→county',
      'forwarded:county→city',
      'forwarded:city→province',
      'forwarded:province→centre',
      'accepted:centre→',
    ]);
    expect(Object.values(q1State.directives).map((d) => [d.kind, d.status, d.fromCriticismId !== null])).toEqual([
      ['inspection', 'open', true],
      ['explain-failure', 'accepted', false],
    ]);

    // The read model by ownership equals the table worked out by hand (verified values win).
    const byOwnership = compareBy(q1State, 'ownership').map((g) => [
      g.key,
      round(g.average),
      g.underThreshold,
      g.units,
    ]);
    expect(byOwnership).toEqual([
      ['cooperative', round((0.68 + 0.9) / 2), 1, 2],
      ['joint', 0.75, 0, 1],
      ['private', round((1.1 + 0.8) / 2), 0, 2],
      ['state', round((0.9 + 0.6 + 0.55) / 3), 2, 3],
    ]);
    // Steel and the bakery tie at 90 %: the ranking orders ties by name.
    expect(ranking(q1State).map((s) => s.unit.id)).toEqual([
      'textiles',
      'bakery',
      'steel',
      'foods',
      'glass',
      'fish',
      'cement',
      'coal',
    ]);

    // Q2: every unit warned in Q1 is on the agenda for a second review, automatically.
    const q2 = await convene(
      server,
      {
        ...q1,
        title: 'Q2 review',
        period: '2026-Q2',
        days: q1.days.map((day, i) => ({ ...day, date: `2026-07-1${3 + i}` })),
        previousSessionId: sessionId,
      },
      [],
    );
    const q2State = () => server.app.commands.state(q2.sessionId);
    const run2 = async (socket: ClientSocket, command: CommandInput) =>
      expectOk(await sendCommand(socket, q2.sessionId, command)).seq;
    const reviewItems = Object.values((await q2State()).agenda).filter((i) => i.warningId !== null);
    expect(reviewItems.map((i) => [i.unitId, i.dayId]).sort()).toEqual([
      ['cement', 'd1'],
      ['coal', 'd1'],
      ['fish', 'd1'],
    ]);
    expect(Object.values((await q2State()).directives).map((d) => d.kind)).toEqual(['inspection']);
    expect((await q2State()).unitOrder).toEqual(q1State.unitOrder);
    // Q1's verifications go with it: the units the inspector verified there, at Q1; the records start at Q1.
    const record = (await q2State()).verificationRecord!;
    expect(record.since).toBe('2026-Q1');
    expect(Object.keys(record.lastVerified)).toEqual(q1State.unitOrder);
    expect(Object.fromEntries(Object.entries(record.lastVerified).filter(([, period]) => period !== null))).toEqual(
      Object.fromEntries(Object.keys(q1Verified).map((unitId) => [unitId, '2026-Q1'])),
    );

    await readyForNotice(server.app, q2.sessionId, '2026-07-01', (command) => run2(q2.cast.chair, command));
    await run2(q2.cast.chair, { type: 'session:publish-notice', payload: { noticeDate: '2026-07-01' } });
    await run2(q2.cast.presenters.cement!, report('cement', 85));
    await run2(q2.cast.presenters.coal!, report('coal', 50));
    await run2(q2.cast.chair, { type: 'day:open', payload: { dayId: 'd1' } });
    const warnings = Object.values((await q2State()).warnings);
    const byUnit = (unitId: string) => warnings.find((w) => w.unitId === unitId)!.id;
    await run2(q2.cast.chair, { type: 'warning:lift', payload: { warningId: byUnit('cement'), note: 'Up to 85 %.' } });
    await run2(q2.cast.chair, {
      type: 'warning:escalate',
      payload: { warningId: byUnit('coal'), note: 'Down to 50 %: remove the director.' },
    });
    const decided = await q2State();
    expect(Object.values(decided.warnings).map((w) => [w.unitId, w.status, w.period, w.decisionNote])).toEqual([
      ['cement', 'lifted', '2026-Q1', 'Up to 85 %.'],
      ['coal', 'escalated', '2026-Q1', 'Down to 50 %: remove the director.'],
      ['fish', 'open', '2026-Q1', null],
    ]);
    expect(compareBy(decided, 'ownership').map((g) => [g.key, g.average])).toEqual([['state', (0.85 + 0.5) / 2]]);
  });
});

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e9) / 1e9;
}

async function joinedLog(socket: ClientSocket, sessionId: string) {
  return (await joinSession(socket, sessionId)).events;
}
