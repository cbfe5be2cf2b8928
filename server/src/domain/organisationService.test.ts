import type { OrganisationUnit } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { csvTable } from '../http/tables.js';
import { demoWorld, refusal } from '../test/demoWorld.js';
import { OrganisationService } from './organisationService.js';

const province: OrganisationUnit = {
  id: 'p',
  name: 'Province',
  kind: 'province',
  parentId: null,
  ownership: 'state',
  sector: 'Administration',
  class: null,
  region: 'North',
};
const county: OrganisationUnit = { ...province, id: 'c', name: 'County', kind: 'county', parentId: 'p' };
const at = '2026-04-01T00:00:00.000Z';

async function register() {
  const { commands } = await demoWorld();
  return new OrganisationService(commands);
}

describe('organisation register', () => {
  test('bulk import adds, updates and skips unchanged units, parents first', async () => {
    const units = await register();
    expect((await units.importUnits('north', [province, county], 'admin')).counts).toEqual({
      add: 2,
      update: 0,
      unchanged: 0,
      invalid: 0,
    });
    expect((await units.importUnits('north', [province, { ...county, name: 'Renamed' }], 'admin')).counts).toEqual({
      add: 0,
      update: 1,
      unchanged: 1,
      invalid: 0,
    });
    expect((await units.units('north')).map((u) => u.name)).toEqual(['Province', 'Renamed']);
    expect(await units.units('south')).toEqual([]);
  });

  test('a unit whose parent is not registered refuses the whole list', async () => {
    const units = await register();
    const error = await refusal(units.importUnits('north', [county, province], 'admin'));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues).toEqual([
      {
        path: 'units.0.parentId',
        message: 'unknown parent p (not registered, nor earlier in the file)',
        reason: { code: 'unknown-parent', parentId: 'p' },
      },
    ]);
    const twice = await refusal(units.importUnits('north', [province, { ...province, name: 'Again' }], 'admin'));
    expect(twice.issues).toMatchObject([{ path: 'units.1.id', reason: { code: 'duplicate-unit-id', id: 'p' } }]);
    expect(await units.units('north')).toEqual([]);
  });

  test('the preview names each bad row’s line and column: schema, duplicate id, unknown parent', async () => {
    const units = await register();
    const csv = [
      'id,name,kind,parentId,ownership,sector,class,region',
      'p,Province,province,,state,Administration,,North',
      'c,County,county,p,collective,Administration,,North',
      'p,Again,province,,state,Administration,,North',
      'e,Enterprise,enterprise,nowhere,state,Steel,1st class,North',
    ].join('\n');
    const preview = await units.previewImport('north', csvTable(csv));
    expect(preview.valid).toBe(false);
    expect(preview.counts).toEqual({ add: 1, update: 0, unchanged: 0, invalid: 3 });
    expect(preview.rows.map((r) => [r.line, r.effect, r.errors.map((e) => e.column)])).toEqual([
      [2, 'add', []],
      [3, null, ['ownership']],
      [4, null, ['id']],
      [5, null, ['parentId']],
    ]);
    expect(await units.registered('north')).toEqual([]);
  });

  test('a move under the unit itself or one of its own is refused; a retired parent too; retiring keeps the unit', async () => {
    const units = await register();
    const city: OrganisationUnit = { ...county, id: 't', name: 'Town', kind: 'city', parentId: 'c' };
    await units.importUnits('north', [province, county, city], 'admin');
    const underItsOwn = await refusal(units.saveUnit('north', { ...county, parentId: 't' }, 'admin'));
    expect([underItsOwn.code, underItsOwn.issues]).toMatchObject([
      'CONFLICT',
      [{ path: 'parentId', reason: { code: 'parent-cycle' } }],
    ]);
    expect((await refusal(units.saveUnit('north', { ...county, parentId: 'c' }, 'admin'))).code).toBe('CONFLICT');
    expect(await units.saveUnit('north', { ...city, parentId: 'p' }, 'admin')).toBe('update');
    await units.retireUnit('north', 'c', 'admin', at);
    expect((await refusal(units.retireUnit('north', 'c', 'admin', at))).code).toBe('CONFLICT');
    const underRetired = await refusal(units.saveUnit('north', { ...city, parentId: 'c' }, 'admin'));
    expect([underRetired.code, underRetired.issues]).toMatchObject([
      'CONFLICT',
      [{ path: 'parentId', reason: { code: 'retired-parent', parentId: 'c' } }],
    ]);
    expect((await units.registered('north')).map((u) => [u.unit.id, u.retiredAt])).toEqual([
      ['p', null],
      ['c', at],
      ['t', null],
    ]);
    expect((await units.units('north')).map((u) => u.id)).toEqual(['p', 't']);
  });

  test('CSV rows become cells by column, empty cells null, with their line in the file', () => {
    const csv =
      'id,name,kind,parentId,ownership,sector,class,region\n\np,Province,province,,state,Administration,,North\n';
    expect(csvTable(csv)).toEqual([
      {
        line: 3,
        cells: {
          id: 'p',
          name: 'Province',
          kind: 'province',
          parentId: null,
          ownership: 'state',
          sector: 'Administration',
          class: null,
          region: 'North',
        },
      },
    ]);
  });
});
