import { z } from 'zod';
import { IdSchema, Limits, NameSchema, PlannedSchema, QuantitySchema, TextSchema } from './common.js';
import { schemaMessages } from './messages.js';

/** One figure of a unit's report: what was planned, what was reported, what was verified. */
export const IndicatorSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  /** Unit of measure, e.g. "t", "units", "%". */
  measure: NameSchema.max(Limits.measureLength),
  planned: PlannedSchema,
  reported: QuantitySchema,
  /** Weight in the overall fulfilment; 1 when not given. */
  weight: z.number().finite().min(0).max(1000).default(1),
  /** The production indicator decides warnings; at most one per report. */
  isProduction: z.boolean().default(false),
  /** What the unit achieved on this indicator in the previous period, if known. */
  previous: QuantitySchema.nullable().default(null),
  /** The indicator this one is a part of; the parts of a total must add up to it. */
  partOf: IdSchema.nullable().default(null),
  /**
   * Which way is better. A cost, a loss or an accident count is `lower-is-better`: its plan is
   * a ceiling, and coming in under it fulfils the plan. Absent (as in reports logged before it
   * existed) means `higher-is-better`.
   */
  direction: z.enum(['higher-is-better', 'lower-is-better']).optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;
export type IndicatorDirection = NonNullable<Indicator['direction']>;

/** A unit's plan and results for the period, as its presenter submits them. */
export const ReportSubmissionSchema = z
  .object({
    unitId: IdSchema,
    indicators: z.array(IndicatorSchema).min(1).max(Limits.indicatorsPerReport),
    note: TextSchema.nullable(),
  })
  .refine((r) => r.indicators.filter((i) => i.isProduction).length <= 1, {
    message: schemaMessages.oneProduction,
    path: ['indicators'],
  })
  .refine((r) => new Set(r.indicators.map((i) => i.id)).size === r.indicators.length, {
    message: schemaMessages.uniqueIndicators,
    path: ['indicators'],
  })
  .refine(
    (r) =>
      r.indicators.every(
        (i) => i.partOf === null || (i.partOf !== i.id && r.indicators.some((t) => t.id === i.partOf)),
      ),
    {
      message: schemaMessages.partOf,
      path: ['indicators'],
    },
  );

/** An inspector's verified value for one indicator, with the finding and the evidence. */
export const VerificationSchema = z.object({
  unitId: IdSchema,
  indicatorId: IdSchema,
  verified: QuantitySchema,
  finding: TextSchema,
  evidence: TextSchema.nullable(),
});
export type Verification = z.infer<typeof VerificationSchema>;
export type ReportSubmission = z.infer<typeof ReportSubmissionSchema>;
