import { noticeProblems } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { CommandService } from '../domain/commandService.js';
import { SessionService } from '../domain/sessionService.js';
import { SessionStates } from '../domain/sessionStates.js';
import { systemTimers } from '../lib/systemClock.js';
import { InMemoryStore } from '../storage/InMemoryStore.js';
import { manualClock, sequentialIds } from '../test/demoWorld.js';
import { OrganisationService } from '../domain/organisationService.js';
import { demoOrganisationId, demoSessionIds, ensureDemo } from './seedDemo.js';

/** The services over a fresh in-memory store, as one server start has them. */
function world() {
  const store = new InMemoryStore();
  const { clock } = manualClock();
  const ids = sequentialIds();
  let issued = 0;
  const start = (afterSeedStep?: (step: number) => void) => {
    const commands = new CommandService({
      store,
      states: new SessionStates(store, systemTimers),
      clock,
      ids,
      timers: systemTimers,
      snapshotQuietMs: null,
    });
    const sessions = new SessionService({
      commands,
      invitations: store,
      clock,
      ids,
      tokens: { issue: () => ({ token: `t${++issued}`, hash: `h${issued}` }) },
    });
    return { commands, sessions, deps: { sessions, commands, settings: store, ids, afterSeedStep } };
  };
  /** Whether the invitation of token `t<n>` still admits its bearer. */
  const isValid = async (token: string) => (await store.findInvitation(`h${token.slice(1)}`))?.revokedAt === null;
  return { store, start, isValid };
}

/** Each demo session's log, as event types in order: equal logs have no step missing or repeated. */
async function demoLogs(store: InMemoryStore) {
  const logs: Record<string, string[]> = {};
  for (const sessionId of Object.values(demoSessionIds)) {
    logs[sessionId] = (await store.read(sessionId, 0, 10_000)).map((e) => e.type);
  }
  return logs;
}

class Crash extends Error {}

describe('demo seeding', () => {
  test('rehearsal 16: a first start killed after any step of the seeding is finished by the next: the same logs, no duplicates', async () => {
    const clean = world();
    let steps = 0;
    const seeded = await ensureDemo(clean.start((step) => (steps = step)).deps);
    expect(seeded.seeded).toBe(true);
    const expected = await demoLogs(clean.store);
    expect(steps).toBeGreaterThan(20);

    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      const w = world();
      const first = w.start((step) => {
        if (step === crashAt) throw new Crash(`killed after step ${step}`);
      });
      await expect(ensureDemo(first.deps)).rejects.toBeInstanceOf(Crash);
      const second = await ensureDemo(w.start().deps);
      expect(second, `crash after step ${crashAt}`).toMatchObject({ seeded: true, sessionId: seeded.sessionId });
      expect(await demoLogs(w.store), `crash after step ${crashAt}`).toEqual(expected);
      // Every link of the finished demo works: one per participant, the half-seeded start's revoked.
      expect(second.invitations.map((i) => i.participant.role).sort()).toEqual(
        seeded.invitations.map((i) => i.participant.role).sort(),
      );
      for (const { token } of second.invitations) expect(await w.isValid(token)).toBe(true);
    }
  });

  test('the demo is made through the services: its register holds its units, and each session meets the notice’s rules', async () => {
    const w = world();
    const { deps, commands } = w.start();
    const demo = await ensureDemo(deps);
    expect(await w.store.getSetting('organisation.id')).toBe(demoOrganisationId);
    const register = await new OrganisationService(commands).units(demoOrganisationId);
    for (const sessionId of Object.values(demoSessionIds)) {
      const state = await commands.state(sessionId);
      expect(state.unitOrder).toEqual(register.map((u) => u.id));
      expect(state.noticeDate).not.toBeNull();
      expect(noticeProblems(state, state.noticeDate!), sessionId).toEqual([]);
    }
    // Every unit on the Q1 agenda has its presenter; the banner's links stay one per role.
    const q1 = await commands.state(demo.sessionId);
    const presenters = Object.values(q1.participants).filter((p) => p.role === 'presenter');
    expect(presenters.map((p) => p.name)).toContain('Presenter — Riverside Steel Works');
    expect(presenters.length).toBe(8);
    // The first day opens with the opening, then the second reviews that convening carried over.
    const firstDay = q1.agendaOrder
      .map((id) => q1.agenda[id]!)
      .filter((item) => item.dayId === q1.definition!.days[0]!.id);
    expect(firstDay.map((item) => item.kind).slice(0, 3)).toEqual(['opening', 'second-review', 'second-review']);
    expect(demo.invitations.map((i) => i.participant.role).sort()).toEqual([
      'chair',
      'inspector',
      'observer',
      'official',
      'presenter',
    ]);
  });

  test('rehearsal 14: a later start shows no links and revokes none; asked to, it reissues only the demo’s own', async () => {
    const w = world();
    const first = await ensureDemo(w.start().deps);
    const { sessions } = w.start();
    const guest = await sessions.invite(first.sessionId, { name: 'Guest official', role: 'official', unitId: null });

    const restart = await ensureDemo(w.start().deps);
    expect(restart).toEqual({ sessionId: first.sessionId, invitations: [], seeded: false });
    for (const { token } of [...first.invitations, guest]) expect(await w.isValid(token)).toBe(true);

    const reissued = await ensureDemo(w.start().deps, { reissueLinks: true });
    expect(reissued.seeded).toBe(false);
    expect(reissued.invitations.map((i) => i.participant.id).sort()).toEqual(
      first.invitations.map((i) => i.participant.id).sort(),
    );
    for (const { token } of first.invitations) expect(await w.isValid(token)).toBe(false);
    for (const { token } of reissued.invitations) expect(await w.isValid(token)).toBe(true);
    // The participant the chair invited keeps their link.
    expect(await w.isValid(guest.token)).toBe(true);
  });
});
