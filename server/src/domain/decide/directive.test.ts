import { criticismOf, type Command, type CommandOf } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld, manualClock, refusal } from '../../test/demoWorld.js';

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

const inspect: CommandOf<'directive:issue'>['payload'] = {
  kind: 'inspection',
  assigneeUnitId: 'eastfield-cement',
  title: 'Inspect the clinker books',
  text: null,
  dueDate: '2026-04-30',
  fromCriticismId: null,
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
    expect(criticismOf(state, criticismId)!.directiveIds).toEqual([directiveId]);
    expect(state.directives[directiveId]).toMatchObject({
      fromCriticismId: criticismId,
      kind: 'inspection',
      status: 'open',
    });
  });

  test('rehearsal 2: a directive belongs to its criticism’s item or the item it was issued from, never to the item on the floor', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    await run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-4' } });
    const posted = await run(byRole.official, {
      type: 'criticism:post',
      payload: { itemId: 'item-4', category: 'shortfall', severity: 'high', indicatorId: null, text: 'Cement short.' },
    });
    const criticismId = (posted.events[0]!.payload as { criticismId: string }).criticismId;
    await run(byRole.chair, { type: 'agenda:close-item', payload: { itemId: 'item-4' } });
    await run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    const issue = (payload: Partial<CommandOf<'directive:issue'>['payload']>) =>
      run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, ...payload } });
    const itemOf = (outcome: { events: { payload: unknown }[] }) =>
      (outcome.events[0]!.payload as { itemId: unknown }).itemId;

    // Issued from the Decisions tab while Riverside Steel (item-2) is on the floor: no item.
    expect(itemOf(await issue({}))).toBeNull();
    expect(itemOf(await issue({ fromCriticismId: criticismId }))).toBe('item-4');
    expect(itemOf(await issue({ itemId: 'item-4' }))).toBe('item-4');
    const mismatch = await refusal(issue({ fromCriticismId: criticismId, itemId: 'item-2' }));
    expect([mismatch.code, mismatch.issues?.[0]?.path]).toEqual(['INVALID_PAYLOAD', 'itemId']);
    expect(mismatch.issues?.[0]?.reason).toEqual({ code: 'not-the-criticism-item' });
    expect((await refusal(issue({ itemId: 'item-99' }))).code).toBe('NOT_FOUND');
    const state = await commands.state(sessionId);
    const issuedHere = state.directiveOrder.filter((id) => state.directives[id]!.carriedFromSessionId === null);
    expect(issuedHere.map((id) => state.directives[id]!.itemId)).toEqual([null, 'item-4', 'item-4']);
  });

  test('rehearsal 10: an inspection order goes to an inspector about a unit; the inspector acknowledges and files the findings', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const issued = await run(byRole.chair, {
      type: 'directive:issue',
      payload: { ...inspect, subjectUnitId: 'eastfield-cement', inspectorId: byRole.inspector.id },
    });
    expect(issued.events[0]!.payload).toMatchObject({
      assigneeUnitId: 'eastfield-cement',
      subjectUnitId: 'eastfield-cement',
      inspectorId: byRole.inspector.id,
    });
    const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
    // The inspected unit does not act on its own inspection.
    const presenterRefused = await refusal(
      run(byRole.presenter, { type: 'directive:acknowledge', payload: { directiveId } }),
    );
    expect([presenterRefused.code, presenterRefused.message]).toEqual([
      'FORBIDDEN',
      expect.stringMatching(/inspector it is assigned to/),
    ]);
    await run(byRole.inspector, { type: 'directive:acknowledge', payload: { directiveId } });
    await run(byRole.inspector, {
      type: 'directive:answer',
      payload: { directiveId, text: 'Clinker books checked: 4,000 t counted twice.' },
    });
    expect((await commands.state(sessionId)).directives[directiveId]).toMatchObject({
      status: 'answered',
      steps: [
        { action: 'acknowledged' },
        { action: 'answered', text: 'Clinker books checked: 4,000 t counted twice.' },
      ],
    });

    // To an inspection office: the office's unit holds it, about another unit.
    const office = await run(byRole.chair, {
      type: 'directive:issue',
      payload: { ...inspect, assigneeUnitId: 'northern-province', subjectUnitId: 'coal-mine-3' },
    });
    expect(office.events[0]!.payload).toMatchObject({
      assigneeUnitId: 'northern-province',
      subjectUnitId: 'coal-mine-3',
    });
  });

  test('rehearsal 10: an inspection order names an inspector of the session, and only inspections name one', async () => {
    const { run, byRole } = await demoWorld();
    const notInspector = await refusal(
      run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, inspectorId: byRole.official.id } }),
    );
    expect([notInspector.code, notInspector.issues?.[0]?.path]).toEqual(['INVALID_PAYLOAD', 'inspectorId']);
    expect(notInspector.issues?.[0]?.reason).toEqual({ code: 'not-an-inspector' });
    const notInspection = await refusal(
      run(byRole.chair, {
        type: 'directive:issue',
        payload: { ...inspect, kind: 'corrective-plan', inspectorId: byRole.inspector.id },
      }),
    );
    expect([notInspection.code, notInspection.issues?.[0]?.path]).toEqual(['INVALID_PAYLOAD', 'inspectorId']);
    expect(notInspection.issues?.[0]?.reason).toEqual({ code: 'only-for-inspection' });
    const noSubject = await refusal(
      run(byRole.chair, {
        type: 'directive:issue',
        payload: { ...inspect, kind: 'other', subjectUnitId: 'coal-mine-3' },
      }),
    );
    expect(noSubject.issues).toMatchObject([{ path: 'subjectUnitId', reason: { code: 'only-for-inspection' } }]);
    const unknown = await refusal(
      run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, subjectUnitId: 'nowhere' } }),
    );
    expect([unknown.code, unknown.issues]).toEqual([
      'NOT_FOUND',
      [{ path: 'subjectUnitId', message: 'unknown unit', reason: { code: 'unknown-unit' } }],
    ]);
    const noAssignee = await refusal(
      run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, assigneeUnitId: 'nowhere' } }),
    );
    expect(noAssignee.issues).toMatchObject([{ path: 'assigneeUnitId', reason: { code: 'unknown-unit' } }]);
  });

  test('rehearsal 8: a due date before the day of issue is refused on the dueDate field; the day itself is accepted', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld(manualClock('2026-04-13T09:00:00.000Z').clock);
    const before = (await commands.state(sessionId)).directiveOrder.length;
    const past = await refusal(
      run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, dueDate: '2026-04-01' } }),
    );
    expect(past.code).toBe('INVALID_PAYLOAD');
    expect(past.issues).toEqual([
      {
        path: 'dueDate',
        message: 'The due date 2026-04-01 is past: choose 2026-04-12 or later.',
        reason: { code: 'due-date-past', earliest: '2026-04-12' },
      },
    ]);
    expect((await commands.state(sessionId)).directiveOrder).toHaveLength(before);
    await run(byRole.chair, { type: 'directive:issue', payload: { ...inspect, dueDate: '2026-04-13' } });
    expect((await commands.state(sessionId)).directiveOrder).toHaveLength(before + 1);
  });
});

describe('a step the directive no longer takes', () => {
  test('is refused with where it stands, for the assignee to read, not a bare conflict', async () => {
    const { run, byRole } = await demoWorld();
    const { chair, presenter } = byRole;
    const issued = await run(chair, explain);
    const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
    const reason = async (actor: typeof chair, command: Command) => {
      const refused = await refusal(run(actor, command));
      expect(refused.code).toBe('CONFLICT');
      return refused.refusal;
    };
    const blocked = (blocker: string) => ({
      kind: 'directive-blocked',
      blocker,
      directive: 'Explain the cement shortfall',
      holder: null,
    });
    const acknowledge: Command = { type: 'directive:acknowledge', payload: { directiveId } };
    const answer: Command = { type: 'directive:answer', payload: { directiveId, text: 'Kiln 2 was down.' } };
    const forward: Command = { type: 'directive:forward', payload: { directiveId, remarks: null } };

    expect(await reason(presenter, forward)).toEqual(blocked('explanation-not-filed'));
    await run(presenter, acknowledge);
    expect(await reason(presenter, acknowledge)).toEqual(blocked('already-acknowledged'));
    await run(presenter, answer);
    expect(await reason(presenter, answer)).toEqual(blocked('answer-under-review'));
    await run(chair, forward);
    expect(await reason(chair, forward)).toEqual(blocked('explanation-arrived'));
    await run(chair, { type: 'directive:review', payload: { directiveId, decision: 'accepted', note: null } });
    expect(await reason(presenter, answer)).toEqual(blocked('answer-accepted'));
    await run(chair, { type: 'directive:close', payload: { directiveId } });
    expect(await reason(presenter, acknowledge)).toEqual(blocked('directive-closed'));
    expect(await reason(presenter, answer)).toEqual(blocked('directive-closed'));
  });

  test('an order other than an explanation is not forwarded up the line', async () => {
    const { run, byRole } = await demoWorld();
    const issued = await run(byRole.chair, {
      type: 'directive:issue',
      payload: { ...inspect, kind: 'corrective-plan' },
    });
    const directiveId = (issued.events[0]!.payload as { directiveId: string }).directiveId;
    const refused = await refusal(
      run(byRole.presenter, { type: 'directive:forward', payload: { directiveId, remarks: null } }),
    );
    expect(refused.refusal).toMatchObject({ kind: 'directive-blocked', blocker: 'not-an-explanation' });
  });
});
