import { IdSchema, OrganisationUnitSchema } from '@plenum/shared';
import { parse } from 'csv-parse/sync';
import express, { Router } from 'express';
import { z } from 'zod';
import type { OrganisationService } from '../../domain/organisationService.js';
import { requireAdmin } from '../middleware/auth.js';

const maxUnits = 2000;
const UnitListSchema = z.object({ units: z.array(OrganisationUnitSchema).min(1).max(maxUnits) });

/** CSV columns, in this order, with a header row: the glossary's attributes of a unit. */
export const unitCsvColumns = ['id', 'name', 'kind', 'parentId', 'ownership', 'sector', 'class', 'region'] as const;

/** Parses a CSV list of units; empty `parentId` and `class` cells mean none. */
export function parseUnitCsv(text: string): unknown[] {
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  return rows.map((row) => ({
    ...row,
    parentId: row.parentId ? row.parentId : null,
    class: row.class ? row.class : null,
  }));
}

/**
 * The organisation's register of units (admin): `POST …/units` adds or updates units in bulk
 * from JSON `{ units }` or from CSV (`text/csv`, columns {@link unitCsvColumns}); `GET …/units`
 * lists them.
 */
export function organisationRoutes(options: { organisations: OrganisationService; adminToken: string | null }): Router {
  const router = Router();
  const csv = express.text({ type: 'text/csv', limit: '512kb' });

  router.post('/api/organisations/:organisationId/units', csv, async (req, res) => {
    requireAdmin(req, options.adminToken);
    const organisationId = IdSchema.parse(req.params.organisationId);
    const body: unknown = typeof req.body === 'string' ? { units: parseUnitCsv(req.body) } : req.body;
    const { units } = UnitListSchema.parse(body);
    const result = await options.organisations.importUnits(organisationId, units, 'admin');
    res.status(200).json({ ok: true, data: result });
  });

  router.get('/api/organisations/:organisationId/units', async (req, res) => {
    requireAdmin(req, options.adminToken);
    const organisationId = IdSchema.parse(req.params.organisationId);
    res.json({ ok: true, data: { units: await options.organisations.units(organisationId) } });
  });

  return router;
}
