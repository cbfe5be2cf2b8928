import type { Command } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld, refusal } from '../../test/demoWorld.js';

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

describe('directives', () => {
  test('an explanation goes up the line, plant → county → province, and is reviewed only once it arrives', async () => {
    const world = await demoWorld();
    const { run, byRole, sessionId } = world;
    const issued = await run(byRole.chair, explain);
    const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
    expect(issued.events[0]!.payload).toMatchObject({ orderedByUnitId: 'northern-province' });

    const presenter = byRole.presenter;
    const official = byRole.official;
    expect((await refusal(run(official, { type: 'directive:acknowledge', payload: { directiveId } }))).code).toBe(
      'FORBIDDEN',
    );
    await run(presenter, { type: 'directive:acknowledge', payload: { directiveId } });
    expect(
      (await refusal(run(presenter, { type: 'directive:forward', payload: { directiveId, remarks: null } }))).code,
    ).toBe('CONFLICT');
    await run(presenter, {
      type: 'directive:answer',
      payload: { directiveId, text: 'Kiln 2 was down for five weeks.' },
    });
    expect(
      (
        await refusal(
          run(byRole.chair, { type: 'directive:review', payload: { directiveId, decision: 'accepted', note: null } }),
        )
      ).message,
    ).toMatch(/on its way/);
    // The presenter speaks for the plant, not for the county above it.
    expect(
      (await refusal(run(presenter, { type: 'directive:forward', payload: { directiveId, remarks: null } }))).code,
    ).toBe('FORBIDDEN');
    await run(byRole.chair, { type: 'directive:forward', payload: { directiveId, remarks: 'County confirms.' } });
    expect(
      (await refusal(run(byRole.chair, { type: 'directive:forward', payload: { directiveId, remarks: null } })))
        .message,
    ).toMatch(/reached the ordering level/);
    await run(byRole.chair, {
      type: 'directive:review',
      payload: { directiveId, decision: 'rejected', note: 'Say why spares were late.' },
    });
    await run(presenter, {
      type: 'directive:answer',
      payload: { directiveId, text: 'Spares ordered late by the ministry.' },
    });
    const state = await world.commands.state(sessionId);
    expect(state.directives[directiveId]).toMatchObject({ status: 'answered', holderUnitId: 'eastfield-county' });
    expect(state.directives[directiveId]!.steps.map((s) => [s.action, s.unitId, s.toUnitId])).toEqual([
      ['acknowledged', 'eastfield-cement', null],
      ['answered', 'eastfield-cement', 'eastfield-county'],
      ['forwarded', 'eastfield-county', 'northern-province'],
      ['rejected', 'northern-province', null],
      ['answered', 'eastfield-cement', 'eastfield-county'],
    ]);
  });

  test('a criticism becomes an inspection directive in one step, linked both ways', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    await run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-4' } });
    const posted = await run(byRole.official, {
      type: 'criticism:post',
      payload: {
        itemId: 'item-4',
        category: 'inflated-report',
        severity: 'high',
        indicatorId: 'clinker',
        text: 'Clinker figure looks inflated.',
      },
    });
    const criticismId = (posted.events[0]!.payload as { criticismId: string }).criticismId;
    const issued = await run(byRole.chair, {
      type: 'directive:issue',
      payload: {
        kind: 'inspection',
        assigneeUnitId: 'eastfield-cement',
        title: 'Inspect the clinker books',
        text: null,
        dueDate: '2026-04-30',
        fromCriticismId: criticismId,
      },
    });
    const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
    const state = await commands.state(sessionId);
    expect(state.criticisms[criticismId]!.directiveIds).toEqual([directiveId]);
    expect(state.directives[directiveId]).toMatchObject({
      fromCriticismId: criticismId,
      kind: 'inspection',
      status: 'open',
    });
  });
});
