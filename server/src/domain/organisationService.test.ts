import type { OrganisationUnit } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { parseUnitCsv } from '../http/routes/organisations.js';
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

describe('organisation register', () => {
  test('bulk import adds, updates and skips unchanged units, parents first', async () => {
    const { commands } = await demoWorld();
    const register = new OrganisationService(commands);
    expect(await register.importUnits('north', [province, county], 'admin')).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await register.importUnits('north', [province, { ...county, name: 'Renamed' }], 'admin')).toEqual({
      added: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await register.units('north')).map((u) => u.name)).toEqual(['Province', 'Renamed']);
    expect(await register.units('south')).toEqual([]);
  });

  test('a unit whose parent is not registered refuses the whole list', async () => {
    const { commands } = await demoWorld();
    const register = new OrganisationService(commands);
    const error = await refusal(register.importUnits('north', [county, province], 'admin'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.issues).toEqual([{ path: 'units.0.parentId', message: 'unknown parent' }]);
    expect(await register.units('north')).toEqual([]);
  });

  test('CSV rows become units; empty parent and class cells mean none', () => {
    const csv =
      'id,name,kind,parentId,ownership,sector,class,region\np,Province,province,,state,Administration,,North\n';
    expect(parseUnitCsv(csv)).toEqual([{ ...province }]);
  });
});
