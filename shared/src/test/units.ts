import { newEvent, type Indicator, type NewEvent, type OrganisationUnit } from '../protocol/index.js';

/** `unit:added` of a state enterprise named `id` in capitals, with any field overridden. */
export function unitAdded(id: string, over: Partial<OrganisationUnit> = {}): NewEvent {
  return newEvent('unit:added', {
    unit: {
      id,
      name: id.toUpperCase(),
      kind: 'enterprise',
      parentId: null,
      ownership: 'state',
      sector: 'S',
      class: null,
      region: 'R',
      ...over,
    },
  });
}

/** `report:submitted` by `unitId` of one production indicator, `p` (Output, in t). */
export function productionReport(unitId: string, planned: number, reported: number): NewEvent {
  const output: Indicator = {
    id: 'p',
    name: 'Output',
    measure: 't',
    planned,
    reported,
    weight: 1,
    isProduction: true,
    previous: null,
    partOf: null,
  };
  return newEvent('report:submitted', { unitId, note: null, indicators: [output] });
}
