import { newEvent, proposedWarnings } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld, refusal } from '../../test/demoWorld.js';

describe('warnings', () => {
  test('the session closes only after every proposed warning is issued or waived', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const state = await commands.state(sessionId);
    expect(proposedWarnings(state).map((p) => p.unitId)).toEqual(['coal-mine-3', 'eastfield-cement']);
    expect((await refusal(run(byRole.chair, { type: 'session:close', payload: {} }))).message).toMatch(
      /proposed warnings/,
    );
    expect(
      (await refusal(run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'riverside-steel', note: null } })))
        .message,
    ).toMatch(/not under the threshold/);
    await run(byRole.chair, {
      type: 'warning:issue',
      payload: { unitId: 'coal-mine-3', note: 'Second quarter running under plan.' },
    });
    await run(byRole.chair, {
      type: 'warning:waive',
      payload: { unitId: 'eastfield-cement', reason: 'Kiln rebuilt by order of the ministry.' },
    });
    expect(
      (await refusal(run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'coal-mine-3', note: null } })))
        .message,
    ).toMatch(/already decided/);
    await run(byRole.chair, { type: 'session:close', payload: {} });
    const closed = await commands.state(sessionId);
    expect(closed.status).toBe('closed');
    expect(Object.values(closed.days).every((d) => d.status !== 'open')).toBe(true);
    expect(closed.waivers['eastfield-cement']).toMatchObject({
      reason: 'Kiln rebuilt by order of the ministry.',
      fulfilment: 0.65,
    });
    // A closed session takes no more floor commands.
    expect((await refusal(run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-5' } }))).code).toBe(
      'FORBIDDEN',
    );
  });

  test('rehearsal 15: no warning is proposed or issued without a finite fulfilment', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    // Figures outside the protocol's ranges, as a log written before them may hold.
    await commands.appendSystem(sessionId, 'system', () => [
      newEvent('report:submitted', {
        unitId: 'greenvale-textiles',
        note: null,
        indicators: [
          {
            id: 'fabric',
            name: 'Fabric',
            measure: 't',
            planned: 5e-324,
            reported: -1,
            weight: 1,
            isProduction: true,
            previous: null,
            partOf: null,
          },
        ],
      }),
    ]);
    const state = await commands.state(sessionId);
    expect(proposedWarnings(state).map((p) => p.unitId)).not.toContain('greenvale-textiles');
    expect(proposedWarnings(state).every((p) => Number.isFinite(p.fulfilment))).toBe(true);
    expect(
      (
        await refusal(
          run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'greenvale-textiles', note: null } }),
        )
      ).message,
    ).toMatch(/not under the threshold/);
  });

  test('carried warnings are lifted or escalated at the second review, once', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const state = await commands.state(sessionId);
    const carried = Object.values(state.warnings);
    expect(carried.map((w) => [w.unitId, w.status, w.period])).toEqual([
      ['coal-mine-3', 'open', '2025-Q4'],
      ['hillside-agriculture', 'open', '2025-Q4'],
    ]);
    const secondReview = state.agendaOrder.map((id) => state.agenda[id]!).filter((i) => i.warningId !== null);
    expect(secondReview.map((i) => [i.unitId, i.dayId])).toEqual([
      ['coal-mine-3', 'day-1'],
      ['hillside-agriculture', 'day-1'],
    ]);
    const [coal, hillside] = carried;
    await run(byRole.chair, {
      type: 'warning:escalate',
      payload: { warningId: coal!.id, note: 'Still at 62 %: remove the director.' },
    });
    await run(byRole.chair, { type: 'warning:lift', payload: { warningId: hillside!.id, note: 'Up to 78 %.' } });
    expect(
      (await refusal(run(byRole.chair, { type: 'warning:lift', payload: { warningId: coal!.id, note: 'x' } }))).message,
    ).toMatch(/already escalated/);
    const after = await commands.state(sessionId);
    expect([after.warnings[coal!.id]!.status, after.warnings[hillside!.id]!.status]).toEqual(['escalated', 'lifted']);

    // The escalation taken back: open again, to be decided anew; the escalation kept for the record.
    const reopen = (warningId: string) =>
      run(byRole.chair, {
        type: 'warning:reopen',
        payload: { warningId, reason: 'Escalated on last month’s figure.' },
      });
    await reopen(coal!.id);
    expect((await refusal(reopen(coal!.id))).message).toMatch(/neither lifted nor escalated/);
    expect((await refusal(reopen('w-none'))).code).toBe('NOT_FOUND');
    const reopened = await commands.state(sessionId);
    expect(reopened.warnings[coal!.id]).toMatchObject({ status: 'open', decisionNote: null, decidedAt: null });
    expect(reopened.reconsidered).toMatchObject([
      { warningId: coal!.id, decision: 'escalated', text: 'Still at 62 %: remove the director.' },
    ]);
    await run(byRole.chair, { type: 'warning:lift', payload: { warningId: coal!.id, note: 'Up to 71 % in March.' } });
    expect((await commands.state(sessionId)).warnings[coal!.id]!.status).toBe('lifted');
    // A warning issued here is taken back as the proposal's decision, not reopened.
    await run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'eastfield-cement', note: null } });
    const issuedHere = Object.values((await commands.state(sessionId)).warnings).find(
      (w) => w.carriedFromSessionId === null,
    )!;
    expect((await refusal(reopen(issuedHere.id))).message).toMatch(/taken back as a proposal’s decision/);
  });

  test('a decision on a proposed warning is taken back with a reason; the carried warning of the same unit stays', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const reconsider = (unitId: string) =>
      run(byRole.chair, { type: 'warning:reconsider', payload: { unitId, reason: 'Decided on the wrong unit.' } });
    expect((await refusal(reconsider('coal-mine-3'))).message).toMatch(/No warning of this unit was issued or waived/);
    expect((await refusal(reconsider('atlantis'))).code).toBe('NOT_FOUND');
    const carriedId = Object.values((await commands.state(sessionId)).warnings)[0]!.id;
    await run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'coal-mine-3', note: null } });
    await run(byRole.chair, {
      type: 'warning:waive',
      payload: { unitId: 'eastfield-cement', reason: 'Kiln rebuilt.' },
    });
    await reconsider('coal-mine-3');
    await reconsider('eastfield-cement');
    const state = await commands.state(sessionId);
    expect(Object.values(state.warnings).map((w) => [w.id === carriedId, w.unitId, w.status])).toEqual([
      [true, 'coal-mine-3', 'open'],
      [false, 'hillside-agriculture', 'open'],
    ]);
    expect(state.waivers).toEqual({});
    expect(state.reconsidered.map((r) => [r.unitId, r.decision, r.reason])).toEqual([
      ['coal-mine-3', 'issued', 'Decided on the wrong unit.'],
      ['eastfield-cement', 'waived', 'Decided on the wrong unit.'],
    ]);
    expect(proposedWarnings(state).map((p) => p.unitId)).toEqual(['coal-mine-3', 'eastfield-cement']);
    // Decided again, the session closes; then nothing is taken back.
    await run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'coal-mine-3', note: null } });
    await run(byRole.chair, { type: 'warning:issue', payload: { unitId: 'eastfield-cement', note: null } });
    await run(byRole.chair, { type: 'session:close', payload: {} });
    expect((await refusal(reconsider('coal-mine-3'))).code).toBe('FORBIDDEN');
  });
});
