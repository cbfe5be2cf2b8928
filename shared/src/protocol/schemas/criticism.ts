import { z } from 'zod';
import { IdSchema, TextSchema } from './common.js';

/** What a criticism is about. */
export const CriticismCategory = {
  inflatedReport: 'inflated-report',
  paperOnly: 'paper-only',
  shortfall: 'shortfall',
  discipline: 'discipline',
  supply: 'supply',
  other: 'other',
} as const;
export type CriticismCategory = (typeof CriticismCategory)[keyof typeof CriticismCategory];

/** How grave the point is. */
export const Severity = { low: 'low', medium: 'medium', high: 'high' } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** What an official writes when raising a point against the unit on the floor. */
export const CriticismDraftSchema = z.object({
  itemId: IdSchema,
  category: z.enum(CriticismCategory),
  severity: z.enum(Severity),
  /** The indicator the point is about, if any. */
  indicatorId: IdSchema.nullable(),
  text: TextSchema,
});
export type CriticismDraft = z.infer<typeof CriticismDraftSchema>;

/** The chair's ruling on a criticism. */
export const CriticismRuling = {
  /** The point stands; it goes into the minutes as upheld. */
  upheld: 'upheld',
  /** The point does not stand. */
  dismissed: 'dismissed',
  /** Referred elsewhere (e.g. to an inspection) for a decision. */
  referred: 'referred',
} as const;
export type CriticismRuling = (typeof CriticismRuling)[keyof typeof CriticismRuling];
