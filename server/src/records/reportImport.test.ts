import { describe, expect, test } from 'vitest';
import { csvTable } from '../http/tables.js';
import { demoWorld } from '../test/demoWorld.js';
import { previewReportImport, reportImportCommandId } from './reportImport.js';

const chair = { role: 'chair', unitId: null } as const;

describe('the import of plans and results', () => {
  test('Korean headers and labels, figures with thousands separators and yes/no are read; a unit’s note and an indicator’s part-of are kept', async () => {
    const world = await demoWorld();
    const state = await world.commands.state(world.sessionId);
    const [unitId, report] = Object.entries(state.reports)[0]!;
    const indicator = report.indicators[0]!;
    const text = [
      '단위 ID,지표 ID,지표,측정 단위,방향,생산 지표,가중치,계획,보고치,전기 실적',
      `${unitId},${indicator.id},${indicator.name},${indicator.measure},"낮을수록 좋음(상한, 예: 비용)",yes,2,"12,500",13000,`,
    ].join('\n');
    const preview = previewReportImport(state, chair, csvTable(text));
    expect(preview.rows[0]!.errors).toEqual([]);
    expect(preview.reports).toEqual([
      {
        unitId,
        note: report.note,
        indicators: [
          expect.objectContaining({
            direction: 'lower-is-better',
            planned: 12500,
            reported: 13000,
            isProduction: true,
            weight: 2,
            previous: null,
          }),
        ],
      },
    ]);
    expect(preview.reports[0]!.indicators[0]!.partOf).toBe(indicator.partOf);
  });

  test('a report-wide problem is told on each of the unit’s rows, and nothing is to be submitted', async () => {
    const world = await demoWorld();
    const state = await world.commands.state(world.sessionId);
    const unitId = Object.keys(state.reports)[0]!;
    const text = [
      'Unit id,Indicator id,Indicator,Measure,Production,Planned,Reported',
      `${unitId},a,Steel,t,true,10,9`,
      `${unitId},a,Iron,t,false,10,9`,
    ].join('\n');
    const preview = previewReportImport(state, chair, csvTable(text));
    expect(preview.valid).toBe(false);
    expect(preview.reports).toEqual([]);
    expect(preview.rows.map((r) => r.errors.map((e) => e.column))).toEqual([['Indicator id'], ['Indicator id']]);
  });

  test('a command id fits the protocol and differs by file and importer', () => {
    const id = reportImportCommandId('a,b', 'chair-1');
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(reportImportCommandId('a,b', 'chair-1')).toBe(id);
    expect(new Set([id, reportImportCommandId('a,c', 'chair-1'), reportImportCommandId('a,b', 'p')]).size).toBe(3);
  });
});
