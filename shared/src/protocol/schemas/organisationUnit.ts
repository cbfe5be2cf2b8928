import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';

/** Kinds of node in the reporting hierarchy, from the centre down. */
export const UnitKind = {
  centre: 'centre',
  province: 'province',
  city: 'city',
  county: 'county',
  enterprise: 'enterprise',
  department: 'department',
} as const;
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];

/** Who runs a unit; the review compares these against each other. */
export const Ownership = {
  state: 'state',
  private: 'private',
  cooperative: 'cooperative',
  joint: 'joint',
} as const;
export type Ownership = (typeof Ownership)[keyof typeof Ownership];

/** A node of the reporting hierarchy: a province, a county, an enterprise, a department. */
export const OrganisationUnitSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  kind: z.enum(UnitKind),
  parentId: IdSchema.nullable(),
  ownership: z.enum(Ownership),
  sector: NameSchema,
  /** Enterprise grade, e.g. "1st class"; null for administrative units. */
  class: NameSchema.nullable(),
  region: NameSchema,
});
export type OrganisationUnit = z.infer<typeof OrganisationUnitSchema>;
