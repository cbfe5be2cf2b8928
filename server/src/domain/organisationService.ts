import {
  type RowProblem,
  newEvent,
  OrganisationUnitSchema,
  type ImportPreview,
  type ImportRow,
  type NewEvent,
  type OrganisationUnit,
  type RegisteredUnit,
  type SessionState,
} from '@plenum/shared';
import type { CommandService } from './commandService.js';
import { issueOfRowProblem, rowProblemOf } from './rowProblems.js';
import { DomainError } from './errors.js';

/** The log that holds an organisation's hierarchy, reused by each of its review sessions. */
export function organisationStream(organisationId: string): string {
  return `org-${organisationId}`;
}

/** True for the log of an organisation rather than of a review session. */
export function isOrganisationStream(streamId: string): boolean {
  return streamId.startsWith('org-');
}

/** One row of an imported table: its line in the file and its cells by column (empty cells null). */
export interface TableRow {
  line: number;
  cells: Record<string, string | null>;
}

/** What a change did to a unit of the register. */
export type UnitEffect = 'add' | 'update' | 'unchanged';

function sameUnit(a: OrganisationUnit, b: OrganisationUnit): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/** The unit's cells as the schema reads them: an empty parent or class is none. */
function unitFields(cells: TableRow['cells']): Record<string, unknown> {
  return { ...cells, parentId: cells.parentId ?? null, class: cells.class ?? null };
}

/**
 * Why `unit` cannot take its place under its parent in `known` (the register with the changes
 * before it), or null: the parent must be known and not retired, and never the unit itself or
 * one of its descendants.
 */
function placementProblem(
  unit: OrganisationUnit,
  known: ReadonlyMap<string, OrganisationUnit>,
  retired: Readonly<Record<string, string>>,
): RowProblem | null {
  if (unit.parentId === null) return null;
  const column = 'parentId';
  if (!known.has(unit.parentId)) {
    return {
      column,
      problem: 'unknown-parent',
      message: `unknown parent ${unit.parentId} (not registered, nor earlier in the file)`,
    };
  }
  if (retired[unit.parentId]) {
    return { column, problem: 'retired-parent', message: `the parent ${unit.parentId} is retired` };
  }
  for (let at: string | null = unit.parentId; at !== null; at = known.get(at)?.parentId ?? null) {
    if (at === unit.id) {
      return { column, problem: 'cycle', message: 'a unit cannot be placed under itself or one of its own units' };
    }
  }
  return null;
}

function effectOf(unit: OrganisationUnit, known: ReadonlyMap<string, OrganisationUnit>): UnitEffect {
  const existing = known.get(unit.id);
  if (!existing) return 'add';
  return sameUnit(existing, unit) ? 'unchanged' : 'update';
}

/** Checks every row and column of a table against the register `state`: the preview of applying it. */
function previewOf(state: SessionState, rows: readonly TableRow[]): ImportPreview {
  const known = new Map(Object.entries(state.units));
  const seen = new Set<string>();
  const counts = { add: 0, update: 0, unchanged: 0, invalid: 0 };
  const previewed = rows.map(({ line, cells }): ImportRow => {
    const parsed = OrganisationUnitSchema.safeParse(unitFields(cells));
    const errors: RowProblem[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const column = String(issue.path[0] ?? 'row');
          return rowProblemOf(issue, column, cells[column] ?? null);
        });
    const id = cells.id ?? '';
    if (id !== '' && seen.has(id)) {
      errors.push({ column: 'id', problem: 'duplicate-id', message: `${id} is already on an earlier line` });
    }
    seen.add(id);
    const unit = parsed.success ? parsed.data : null;
    const problem = unit && placementProblem(unit, known, state.retiredUnits);
    if (problem) errors.push(problem);
    if (!unit || errors.length > 0) {
      counts.invalid++;
      return { line, unit, effect: null, errors };
    }
    const effect = effectOf(unit, known);
    counts[effect]++;
    known.set(unit.id, unit);
    return { line, unit, effect, errors };
  });
  return { valid: counts.invalid === 0, rows: previewed, counts };
}

/**
 * The organisation's register of units. It is an event log of its own (`unit:added` events,
 * `unit:retired`, folded by the shared reducer), so every change to the hierarchy is kept with
 * who and when. Units are never deleted: a retired unit keeps its history.
 */
export class OrganisationService {
  constructor(private readonly commands: CommandService) {}

  /** What importing `rows` would do: each row's unit and effect, or what is wrong, column by column. */
  previewImport(organisationId: string, rows: readonly TableRow[]): Promise<ImportPreview> {
    return this.commands.read(organisationStream(organisationId), (state) => previewOf(state, rows));
  }

  /**
   * Applies a table to the register in one append, only when every row is valid (a parent
   * registered or earlier in the table); otherwise appends nothing. Returns the preview either way.
   */
  async importRows(organisationId: string, rows: readonly TableRow[], actorId: string): Promise<ImportPreview> {
    let preview: ImportPreview | null = null;
    await this.commands.appendSystem(organisationStream(organisationId), actorId, (state) => {
      preview = previewOf(state, rows);
      if (!preview.valid) return [];
      return preview.rows
        .filter((row) => row.effect !== 'unchanged')
        .map((row): NewEvent => newEvent('unit:added', { unit: row.unit! }));
    });
    return preview!;
  }

  /** {@link importRows} for units already parsed (the demo's, a JSON body); refuses when one is invalid. */
  async importUnits(
    organisationId: string,
    units: readonly OrganisationUnit[],
    actorId: string,
  ): Promise<ImportPreview> {
    const rows: TableRow[] = units.map((unit, i) => ({ line: i + 1, cells: { ...unit } }));
    const preview = await this.importRows(organisationId, rows, actorId);
    if (!preview.valid) {
      throw new DomainError(
        'INVALID_PAYLOAD',
        'Some units cannot be registered.',
        preview.rows.flatMap((row) =>
          row.errors.map((e) =>
            issueOfRowProblem(e, `units.${row.line - 1}.${e.column}`, rows[row.line - 1]?.cells[e.column] ?? null),
          ),
        ),
      );
    }
    return preview;
  }

  /** Adds a unit, or changes one (its name, attributes, or parent: a move). */
  async saveUnit(organisationId: string, unit: OrganisationUnit, actorId: string): Promise<UnitEffect> {
    let effect: UnitEffect = 'unchanged';
    await this.commands.appendSystem(organisationStream(organisationId), actorId, (state) => {
      const known = new Map(Object.entries(state.units));
      const problem = placementProblem(unit, known, state.retiredUnits);
      if (problem) {
        throw new DomainError('CONFLICT', `Unit ${unit.id} cannot go there: ${problem.message}.`, [
          issueOfRowProblem(problem, 'parentId', unit.parentId),
        ]);
      }
      effect = effectOf(unit, known);
      return effect === 'unchanged' ? [] : [newEvent('unit:added', { unit })];
    });
    return effect;
  }

  /** Retires a unit: kept with its history, offered for no new session. */
  async retireUnit(organisationId: string, unitId: string, actorId: string, at: string): Promise<void> {
    await this.commands.appendSystem(organisationStream(organisationId), actorId, (state) => {
      if (!state.units[unitId]) throw new DomainError('NOT_FOUND', `There is no unit ${unitId} in the register.`);
      if (state.retiredUnits[unitId]) throw new DomainError('CONFLICT', `Unit ${unitId} is already retired.`);
      return [newEvent('unit:retired', { unitId, at })];
    });
  }

  /** The register, parents before children, each unit with its standing. */
  registered(organisationId: string): Promise<RegisteredUnit[]> {
    return this.commands.read(organisationStream(organisationId), (state) =>
      state.unitOrder.map((id) => ({ unit: { ...state.units[id]! }, retiredAt: state.retiredUnits[id] ?? null })),
    );
  }

  /** The units a new session may take: the register without its retired units, parents first. */
  async units(organisationId: string): Promise<OrganisationUnit[]> {
    return (await this.registered(organisationId)).filter((u) => u.retiredAt === null).map((u) => u.unit);
  }
}
