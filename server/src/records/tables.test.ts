import { criticismsInOrder, foldEvents, type SessionEvent, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { heldDemoWorld } from '../test/recordsMeeting.js';
import type { RecordsScope } from './access.js';
import { criticismsTable, directivesTable, verificationsTable, warningsTable, type RecordTable } from './tables.js';

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

/** Folds events after the state's last, each at its own time and by its actor. */
function after(state: SessionState, events: { type: string; payload: unknown; at: string; actorId: string }[]) {
  return foldEvents(
    state,
    events.map((e, i) => ({ seq: state.lastSeq + 1 + i, sessionId: state.sessionId, ...e }) as SessionEvent),
  );
}

/** A table's rows keyed by their headers. */
const rowsOf = (table: RecordTable) =>
  table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column.header, row[i]])));

const scope = (role: RecordsScope['role'], lang: RecordsScope['lang'] = 'en'): RecordsScope => ({
  lang,
  role,
  unitId: null,
  dayId: null,
});

describe('the verifications table', () => {
  test('each verification a row, oldest first: the value, the one it replaced, when, by whom, the finding; one after the item closed marked', async () => {
    const world = await heldDemoWorld();
    const state = await world.commands.state(world.sessionId);
    const steel = Object.values(state.units).find((u) => u.name === 'Riverside Steel Works')!;
    const rolled = state.reports[steel.id]!.indicators.find((i) => i.name === 'Rolled products')!;
    const inspector = Object.values(state.participants).find((p) => p.role === 'inspector')!;
    const later = after(state, [
      {
        type: 'report:verified',
        payload: { unitId: steel.id, indicatorId: rolled.id, verified: 65_000, finding: 'Recounted.', evidence: null },
        at: '2026-04-14T10:40:00.000Z',
        actorId: inspector.id,
      },
    ]);
    const rows = rowsOf(verificationsTable(later, scope('official'))).filter(
      (row) => row['Indicator id'] === rolled.id,
    );
    expect(rows).toEqual([
      {
        'Unit id': steel.id,
        Unit: steel.name,
        'Indicator id': rolled.id,
        Indicator: 'Rolled products',
        Measure: 't',
        Reported: 84_500,
        Verified: 70_000,
        'Replaced value': null,
        'Verified at': new Date('2026-04-13T09:00:00.000Z'),
        Inspector: inspector.name,
        Finding: 'Rolled products counted at dispatch include 14,500 t returned as defective.',
        'After the item closed': false,
        Current: false,
      },
      expect.objectContaining({
        Verified: 65_000,
        'Replaced value': 70_000,
        'Verified at': new Date('2026-04-14T10:40:00.000Z'),
        Finding: 'Recounted.',
        'After the item closed': true,
        Current: true,
      }),
    ]);
    // A unit never verified has no row; every row is of a verified indicator.
    const all = rowsOf(verificationsTable(later, scope('chair')));
    expect(all.every((row) => typeof row.Verified === 'number')).toBe(true);
    expect(verificationsTable(later, scope('chair', 'ko')).columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(['검증 시각', '검사관', '이전 검증치', '안건 종료 후']),
    );
  });
});

describe('the criticisms table', () => {
  test('a criticism’s hidings follow its columns: the one in force, how many, each with who and when; the reason only in the chair’s', async () => {
    const world = await heldDemoWorld();
    const state = await world.commands.state(world.sessionId);
    const chair = Object.values(state.participants).find((p) => p.role === 'chair')!;
    const hidden = criticismsInOrder(state).find((c) => c.hidden !== null)!;
    const first = hidden.hidings[0]!;
    const firstBy = state.participants[first.actorId]!.name;
    const again = after(state, [
      {
        type: 'criticism:unhidden',
        payload: { criticismId: hidden.id },
        at: '2026-04-13T10:40:00.000Z',
        actorId: chair.id,
      },
      {
        type: 'criticism:hidden',
        payload: { criticismId: hidden.id, reason: 'The remarks again.' },
        at: '2026-04-13T10:50:00.000Z',
        actorId: chair.id,
      },
    ]);
    const row = (role: RecordsScope['role']) => {
      const table = criticismsTable(again, scope(role));
      // The columns it always had keep their places; the hidings come after them.
      expect(table.columns.map((c) => c.key).slice(-5)).toEqual([
        'referredTo',
        'hiddenAt',
        'hiddenBy',
        'timesHidden',
        'hidings',
      ]);
      return rowsOf(table).find((r) => r['Criticism id'] === hidden.id);
    };
    const inForce = { Hidden: true, 'Hidden at': new Date('2026-04-13T10:50:00.000Z'), 'Hidden by': chair.name };
    expect(row('chair')).toMatchObject({
      ...inForce,
      'Hide reason': 'The remarks again.',
      'Times hidden': 2,
      Hidings:
        `Hidden ${first.at.slice(0, 10)} ${first.at.slice(11, 16)} by ${firstBy}: ${first.reason}; shown again 2026-04-13 10:40 by ${chair.name}\n` +
        `Hidden 2026-04-13 10:50 by ${chair.name}: The remarks again.`,
    });
    expect(row('official')).toMatchObject({
      ...inForce,
      'Hide reason': null,
      'Times hidden': 2,
      Hidings:
        `Hidden ${first.at.slice(0, 10)} ${first.at.slice(11, 16)} by ${firstBy}; shown again 2026-04-13 10:40 by ${chair.name}\n` +
        `Hidden 2026-04-13 10:50 by ${chair.name}`,
    });
    // Never hidden: no hiding to tell.
    const never = rowsOf(criticismsTable(again, scope('chair'))).find((r) => r['Criticism id'] !== hidden.id);
    expect(never).toMatchObject({
      Hidden: false,
      'Hidden at': null,
      'Hidden by': null,
      'Times hidden': 0,
      Hidings: null,
    });
  });
});
