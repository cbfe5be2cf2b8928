import { foldEvents, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { heldDemoWorld } from '../test/recordsMeeting.js';
import { directivesTable, warningsTable } from './tables.js';

/** The demo after the records' meeting, with its log. */
async function heldDemo() {
  const world = await heldDemoWorld();
  const state = await world.commands.state(world.sessionId);
  const log = await world.store.read(world.sessionId, 0, Number.MAX_SAFE_INTEGER);
  const table = warningsTable(state, { lang: 'en', role: 'chair', unitId: null, dayId: null });
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column.header, row[i]])));
  return { state, log, rows };
}

describe('the records’ tables', () => {
  test('a warning proposed and waived is a row of its own: proposed, waived, the reason as the decision note', async () => {
    const { state, rows } = await heldDemo();
    const [unitId, waiver] = Object.entries(state.waivers)[0]!;
    const waived = rows.find((row) => row.Unit === state.units[unitId]!.name && row.Status === 'Waived');
    expect(waived).toEqual({
      'Warning id': null,
      Unit: state.units[unitId]!.name,
      Origin: 'Proposed',
      Period: state.definition!.period,
      Status: 'Waived',
      Fulfilment: waiver.fulfilment,
      Threshold: state.definition!.thresholds.warningBelow,
      'Issued at': null,
      Note: null,
      'Decision note': waiver.reason,
      'Decided at': new Date(waiver.at),
    });
  });

  test('a warning escalated at its second review is decided when the escalation was logged', async () => {
    const { log, rows } = await heldDemo();
    const escalation = log.find(
      (event): event is Extract<SessionEvent, { type: 'warning:escalated' }> => event.type === 'warning:escalated',
    )!;
    const escalated = rows.find((row) => row['Warning id'] === escalation.payload.warningId);
    expect(escalated).toMatchObject({
      Origin: 'Carried over',
      Status: 'Escalated',
      'Decision note': escalation.payload.note,
      'Decided at': new Date(escalation.at),
    });
  });

  test('a warning taken back is a row of its own: withdrawn, why as the decision note, when as the decided time', async () => {
    const { state, log, rows } = await heldDemo();
    const [taken] = state.reconsidered;
    const withdrawal = log.find((event) => event.type === 'warning:reconsidered')!;
    expect(rows.find((row) => row['Warning id'] === taken!.warningId)).toMatchObject({
      Unit: state.units[taken!.unitId]!.name,
      Origin: 'Issued here',
      Status: 'Withdrawn',
      'Issued at': new Date(taken!.decidedAt),
      'Decision note': 'Issued before the ministry’s order on the kiln was read out.',
      'Decided at': new Date(withdrawal.at),
    });
  });

  test('a second review taken back is a row of its own beside the warning, open again', async () => {
    const world = await heldDemoWorld();
    const escalated = Object.values((await world.commands.state(world.sessionId)).warnings).find(
      (w) => w.status === 'escalated',
    )!;
    await world.run(world.byRole.chair, {
      type: 'warning:reopen',
      payload: { warningId: escalated.id, reason: 'Escalated on the unrevised figure.' },
    });
    const state = await world.commands.state(world.sessionId);
    const table = warningsTable(state, { lang: 'en', role: 'chair', unitId: null, dayId: null });
    const rows = table.rows
      .map((row) => Object.fromEntries(table.columns.map((column, i) => [column.header, row[i]])))
      .filter((row) => row['Warning id'] === escalated.id);
    expect(rows).toMatchObject([
      { Origin: 'Carried over', Status: 'Open', 'Decision note': null, 'Decided at': null },
      {
        Origin: 'Carried over',
        Period: escalated.period,
        Status: 'Escalation withdrawn',
        Note: escalated.note,
        'Decision note': 'Escalated on the unrevised figure.',
      },
    ]);
  });
});

describe('the directives table', () => {
  test('an inspection names the unit inspected and the inspector it is assigned to, with the findings filed; an explanation who holds it up the line', async () => {
    const world = await heldDemoWorld();
    const state = await world.commands.state(world.sessionId);
    const inspector = Object.values(state.participants).find((p) => p.role === 'inspector')!;
    const steel = Object.values(state.units).find((u) => u.name === 'Riverside Steel Works')!;
    const at = '2026-04-13T10:40:00.000Z';
    const envelope = { sessionId: state.sessionId, at, actorId: inspector.id };
    const next = foldEvents(state, [
      {
        ...envelope,
        seq: state.lastSeq + 1,
        type: 'directive:issued',
        payload: {
          directiveId: 'd-inspect',
          kind: 'inspection',
          assigneeUnitId: inspector.unitId!,
          subjectUnitId: steel.id,
          inspectorId: inspector.id,
          title: 'Inspect the rolling mill',
          text: null,
          dueDate: '2026-04-30',
          fromCriticismId: null,
          orderedByUnitId: null,
          itemId: null,
        },
      },
      {
        ...envelope,
        seq: state.lastSeq + 2,
        type: 'directive:answered',
        payload: { directiveId: 'd-inspect', text: 'Rolled products overstated by 14,500 t.' },
      },
    ]);
    const table = directivesTable(next, { lang: 'en', role: 'chair', unitId: null, dayId: null }, '2026-04-20');
    const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column.header, row[i]])));
    expect(table.columns.map((c) => c.header)).not.toContain('Owner');
    expect(rows.find((row) => row['Directive id'] === 'd-inspect')).toMatchObject({
      Unit: 'Riverside Steel Works',
      'Assigned to': inspector.name,
      'Held by': null,
      Answer: 'Rolled products overstated by 14,500 t.',
      'Answered by': inspector.name,
      'Answered at': new Date(at),
    });
    // The coal shortfall's explanation went up to the county, which holds it now.
    expect(rows.find((row) => row.Title === 'Explain the fourth-quarter coal shortfall')).toMatchObject({
      Unit: 'Northern Coal Mine No. 3',
      'Assigned to': 'Northern Coal Mine No. 3',
      'Held by': 'Eastfield County',
    });
    const ko = directivesTable(next, { lang: 'ko', role: 'chair', unitId: null, dayId: null }, '2026-04-20');
    expect(ko.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['단위', '담당', '현재 보유 단위', '답변']));
  });
});
