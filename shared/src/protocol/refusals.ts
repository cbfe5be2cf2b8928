import { z } from 'zod';
import { InstantSchema, IsoDateSchema } from './schemas/index.js';

/**
 * Why the domain refused a command, when the refusal has a reason a client should say in its
 * own words: the kind, the command field to change, and the facts to name. Read by the client
 * to tell the real reason; a refusal without one is explained by its error code alone.
 */
export const RefusalSchema = z.discriminatedUnion('kind', [
  z.object({
    /** `agenda:extend-time` was computed from an allotment that another tab or chair already extended. */
    kind: z.literal('time-already-extended'),
    field: z.literal('expectedMinutes'),
    /** The item's allotted minutes now (planned plus every extension). */
    allottedMinutes: z.number().int().min(0),
    /** When the item's time runs out now, while its clock runs; null while it is paused. */
    endsAt: InstantSchema.nullable(),
  }),
  z.object({
    /** The notice is dated after the first day of the review. */
    kind: z.literal('notice-after-first-day'),
    field: z.literal('noticeDate'),
    noticeDate: IsoDateSchema,
    firstDay: IsoDateSchema,
  }),
  z.object({
    /** A day may not move before the day ahead of it or after the day behind it. */
    kind: z.literal('day-out-of-order'),
    field: z.literal('date'),
    /** The date the day must come after (the previous day's), if any. */
    after: IsoDateSchema.nullable(),
    /** The date the day must come before (the next day's), if any. */
    before: IsoDateSchema.nullable(),
  }),
  z.object({
    /** The first day may not move before the published notice. */
    kind: z.literal('day-before-notice'),
    field: z.literal('date'),
    noticeDate: IsoDateSchema,
  }),
]);
export type Refusal = z.infer<typeof RefusalSchema>;
