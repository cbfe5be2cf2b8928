import { z } from 'zod';
import { defaultThresholds } from '../thresholds.js';
import { IdSchema, InstantSchema, IsoDateSchema, Limits, NameSchema, PeriodSchema } from './common.js';
import { schemaMessages } from './messages.js';

/** Where a review session stands: `draft` → `noticed` → `in-session` → `closed`. */
export const SessionStatus = {
  /** Being prepared by the chair; participants may already be invited. */
  draft: 'draft',
  /** The notice is published: the schedule is fixed and visible to every invitee. */
  noticed: 'noticed',
  /** At least one day has been opened. */
  inSession: 'in-session',
  /** Closed by the chair; warnings decided; the record is final. */
  closed: 'closed',
} as const;
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];

/** A time of day, `HH:MM` (24 hours), in the organisation's local time. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, schemaMessages.timeOfDay);

/** One day of a multi-day review. */
export const SessionDaySchema = z.object({
  id: IdSchema,
  date: IsoDateSchema,
  /** The day's theme, e.g. "Industry and energy". */
  title: NameSchema,
  /** When the day starts; absent or null: not set. */
  startTime: TimeOfDaySchema.nullable().optional(),
  /** When the day should end; the agenda builder warns when the timeboxes run past it. */
  plannedEnd: TimeOfDaySchema.nullable().optional(),
});
export type SessionDay = z.infer<typeof SessionDaySchema>;

/** Thresholds that decide who gets a warning. */
export const ThresholdsSchema = z.object({
  /** Fulfilment of the production indicator below this share (0..1) earns a warning. */
  warningBelow: z.number().min(0).max(1),
  /** A reported value above the previous period's by more than this factor is flagged. */
  jumpFactor: z.number().min(1).max(100).default(defaultThresholds.jumpFactor),
  /**
   * A reporting gap larger than this share (0..1) of the larger of the reported and verified
   * figures is flagged "on paper", whatever the plan. Sessions logged before it existed read 5 %.
   */
  reportingGap: z.number().min(0).max(1).default(defaultThresholds.reportingGap),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

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
  /** The unit that convenes the review; explanations travel up the line to it. Null: the top of the hierarchy. */
  organiserUnitId: IdSchema.nullable().default(null),
  /** The session of the previous period this one follows up (warnings, directives), if any. */
  previousSessionId: IdSchema.nullable().default(null),
  /**
   * The higher level's closed review this session follows up down the line (a cascade): the
   * directives and warnings about this level's units came from there, and the explanations given
   * here travel back into its record. Absent or null: not a cascade.
   */
  cascadeFromSessionId: IdSchema.nullable().optional(),
});
export type ReviewSessionDefinition = z.infer<typeof ReviewSessionDefinitionSchema>;
