import {
  IdSchema,
  OrganisationUnitSchema,
  type AnswerData,
  type ImportPreview,
  type OrganisationUnit,
} from '@plenum/shared';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AdminService } from '../../domain/adminService.js';
import { DomainError } from '../../domain/errors.js';
import type { OrganisationService, TableRow } from '../../domain/organisationService.js';
import type { Clock } from '../../domain/ports.js';
import { requireAdmin, type HttpAuth } from '../middleware/auth.js';
import { Unprocessable } from '../problem.js';
import { cellText, csvTable, nonEmpty, requireColumns, unitFileColumns, xlsxTable, xlsxType } from '../tables.js';

const JsonUnitsSchema = z.object({ units: z.array(z.record(z.string(), z.unknown())).min(1).max(2000) });

/** A JSON unit's fields as the cells of a table row. */
function jsonRow(unit: Record<string, unknown>, i: number): TableRow {
  return { line: i + 1, cells: Object.fromEntries(Object.entries(unit).map(([key, value]) => [key, cellText(value)])) };
}

/**
 * The rows of the request's body: CSV text or an XLSX workbook (refused as a whole when it holds
 * no unit or its header lacks the register's columns), or JSON `{ units }`.
 */
async function bodyRows(req: Request): Promise<TableRow[]> {
  if (!Buffer.isBuffer(req.body) && typeof req.body !== 'string') {
    return JsonUnitsSchema.parse(req.body).units.map(jsonRow);
  }
  const rows = nonEmpty(Buffer.isBuffer(req.body) ? await xlsxTable(req.body) : csvTable(req.body), 'unit');
  requireColumns(rows, unitFileColumns);
  return rows;
}

/** The organisation a path names, when it is the deployment's own; NOT_FOUND otherwise. */
export async function deploymentOrganisation(admin: AdminService, organisationId: string): Promise<string> {
  if (organisationId !== (await admin.organisationId())) {
    throw new DomainError('NOT_FOUND', `There is no organisation ${organisationId} here.`);
  }
  return organisationId;
}

export interface OrganisationRoutesOptions {
  organisations: OrganisationService;
  admin: AdminService;
  auth: HttpAuth;
  clock: Clock;
}

/**
 * The organisation's register of units (administrators): list, add or change one unit (a move
 * is a change of parent), retire one, and import a file (CSV, XLSX or JSON): previewed row by
 * row and column by column, applied only when every row is valid.
 */
export function organisationRoutes(options: OrganisationRoutesOptions): Router {
  const router = Router();
  const files = [express.text({ type: 'text/csv', limit: '512kb' }), express.raw({ type: xlsxType, limit: '2mb' })];
  const base = '/api/organisations/:organisationId/units';

  /** Signs the administrator in and checks the path names the deployment's organisation. */
  async function signIn(req: Request) {
    const signed = await requireAdmin(req, options.auth);
    const organisationId = await deploymentOrganisation(options.admin, IdSchema.parse(req.params.organisationId));
    return { signed, organisationId };
  }

  router.get(base, async (req, res) => {
    const { organisationId } = await signIn(req);
    res.json({
      ok: true,
      data: { units: await options.organisations.registered(organisationId) } satisfies AnswerData<'units'>,
    });
  });

  router.post(`${base}/preview`, ...files, async (req, res) => {
    const { organisationId } = await signIn(req);
    const rows = await bodyRows(req);
    res.json({ ok: true, data: await options.organisations.previewImport(organisationId, rows) });
  });

  router.post(base, ...files, async (req, res) => {
    const { signed, organisationId } = await signIn(req);
    const rows = await bodyRows(req);
    const preview: ImportPreview = await options.organisations.importRows(organisationId, rows, signed.id);
    if (!preview.valid) throw Unprocessable.rows(preview.counts.invalid, preview);
    res.json({ ok: true, data: preview });
  });

  router.put(`${base}/:unitId`, async (req, res) => {
    const { signed, organisationId } = await signIn(req);
    const unit: OrganisationUnit = OrganisationUnitSchema.parse({ ...req.body, id: req.params.unitId });
    const effect = await options.organisations.saveUnit(organisationId, unit, signed.id);
    res
      .status(effect === 'add' ? 201 : 200)
      .json({ ok: true, data: { unit, effect } satisfies AnswerData<'unitSaved'> });
  });

  router.post(`${base}/:unitId/retire`, async (req, res) => {
    const { signed, organisationId } = await signIn(req);
    const unitId = IdSchema.parse(req.params.unitId);
    await options.organisations.retireUnit(organisationId, unitId, signed.id, options.clock.now().toISOString());
    res.json({ ok: true, data: { unitId } });
  });
  return router;
}
