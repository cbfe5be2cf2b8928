import { z } from 'zod';
import { IdSchema, NameSchema, OrganisationUnitSchema, SessionStatus, WarningStatus } from './schemas/index.js';

/**
 * Trends across quarters: a unit's figures in each period of a chain of review sessions (each
 * following up the one before through `previousSessionId`), and the warnings each period issued
 * and decided. The schemas of `GET /api/v1/sessions/{sessionId}/trends` and of the pure functions
 * in `domain/trends.ts` that make it.
 */

/** One unit in one period: its figures as that period's session recorded them. */
export const UnitPeriodSchema = z.object({
  period: z.string(),
  sessionId: IdSchema,
  /** Production fulfilment, the verified value winning over the reported one; null without a production figure. */
  production: z.number().nullable(),
  /** Production fulfilment from the reported value alone: what the unit claimed. */
  reportedProduction: z.number().nullable(),
  /** Weighted fulfilment over every indicator; null when none has one. */
  overall: z.number().nullable(),
  /**
   * The production indicator's reporting gap as a share of the larger of the reported and
   * verified figures (positive: the report overstated); null until verified.
   */
  reportingGap: z.number().nullable(),
  /** The warning threshold of that period's session (0..1). */
  threshold: z.number().min(0).max(1),
  isUnderThreshold: z.boolean(),
  /** The kinds of the flags that fired on the unit's report, each once: a `FlagKind` of the shared domain. */
  flags: z.array(z.string()),
  /** A warning was issued to the unit in this period's session. */
  isWarned: z.boolean(),
  /** The warning from the period before, as this period's second review left it; null when none was carried. */
  secondReview: z.enum(WarningStatus).nullable(),
});
export type UnitPeriod = z.infer<typeof UnitPeriodSchema>;

/** Consecutive quarters, up to the latest of the chain, in which a unit stayed under a threshold. */
export const StreakSchema = z.object({
  /** How many quarters in a row, the latest included (at least 1). */
  quarters: z.number().int().min(1),
  /** The latest period's threshold, which every quarter of the streak was under. */
  threshold: z.number().min(0).max(1),
  from: z.string(),
  to: z.string(),
});
export type Streak = z.infer<typeof StreakSchema>;

/** One unit's series across the chain, oldest period first. */
export const UnitTrendSchema = z.object({
  unit: OrganisationUnitSchema,
  points: z.array(UnitPeriodSchema),
  /** Null when the unit is not under the threshold in the latest period. */
  streak: StreakSchema.nullable(),
});
export type UnitTrend = z.infer<typeof UnitTrendSchema>;

/** What one period's session did with warnings. */
export const WarningPeriodSchema = z.object({
  period: z.string(),
  sessionId: IdSchema,
  /** Warnings issued by this session. */
  issued: z.number().int().min(0),
  /** Warnings carried in from the period before. */
  carried: z.number().int().min(0),
  /** Carried warnings this session lifted. */
  lifted: z.number().int().min(0),
  /** Carried warnings this session escalated. */
  escalated: z.number().int().min(0),
  /** Units under the threshold whose warning the chair waived. */
  waived: z.number().int().min(0),
});
export type WarningPeriod = z.infer<typeof WarningPeriodSchema>;

/** One session of the chain. */
export const TrendPeriodSchema = z.object({
  period: z.string(),
  sessionId: IdSchema,
  title: NameSchema,
  status: z.enum(SessionStatus),
  threshold: z.number().min(0).max(1),
});
export type TrendPeriod = z.infer<typeof TrendPeriodSchema>;

/** `GET /api/v1/sessions/{sessionId}/trends`: the chain up to this session, oldest period first. */
export const TrendsSchema = z.object({
  sessionId: IdSchema,
  organisation: NameSchema,
  periods: z.array(TrendPeriodSchema),
  /** Every unit with a report in some period: this session's units in its order, then earlier ones. */
  units: z.array(UnitTrendSchema),
  warnings: z.array(WarningPeriodSchema),
});
export type Trends = z.infer<typeof TrendsSchema>;
