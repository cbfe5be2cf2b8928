import { describe, expect, test } from 'vitest';
import { demoWorld } from '../test/demoWorld.js';
import { holdDemoMeeting } from '../test/recordsMeeting.js';
import { warningsTable } from './tables.js';

describe('the records’ tables', () => {
  test('a warning proposed and waived is a row of its own: proposed, waived, the reason as the decision note', async () => {
    const world = await demoWorld();
    await holdDemoMeeting(
      (actor, command) => world.run(actor, command),
      world.byRole,
      () => world.commands.state(world.sessionId),
    );
    const state = await world.commands.state(world.sessionId);
    const [unitId, waiver] = Object.entries(state.waivers)[0]!;
    const table = warningsTable(state, { lang: 'en', role: 'chair', unitId: null, dayId: null });
    const cellsOf = (row: (typeof table.rows)[number]) =>
      Object.fromEntries(table.columns.map((column, i) => [column.header, row[i]]));
    const waived = table.rows
      .map(cellsOf)
      .find((row) => row.Unit === state.units[unitId]!.name && row.Status === 'Waived');
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
});
