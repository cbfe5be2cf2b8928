import { z } from 'zod';
import { IdSchema, InstantSchema, IsoDateSchema, Limits, NameSchema, PeriodSchema } from './common.js';

/** One day of a multi-day review. */
export const SessionDaySchema = z.object({
  id: IdSchema,
  date: IsoDateSchema,
  title: NameSchema,
});
export type SessionDay = z.infer<typeof SessionDaySchema>;

/** Thresholds that decide who gets a warning. */
export const ThresholdsSchema = z.object({
  /** Fulfilment of the production indicator below this share (0..1) earns a warning. */
  warningBelow: z.number().min(0).max(1),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** Default thresholds: under 70 % of planned production gets a warning. */
export const defaultThresholds: Thresholds = { warningBelow: 0.7 };

/** What a convened review is: title, period, days, thresholds, conference link. */
export const ReviewSessionDefinitionSchema = z.object({
  title: NameSchema,
  period: PeriodSchema,
  /** Organisation running the review, e.g. "Northern Province Committee". */
  organisation: NameSchema,
  days: z.array(SessionDaySchema).min(1).max(Limits.daysPerSession),
  thresholds: ThresholdsSchema,
  conferenceLink: z
    .url({ protocol: /^https?$/ })
    .max(Limits.nameLength * 2)
    .nullable(),
  createdAt: InstantSchema,
});
export type ReviewSessionDefinition = z.infer<typeof ReviewSessionDefinitionSchema>;
