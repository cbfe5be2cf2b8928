import { newEvent, type NewEvent, type OrganisationUnit } from '@plenum/shared';
import type { CommandService } from './commandService.js';
import { DomainError } from './errors.js';

/** The log that holds an organisation's hierarchy, reused by each of its review sessions. */
export function organisationStream(organisationId: string): string {
  return `org-${organisationId}`;
}

/** What a bulk import did. */
export interface UnitImport {
  added: number;
  updated: number;
  unchanged: number;
}

function sameUnit(a: OrganisationUnit, b: OrganisationUnit): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/**
 * The organisation's register of units. It is an event log of its own (`unit:added` events,
 * folded by the shared reducer), so every change to the hierarchy is kept with who and when.
 */
export class OrganisationService {
  constructor(private readonly commands: CommandService) {}

  /**
   * Adds or updates units in one append. Parents must be registered already or come earlier
   * in the list; the whole list is refused if one of them does not resolve.
   */
  async importUnits(organisationId: string, units: readonly OrganisationUnit[], actorId: string): Promise<UnitImport> {
    const counts: UnitImport = { added: 0, updated: 0, unchanged: 0 };
    await this.commands.appendSystem(organisationStream(organisationId), actorId, (state) => {
      const known = new Map(Object.entries(state.units));
      const events: NewEvent[] = [];
      for (const [i, unit] of units.entries()) {
        if (unit.parentId !== null && !known.has(unit.parentId)) {
          throw new DomainError(
            'NOT_FOUND',
            `Row ${i + 1} (${unit.id}): parent unit ${unit.parentId} is not registered.`,
            [{ path: `units.${i}.parentId`, message: 'unknown parent' }],
          );
        }
        const existing = known.get(unit.id);
        if (existing && sameUnit(existing, unit)) {
          counts.unchanged++;
          continue;
        }
        if (existing) counts.updated++;
        else counts.added++;
        known.set(unit.id, unit);
        events.push(newEvent('unit:added', { unit }));
      }
      return events;
    });
    return counts;
  }

  /** The registered units, parents before children. */
  async units(organisationId: string): Promise<OrganisationUnit[]> {
    const state = await this.commands.state(organisationStream(organisationId));
    return state.unitOrder.map((id) => state.units[id]!);
  }
}
