import { demoData, demoSessionIds } from '@plenum/server';
import {
  directiveHandedOnTo,
  isDirectiveOpen,
  proposedWarnings,
  type CommandOf,
  type Problem,
  type RegisteredUnit,
  type UnitCommitments,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, dataOf, resourceOf } from '../helpers/api.js';
import { closeItem, sendOk, startItem } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

/** The demo's first day, 09:00 UTC: a fixed clock, so due dates are fixed too. */
const clock = { now: () => new Date('2026-04-13T09:00:00.000Z') };
const units = '/api/organisations/northern-province/units';
const commitmentsPath = (unitId: string) => `/api/v1/organisations/northern-province/units/${unitId}/commitments`;

const commitments = async (server: TestServer, unitId: string) =>
  resourceOf(await api<UnitCommitments>(server.url, commitmentsPath(unitId), { token: server.tokens.administrator }))
    .sessions;

/** The demo's current review as a commitment lists it. */
const current = {
  sessionId: demoSessionIds.current,
  title: 'Northern Province — first-quarter economic review',
  period: '2026-Q1',
  status: 'in-session',
};

describe('what a unit still has open, read before retiring it', () => {
  test('its items not yet heard and its open directives, a carried-over directive counted once where it is held now', async () => {
    const server = await startTestServer({ clock });
    // The coal mine presents twice on the current review, and answers there for the Q4 review's
    // explanation, which that review carried over (the closed Q4 review still holds its own copy).
    expect(await commitments(server, 'coal-mine-3')).toEqual([{ ...current, items: 2, directives: 1, warnings: 1 }]);

    const chair = await server.connect('chair');
    const state = await server.state();
    const [first] = state.agendaOrder.filter((id) => state.agenda[id]?.unitId === 'coal-mine-3');
    await sendOk(chair, server.sessionId, startItem(first!));
    await sendOk(chair, server.sessionId, closeItem(first!));
    const inspection: CommandOf<'directive:issue'>['payload'] = {
      kind: 'inspection',
      assigneeUnitId: 'coal-mine-3',
      title: 'Inspect the shaft output ledgers',
      text: null,
      dueDate: '2026-04-30',
      fromCriticismId: null,
    };
    await sendOk(chair, server.sessionId, { type: 'directive:issue', payload: inspection });
    expect(await commitments(server, 'coal-mine-3')).toEqual([{ ...current, items: 1, directives: 2, warnings: 1 }]);

    // Closed in the review that holds it now, the carried-over directive is open nowhere.
    const carried = (await server.state()).directiveOrder[0]!;
    await sendOk(chair, server.sessionId, { type: 'directive:close', payload: { directiveId: carried } });
    expect(await commitments(server, 'coal-mine-3')).toEqual([{ ...current, items: 1, directives: 1, warnings: 1 }]);

    // The province presents nothing and is assigned nothing.
    expect(await commitments(server, 'northern-province')).toEqual([]);
  });

  test('its open warnings, counted where they are held now: lifted, one is gone; a closed review with no successor keeps its own', async () => {
    const server = await startTestServer({ clock });
    // Warned in the closed Q4 review, the coal mine and the farm answer for it at the current
    // review, which carried both warnings over: counted there, not in the Q4 review's own copies.
    expect(await commitments(server, 'coal-mine-3')).toEqual([{ ...current, items: 2, directives: 1, warnings: 1 }]);
    expect(await commitments(server, 'hillside-agriculture')).toEqual([
      { ...current, items: 2, directives: 0, warnings: 1 },
    ]);

    const chair = await server.connect('chair');
    const state = await server.state();
    const warningOf = (unitId: string) => state.warningOrder.find((id) => state.warnings[id]!.unitId === unitId)!;
    await sendOk(chair, server.sessionId, {
      type: 'warning:lift',
      payload: { warningId: warningOf('coal-mine-3'), note: 'Back on plan.' },
    });
    expect(await commitments(server, 'coal-mine-3')).toEqual([{ ...current, items: 2, directives: 1, warnings: 0 }]);

    // Closed holding no open directive, and with no next period's review to carry it over yet, the
    // current review still holds the farm's open warning.
    const openHere = (id: string) => isDirectiveOpen(state.directives[id]!) && !directiveHandedOnTo(state, id);
    for (const directiveId of state.directiveOrder.filter(openHere)) {
      await sendOk(chair, server.sessionId, { type: 'directive:close', payload: { directiveId } });
    }
    for (const { unitId } of proposedWarnings(await server.state())) {
      await sendOk(chair, server.sessionId, { type: 'warning:waive', payload: { unitId, reason: 'Flooding.' } });
    }
    await sendOk(chair, server.sessionId, { type: 'session:close', payload: {} });
    expect(await commitments(server, 'hillside-agriculture')).toEqual([
      { ...current, status: 'closed', items: 0, directives: 0, warnings: 1 },
    ]);
    expect(await commitments(server, 'coal-mine-3')).toEqual([]);
  });

  test('a warning issued at the close of a review whose next one was convened before it closed counts there', async () => {
    const server = await startTestServer({ clock });
    // Q2 is convened while Q1 is still in session: it carries over the warnings and directives
    // open in Q1 then (Q1 keeps them read-only), and none Q1 issues later.
    await server.app.sessions.createSession(
      {
        ...demoData.demoSession,
        title: 'Second-quarter review',
        period: '2026-Q2',
        previousSessionId: server.sessionId,
      },
      demoData.demoUnits,
      'Chair — Q2',
    );
    const chair = await server.connect('chair');
    const state = await server.state();
    const openHere = (id: string) => isDirectiveOpen(state.directives[id]!) && !directiveHandedOnTo(state, id);
    for (const directiveId of state.directiveOrder.filter(openHere)) {
      await sendOk(chair, server.sessionId, { type: 'directive:close', payload: { directiveId } });
    }
    const proposals = proposedWarnings(await server.state());
    expect(proposals.map((proposal) => proposal.unitId)).toContain('eastfield-cement');
    for (const { unitId } of proposals) {
      await sendOk(chair, server.sessionId, { type: 'warning:issue', payload: { unitId, note: null } });
    }
    await sendOk(chair, server.sessionId, { type: 'session:close', payload: {} });

    // No later review received the cement works' warning: the closed Q1 review still holds it.
    expect(await commitments(server, 'eastfield-cement')).toEqual([
      { ...current, status: 'closed', items: 0, directives: 0, warnings: 1 },
    ]);
  });

  test('retiring a unit that still has business stays possible and leaves that business as it stands', async () => {
    const server = await startTestServer({ clock });
    const before = await commitments(server, 'riverside-steel');
    expect(before).toEqual([{ ...current, items: 1, directives: 0, warnings: 0 }]);

    const retired = await api(server.url, `${units}/riverside-steel/retire`, {
      method: 'POST',
      token: server.tokens.administrator,
    });
    expect(retired.status).toBe(200);
    const register = dataOf(
      await api<{ units: RegisteredUnit[] }>(server.url, units, { token: server.tokens.administrator }),
    );
    expect(register.units.find((entry) => entry.unit.id === 'riverside-steel')?.retiredAt).not.toBeNull();
    expect(await commitments(server, 'riverside-steel')).toEqual(before);
  });

  test('an unknown unit or another organisation is not found; a participant’s invitation may not read the register', async () => {
    const server = await startTestServer();
    const token = server.tokens.administrator;
    for (const path of [
      commitmentsPath('no-such-unit'),
      '/api/v1/organisations/elsewhere/units/coal-mine-3/commitments',
    ]) {
      const answer = await api(server.url, path, { token });
      expect(answer.status, path).toBe(404);
      expect((answer.body as Problem).code).toBe('NOT_FOUND');
    }
    const presenter = await api(server.url, commitmentsPath('coal-mine-3'), { token: server.tokens.presenter });
    expect(presenter.status).toBe(403);
  });
});
