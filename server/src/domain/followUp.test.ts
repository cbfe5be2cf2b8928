import type { Command, SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoSessionIds } from '../demo/seedDemo.js';
import { demoWorld, refusal } from '../test/demoWorld.js';

type World = Awaited<ReturnType<typeof demoWorld>>;

const explain: Command = {
  type: 'directive:issue',
  payload: {
    kind: 'explain-failure',
    assigneeUnitId: 'eastfield-cement',
    title: 'Explain the cement shortfall',
    text: null,
    dueDate: '2026-05-01',
    fromCriticismId: null,
  },
};

/** Convenes the next quarter's review from the demo session (or `previousSessionId`). */
async function conveneNext(world: World, sessionId?: string, previousSessionId = world.sessionId) {
  const definition = await world.commands.read(world.sessionId, (s) => s.definition!);
  return world.sessions.convene(
    {
      definition: { ...definition, title: 'Second-quarter review', period: '2026-Q2', previousSessionId },
      units: [],
      chairName: 'Chair',
    },
    sessionId,
  );
}

const head = (world: World, sessionId: string) => world.commands.read(sessionId, (s: SessionState) => s.lastSeq);

describe('a session followed up by the next period’s review', () => {
  test('is marked in its own log with the follow-up and what it carried there', async () => {
    const world = await demoWorld();
    const previous = await world.commands.state(demoSessionIds.previous);
    const current = await world.commands.state(world.sessionId);
    expect(previous.followedUpBy).toMatchObject({
      sessionId: world.sessionId,
      period: current.definition!.period,
      title: current.definition!.title,
      directiveIds: current.directiveOrder.filter((id) => current.directives[id]!.carriedFromSessionId !== null),
      warningIds: current.warningOrder.filter((id) => current.warnings[id]!.carriedFromSessionId !== null),
    });
  });

  test('refuses every step on a carried directive or warning with the session that follows it now, appending nothing', async () => {
    const world = await demoWorld();
    const issued = await world.run(world.byRole.chair, explain);
    const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
    const { sessionId: nextId } = await conveneNext(world);
    expect((await world.commands.state(nextId)).directives[directiveId]?.status).toBe('open');

    const before = await head(world, world.sessionId);
    const handedOn = {
      kind: 'handed-on',
      subject: 'directive',
      name: 'Explain the cement shortfall',
      sessionId: nextId,
      title: 'Second-quarter review',
      period: '2026-Q2',
    };
    const acknowledged = await refusal(
      world.run(world.byRole.presenter, { type: 'directive:acknowledge', payload: { directiveId } }),
    );
    expect(acknowledged.code).toBe('CONFLICT');
    expect(acknowledged.refusal).toEqual(handedOn);
    const closed = await refusal(world.run(world.byRole.chair, { type: 'directive:close', payload: { directiveId } }));
    expect(closed.refusal).toEqual(handedOn);

    const warningId = (await world.commands.state(world.sessionId)).followedUpBy!.warningIds[0]!;
    const lifted = await refusal(
      world.run(world.byRole.chair, { type: 'warning:lift', payload: { warningId, note: 'Improved.' } }),
    );
    expect(lifted.refusal).toMatchObject({ kind: 'handed-on', subject: 'warning', sessionId: nextId });
    expect(await head(world, world.sessionId)).toBe(before);
  });

  test('is followed up once: a second convening is refused on the previous-session field and creates nothing', async () => {
    const world = await demoWorld();
    const { sessionId: nextId } = await conveneNext(world);
    const before = await head(world, world.sessionId);
    const second = await refusal(conveneNext(world, 'another-q2'));
    expect(second.code).toBe('CONFLICT');
    expect(second.issues).toEqual([
      {
        path: 'session.previousSessionId',
        message: 'followed up already',
        reason: { code: 'already-followed-up', sessionId: nextId, title: 'Second-quarter review', period: '2026-Q2' },
      },
    ]);
    expect((await world.commands.state('another-q2')).definition).toBeNull();
    expect(await head(world, world.sessionId)).toBe(before);
  });

  test('of two convenings at once from the same session, exactly one succeeds', async () => {
    const world = await demoWorld();
    const outcomes = await Promise.allSettled([conveneNext(world, 'q2-a'), conveneNext(world, 'q2-b')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const created = await Promise.all(['q2-a', 'q2-b'].map((id) => world.commands.state(id)));
    expect(created.filter((s) => s.definition !== null)).toHaveLength(1);
    const winner = created.find((s) => s.definition !== null)!;
    expect((await world.commands.state(world.sessionId)).followedUpBy?.sessionId).toBe(winner.sessionId);
  });

  test('a convening whose creation fails withdraws its mark, so the session may be followed up again', async () => {
    const world = await demoWorld();
    // The id of a session that exists already: the creation is refused after the mark.
    await refusal(conveneNext(world, demoSessionIds.previous));
    expect((await world.commands.state(world.sessionId)).followedUpBy).toBeNull();
    const { sessionId } = await conveneNext(world);
    expect((await world.commands.state(world.sessionId)).followedUpBy?.sessionId).toBe(sessionId);
  });
});
