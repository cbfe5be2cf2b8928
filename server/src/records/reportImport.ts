import { createHash } from 'node:crypto';
import {
  canIssue,
  IndicatorSchema,
  ReportSubmissionSchema,
  type Indicator,
  type NewEvent,
  type Participant,
  type ReportImportPreview,
  type ReportImportRow,
  type ReportSubmission,
  type RowProblem,
  type SessionState,
} from '@plenum/shared';
import { z } from 'zod';
import { decideSubmitReport } from '../domain/decide/report.js';
import { DomainError } from '../domain/errors.js';
import type { TableRow } from '../domain/organisationService.js';
import { rowProblemOf } from '../domain/rowProblems.js';
import { recordLanguages, recordWords } from './i18n.js';

/** Who imports: a presenter only their own unit's rows; the chair or an administrator any unit of the session. */
export type ReportImporter = Pick<Participant, 'role' | 'unitId'>;

/** The columns of `results.csv` an import reads; the others (fulfilment, flags…) are derived and ignored. */
export const reportImportColumns = [
  'unitId',
  'indicatorId',
  'indicator',
  'measure',
  'direction',
  'production',
  'weight',
  'planned',
  'reported',
  'previous',
] as const;
export type ReportImportColumn = (typeof reportImportColumns)[number];

/** `?map=`: which header of the file holds each column, where it differs from the export's. */
export const ReportImportMapSchema = z.partialRecord(z.enum(reportImportColumns), z.string().min(1).max(200));
export type ReportImportMap = z.infer<typeof ReportImportMapSchema>;

const directions = ['higher-is-better', 'lower-is-better'] as const;

/** Each column's names as the export writes them in every record language, and its key, lower-cased. */
function knownHeaders(column: ReportImportColumn): string[] {
  return [column, ...recordLanguages.map((lang) => recordWords(lang).t(`columns.${column}`))].map((h) =>
    h.toLowerCase(),
  );
}

/** The file's header for each column: the mapped one, else the first header matching a known name. */
function headersOf(rows: readonly TableRow[], map: ReportImportMap): Record<ReportImportColumn, string> {
  const fileHeaders = [...new Set(rows.flatMap((row) => Object.keys(row.cells)))];
  return Object.fromEntries(
    reportImportColumns.map((column) => {
      const mapped = map[column];
      const found = fileHeaders.find((h) =>
        mapped === undefined
          ? knownHeaders(column).includes(h.toLowerCase())
          : h.toLowerCase() === mapped.toLowerCase(),
      );
      return [column, found ?? mapped ?? recordWords('en').t(`columns.${column}`)];
    }),
  ) as Record<ReportImportColumn, string>;
}

/**
 * A direction as the export writes it (its label in any record language) or as the protocol names
 * it. Absent means higher-is-better: an indicator without one keeps none when the file says so.
 */
function directionOf(cell: string | null, current: Indicator['direction']): string | undefined {
  if (cell === null) return current;
  const lower = cell.toLowerCase();
  const direction = directions.find(
    (d) =>
      d === lower ||
      recordLanguages.some((lang) => recordWords(lang).t(`labels.direction.${d}`).toLowerCase() === lower),
  );
  if (direction === undefined) return cell;
  return direction === 'higher-is-better' && current === undefined ? undefined : direction;
}

const booleans: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

/** A number cell as a number; text that is not one stays text, so the schema names it. */
function numberOf(cell: string | null): number | string | null {
  if (cell === null) return null;
  const value = Number(cell.replace(/[\s,]/g, ''));
  return Number.isFinite(value) ? value : cell;
}

interface CheckedRow {
  row: ReportImportRow;
  indicator: Indicator | null;
}

/** One row: the unit it names may be imported by this importer, and its indicator is valid. */
function checkRow(
  state: SessionState,
  importer: ReportImporter,
  headers: Record<ReportImportColumn, string>,
  row: TableRow,
): CheckedRow {
  const cell = (column: ReportImportColumn) => row.cells[headers[column]] ?? null;
  const errors: RowProblem[] = [];
  const unitId = cell('unitId');
  if (unitId === null) {
    errors.push({ column: headers.unitId, message: 'Required', problem: 'required' });
  } else if (!state.units[unitId]) {
    errors.push({
      column: headers.unitId,
      message: `There is no unit ${unitId} in the session.`,
      problem: 'unknown-unit',
    });
  } else if (importer.role === 'presenter' && importer.unitId !== unitId) {
    errors.push({
      column: headers.unitId,
      message: 'A presenter imports the report of their own unit only.',
      problem: 'not-your-unit',
    });
  }
  const indicatorId = cell('indicatorId');
  const current = state.reports[unitId ?? '']?.indicators.find((i) => i.id === indicatorId);
  const production = cell('production');
  const fields = {
    id: indicatorId,
    name: cell('indicator'),
    measure: cell('measure'),
    direction: directionOf(cell('direction'), current?.direction),
    isProduction: production === null ? undefined : (booleans[production.toLowerCase()] ?? production),
    weight: numberOf(cell('weight')) ?? undefined,
    planned: numberOf(cell('planned')),
    reported: numberOf(cell('reported')),
    previous: numberOf(cell('previous')),
    // Not a column of the export: a known indicator keeps the total it is a part of.
    partOf: current?.partOf ?? null,
  };
  const parsed = IndicatorSchema.safeParse(fields);
  const columnOf: Record<string, ReportImportColumn> = {
    id: 'indicatorId',
    name: 'indicator',
    isProduction: 'production',
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'id');
      const column = columnOf[key] ?? (key as ReportImportColumn);
      errors.push(rowProblemOf(issue, headers[column] ?? column, cell(column)));
    }
  }
  return {
    row: { line: row.line, unitId, indicatorId, errors },
    indicator: parsed.success && errors.length === 0 ? parsed.data : null,
  };
}

/**
 * Checks a results file row by row and column by column, and groups its rows into one report per
 * unit, in the order units first appear. A unit's note stays as submitted before. Valid only
 * when every row and every report is.
 */
export function previewReportImport(
  state: SessionState,
  importer: ReportImporter,
  rows: readonly TableRow[],
  map: ReportImportMap = {},
): ReportImportPreview {
  const headers = headersOf(rows, map);
  const checked = rows.map((row) => checkRow(state, importer, headers, row));
  const byUnit = new Map<string, CheckedRow[]>();
  for (const entry of checked) {
    const unitId = entry.row.unitId;
    if (unitId !== null && state.units[unitId]) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), entry]);
  }
  const reports: ReportSubmission[] = [];
  for (const [unitId, entries] of byUnit) {
    if (entries.some((e) => e.indicator === null)) continue;
    const parsed = ReportSubmissionSchema.safeParse({
      unitId,
      indicators: entries.map((e) => e.indicator),
      note: state.reports[unitId]?.note ?? null,
    });
    if (parsed.success) {
      reports.push(parsed.data);
      continue;
    }
    // A report-wide complaint (two production indicators, a repeated id…) is told on each of the unit's rows.
    for (const entry of entries) {
      for (const issue of parsed.error.issues) {
        entry.row.errors.push(rowProblemOf(issue, headers.indicatorId, entry.row.indicatorId));
      }
    }
  }
  const valid = checked.length > 0 && checked.every((c) => c.row.errors.length === 0);
  return { valid, rows: checked.map((c) => c.row), reports: valid ? reports : [] };
}

/**
 * Whose permissions an importer uses: an administrator imports for every unit as the chair does;
 * the others by their own role (a presenter their own unit, the chair any).
 */
export function importsAs(importer: ReportImporter): ReportImporter {
  return importer.role === 'administrator' ? { role: 'chair', unitId: null } : importer;
}

/**
 * The events of applying a whole file: each unit's `report:submitted`, decided on the state as it
 * is when the file is applied (a session closed since the preview refuses the whole file, and a
 * refused unit refuses every other one with it).
 */
export function reportImportEvents(
  state: SessionState,
  importer: ReportImporter,
  reports: readonly ReportSubmission[],
): NewEvent[] {
  const actor = importsAs(importer);
  if (!canIssue(actor.role, 'report:submit', state.status)) {
    throw new DomainError('FORBIDDEN', `The session is ${state.status}: reports can no longer be submitted.`);
  }
  return reports.flatMap((report) => decideSubmitReport(state, report, { actor }));
}

/** The command id of a file's import: the same file retried by the same person submits nothing twice. */
export function reportImportCommandId(file: string | Buffer, actorId: string): string {
  const hash = createHash('sha256').update(file).update(`\0${actorId}`).digest('hex');
  return `import-${hash.slice(0, 40)}`;
}
