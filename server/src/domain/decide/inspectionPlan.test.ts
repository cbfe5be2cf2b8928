import { proposeInspectionPlan, type Command, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld, refusal } from '../../test/demoWorld.js';

const accept = (unitId: string, inspectorId: string | null, officeUnitId: string | null = null) => ({
  unitId,
  decision: 'accepted' as const,
  title: `Inspect ${unitId}`,
  inspectorId,
  officeUnitId,
  dueDate: '2026-05-15',
  note: 'Count on site.',
});

const adopt = (capacity: number, lines: Extract<Command, { type: 'inspection-plan:adopt' }>['payload']['lines']) =>
  ({ type: 'inspection-plan:adopt', payload: { capacity, lines } }) as const;

describe('inspection plan', () => {
  test('on the demo, the overstated fisheries and the units under 70 % come first; accepted lines become orders to the inspector', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const state: SessionState = await commands.state(sessionId);
    const plan = proposeInspectionPlan(state, { capacity: 2 });
    expect(plan.lines.slice(0, 3).map((l) => l.unitId)).toEqual([
      'harbour-fisheries',
      'coal-mine-3',
      'eastfield-cement',
    ]);
    expect(plan.lines[0]!.reasons.map((r) => r.kind)).toEqual(['overstated', 'on-paper-pattern']);
    expect(plan.lines[1]!.reasons.map((r) => r.kind)).toContain('under-threshold');

    const inspector = byRole.inspector;
    const outcome = await run(
      byRole.chair,
      adopt(2, [
        accept('harbour-fisheries', inspector.id),
        { unitId: 'coal-mine-3', decision: 'dropped' },
        accept('eastfield-cement', null, 'eastfield-county'),
      ]),
    );
    expect(outcome.events.map((e) => e.type)).toEqual([
      'directive:issued',
      'directive:issued',
      'inspection-plan:adopted',
    ]);
    const after: SessionState = await commands.state(sessionId);
    const recorded = after.inspectionPlans[0]!;
    expect(recorded.capacity).toBe(2);
    expect(recorded.lines.slice(0, 3).map((l) => [l.unitId, l.decision])).toEqual([
      ['harbour-fisheries', 'accepted'],
      ['coal-mine-3', 'dropped'],
      ['eastfield-cement', 'accepted'],
    ]);
    const order = after.directives[recorded.lines[0]!.directiveId!]!;
    expect(order).toMatchObject({
      kind: 'inspection',
      assigneeUnitId: 'harbour-fisheries',
      subjectUnitId: 'harbour-fisheries',
      inspectorId: inspector.id,
      text: 'Count on site.',
      status: 'open',
    });
    // An order to an inspection office goes to the office, about the inspected unit.
    expect(after.directives[recorded.lines[2]!.directiveId!]).toMatchObject({
      assigneeUnitId: 'eastfield-county',
      subjectUnitId: 'eastfield-cement',
      inspectorId: null,
    });
    // Under inspection now: the next plan leaves both out.
    expect(proposeInspectionPlan(after, { capacity: 2 }).lines.map((l) => l.unitId)).not.toContain('harbour-fisheries');
  });

  test('a plan adopted while an order is open records the capacity the chair set, not what is left of it', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    await run(byRole.chair, adopt(1, [accept('harbour-fisheries', byRole.inspector.id)]));
    const state: SessionState = await commands.state(sessionId);
    const left = proposeInspectionPlan(state, { capacity: 3 });
    expect([left.capacity, left.ordersOpen]).toEqual([2, 1]);
    await run(byRole.chair, adopt(3, [accept(left.lines[0]!.unitId, byRole.inspector.id)]));
    expect((await commands.state(sessionId)).inspectionPlans.at(-1)!.capacity).toBe(3);
  });

  test('refusals: over capacity, a unit not on the plan, not an inspector, an inspector and an office, a past due date, not the chair; nothing is appended', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const head = (await commands.state(sessionId)).lastSeq;
    const chair = byRole.chair;
    const over = await refusal(run(chair, adopt(1, [accept('harbour-fisheries', null), accept('coal-mine-3', null)])));
    expect([over.code, over.message]).toEqual(['CONFLICT', expect.stringMatching(/capacity of 1/)]);
    expect((await refusal(run(chair, adopt(3, [accept('provincial-transport', null)])))).code).toBe('CONFLICT');
    expect((await refusal(run(chair, adopt(3, [accept('coal-mine-3', byRole.official.id)])))).code).toBe(
      'INVALID_PAYLOAD',
    );
    const both = accept('coal-mine-3', byRole.inspector.id, 'eastfield-county');
    const toBoth = await refusal(run(chair, adopt(3, [accept('harbour-fisheries', null), both])));
    expect([toBoth.code, toBoth.issues]).toMatchObject([
      'INVALID_PAYLOAD',
      [{ path: 'lines.1.inspectorId', reason: { code: 'inspector-or-office' } }],
    ]);
    const past = { ...accept('coal-mine-3', null), dueDate: '2026-01-01' };
    expect((await refusal(run(chair, adopt(3, [past])))).code).toBe('INVALID_PAYLOAD');
    expect((await refusal(run(byRole.inspector, adopt(3, [accept('coal-mine-3', null)])))).code).toBe('FORBIDDEN');
    expect((await commands.state(sessionId)).lastSeq).toBe(head);
    // Negative control: the same plan within its capacity is adopted.
    await run(chair, adopt(3, [accept('coal-mine-3', null)]));
    expect((await commands.state(sessionId)).lastSeq).toBe(head + 2);
  });

  test('a plan that accepts no line, every line dropped or none sent, is refused naming the lines; nothing is appended', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const head = (await commands.state(sessionId)).lastSeq;
    for (const lines of [[{ unitId: 'harbour-fisheries', decision: 'dropped' as const }], []]) {
      const empty = await refusal(run(byRole.chair, adopt(2, lines)));
      expect([empty.code, empty.refusal]).toEqual([
        'INVALID_PAYLOAD',
        { kind: 'empty-inspection-plan', field: 'lines' },
      ]);
    }
    expect((await commands.state(sessionId)).lastSeq).toBe(head);
    expect((await commands.state(sessionId)).inspectionPlans).toEqual([]);
  });
});
