import { criticismOf, type Command, type CommandOf } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld, refusal } from '../../test/demoWorld.js';

const inspect: CommandOf<'directive:issue'>['payload'] = {
  kind: 'inspection',
  assigneeUnitId: 'eastfield-cement',
  title: 'Inspect the clinker books',
  text: null,
  dueDate: '2026-04-30',
  fromCriticismId: null,
};

/** The demo with an inspection order to its inspector and a second inspector invited. */
async function withOrder() {
  const world = await demoWorld();
  const { run, byRole, sessions, sessionId } = world;
  const issued = await run(byRole.chair, {
    type: 'directive:issue',
    payload: { ...inspect, inspectorId: byRole.inspector.id },
  });
  const { directiveId } = issued.events[0]!.payload as { directiveId: string };
  const { participant: lee } = await sessions.invite(sessionId, {
    name: 'Lee Inspector',
    role: 'inspector',
    unitId: null,
  });
  const reassign = (assigneeId: string): Command => ({
    type: 'directive:reassign',
    payload: { directiveId, assigneeId },
  });
  return { ...world, directiveId, lee, reassign };
}

describe('directive:reassign', () => {
  test('gives the order to another inspector: they act on it, the former one no longer does, the history says who', async () => {
    const { run, byRole, commands, sessionId, directiveId, lee, reassign } = await withOrder();
    await run(byRole.inspector, { type: 'directive:acknowledge', payload: { directiveId } });
    const done = await run(byRole.chair, reassign(lee.id));
    expect(done.events.map((e) => [e.type, e.payload])).toEqual([
      ['directive:reassigned', { directiveId, fromAssigneeId: byRole.inspector.id, assigneeId: lee.id }],
    ]);
    const directive = (await commands.state(sessionId)).directives[directiveId];
    // Acknowledged by the former inspector: the new one takes note again.
    expect(directive).toMatchObject({ inspectorId: lee.id, status: 'open' });
    expect(directive?.steps.at(-1)).toMatchObject({
      action: 'reassigned',
      actorId: byRole.chair.id,
      fromAssigneeId: byRole.inspector.id,
      assigneeId: lee.id,
    });
    expect(
      (await refusal(run(byRole.inspector, { type: 'directive:acknowledge', payload: { directiveId } }))).code,
    ).toBe('FORBIDDEN');
    await run(lee, { type: 'directive:acknowledge', payload: { directiveId } });
    expect((await commands.state(sessionId)).directives[directiveId]?.status).toBe('acknowledged');
  });

  test('is refused with a typed reason: unknown participant, wrong role, same inspector, not an inspection, settled', async () => {
    const { run, byRole, sessions, sessionId, directiveId, lee, reassign } = await withOrder();
    const unknown = await refusal(run(byRole.chair, reassign('nobody')));
    expect([unknown.code, unknown.issues?.[0]]).toMatchObject([
      'INVALID_PAYLOAD',
      { path: 'assigneeId', reason: { code: 'unknown-participant' } },
    ]);
    const official = await refusal(run(byRole.chair, reassign(byRole.official.id)));
    expect([official.code, official.issues?.[0]]).toMatchObject([
      'INVALID_PAYLOAD',
      { path: 'assigneeId', reason: { code: 'not-an-inspector' } },
    ]);
    const same = await refusal(run(byRole.chair, reassign(byRole.inspector.id)));
    expect([same.code, same.refusal]).toMatchObject([
      'CONFLICT',
      { kind: 'directive-blocked', blocker: 'already-assigned' },
    ]);
    // Only the chair reassigns.
    expect((await refusal(run(byRole.official, reassign(lee.id)))).code).toBe('FORBIDDEN');
    // A revoked inspector is no participant to give it to.
    await sessions.revoke(sessionId, lee.id, byRole.chair.id);
    expect((await refusal(run(byRole.chair, reassign(lee.id)))).issues?.[0]?.reason).toEqual({
      code: 'unknown-participant',
    });

    const plan = await run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, kind: 'corrective-plan' } });
    const planId = (plan.events[0]!.payload as { directiveId: string }).directiveId;
    const notInspection = await refusal(
      run(byRole.chair, {
        type: 'directive:reassign',
        payload: { directiveId: planId, assigneeId: byRole.inspector.id },
      }),
    );
    expect([notInspection.code, notInspection.issues?.[0]]).toMatchObject([
      'INVALID_PAYLOAD',
      { path: 'directiveId', reason: { code: 'only-for-inspection' } },
    ]);

    const other = await sessions.invite(sessionId, { name: 'Park Inspector', role: 'inspector', unitId: null });
    await run(byRole.inspector, { type: 'directive:answer', payload: { directiveId, text: 'Books checked.' } });
    const underReview = await refusal(run(byRole.chair, reassign(other.participant.id)));
    expect([underReview.code, underReview.refusal]).toMatchObject([
      'CONFLICT',
      { kind: 'directive-blocked', blocker: 'answer-under-review' },
    ]);
    await run(byRole.chair, { type: 'directive:close', payload: { directiveId } });
    const closed = await refusal(run(byRole.chair, reassign(other.participant.id)));
    expect([closed.code, closed.refusal]).toMatchObject([
      'CONFLICT',
      { kind: 'directive-blocked', blocker: 'directive-closed' },
    ]);
  });
});

describe('criticism:unhide', () => {
  test('shows a hidden criticism again; a criticism not hidden is refused with the reason; the chair only', async () => {
    const world = await demoWorld();
    const { run, byRole, commands, sessionId } = world;
    await run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    const posted = await run(byRole.official, {
      type: 'criticism:post',
      payload: { itemId: 'item-2', category: 'inflated-report', severity: 'high', indicatorId: null, text: 'Stock.' },
    });
    const { criticismId } = posted.events[0]!.payload as { criticismId: string };
    const unhide: Command = { type: 'criticism:unhide', payload: { criticismId } };

    const notHidden = await refusal(run(byRole.chair, unhide));
    expect([notHidden.code, notHidden.refusal]).toEqual(['CONFLICT', { kind: 'criticism-not-hidden' }]);
    await run(byRole.chair, { type: 'criticism:hide', payload: { criticismId, reason: 'Names a person.' } });
    expect((await refusal(run(byRole.official, unhide))).code).toBe('FORBIDDEN');
    const shown = await run(byRole.chair, unhide);
    expect(shown.events.map((e) => [e.type, e.payload])).toEqual([['criticism:unhidden', { criticismId }]]);
    expect(criticismOf(await commands.state(sessionId), criticismId)?.hidden).toBeNull();
    // Hidden again later, as any shown criticism may be.
    await run(byRole.chair, { type: 'criticism:hide', payload: { criticismId, reason: 'Again.' } });
    expect(criticismOf(await commands.state(sessionId), criticismId)?.hidden).toMatchObject({ reason: 'Again.' });
  });
});
