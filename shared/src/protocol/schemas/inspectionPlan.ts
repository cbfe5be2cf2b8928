import { z } from 'zod';
import { Limits } from '../limits.js';
import { IdSchema, IsoDateSchema, NameSchema, TextSchema } from './common.js';

/** The longest text a flag's figures carry: the names of every indicator of a report (exactly on plan). */
const flagTextLength = Limits.indicatorsPerReport * (Limits.nameLength + 2);

/** Why a unit is proposed for inspection; each reason adds its weight to the unit's risk score. */
export const InspectionReasonKind = {
  /** A top performer on paper: the inspector verified less than was reported (or more, for a cost). */
  overstated: 'overstated',
  /** Figures that look fitted: several indicators exactly on plan, or parts that do not add up. */
  onPaperPattern: 'on-paper-pattern',
  /** A jump against the previous period's figure (a drop, for a cost) beyond the session's factor. */
  jump: 'jump',
  /** Production fulfilment under the session's warning threshold. */
  underThreshold: 'under-threshold',
  /** Figures revised late: after the notice was published, or after the unit presented. */
  revisedLate: 'revised-late',
  /** No figure of the unit verified in the last quarters, where that history is known. */
  notVerifiedRecently: 'not-verified-recently',
} as const;
export type InspectionReasonKind = (typeof InspectionReasonKind)[keyof typeof InspectionReasonKind];

/** A reason a unit is on the plan: its kind, its weight in the score, and the figures behind it. */
export const InspectionReasonSchema = z.object({
  kind: z.enum(InspectionReasonKind),
  weight: z.number().finite().min(0),
  /** The report flag it comes from, when it comes from one. */
  flag: z
    .object({
      kind: z.string().max(60),
      indicatorId: IdSchema.nullable(),
      params: z.record(z.string(), z.union([z.number(), z.string().max(flagTextLength)])),
    })
    .nullable(),
  /** The figures of a reason that comes from no flag (fulfilment and threshold; quarters unverified). */
  params: z.record(z.string(), z.union([z.number(), z.string().max(200)])),
});
export type InspectionReason = z.infer<typeof InspectionReasonSchema>;

/** What the chair decided about a proposed line. */
export const InspectionLineDecision = {
  /** Accepted (as proposed or edited): an inspection order was issued. */
  accepted: 'accepted',
  /** Dropped by the chair. */
  dropped: 'dropped',
  /** Ranked past the office's capacity and not taken instead of another line. */
  beyondCapacity: 'beyond-capacity',
} as const;
export type InspectionLineDecision = (typeof InspectionLineDecision)[keyof typeof InspectionLineDecision];

/** The chair's decision on one line of the proposed plan; an accepted line says what the order is. */
export const InspectionLineChoiceSchema = z.discriminatedUnion('decision', [
  z.object({
    unitId: IdSchema,
    decision: z.literal('accepted'),
    title: NameSchema,
    /** The inspector the order is assigned to; null when an office (or the unit itself) carries it out. */
    inspectorId: IdSchema.nullable(),
    /** The inspection office (a unit) the order goes to instead of an inspector; null: none. */
    officeUnitId: IdSchema.nullable().default(null),
    dueDate: IsoDateSchema,
    note: TextSchema.nullable(),
  }),
  z.object({ unitId: IdSchema, decision: z.literal('dropped') }),
]);
export type InspectionLineChoice = z.infer<typeof InspectionLineChoiceSchema>;

/** One line of an adopted plan as the record keeps it: the proposal, the score and the decision. */
export const InspectionPlanLineSchema = z.object({
  unitId: IdSchema,
  /** 1 for the riskiest unit. */
  rank: z.number().int().min(1),
  score: z.number().finite().min(0),
  reasons: z.array(InspectionReasonSchema).max(100),
  decision: z.enum(InspectionLineDecision),
  /** The inspection order an accepted line became. */
  directiveId: IdSchema.nullable(),
});
export type InspectionPlanLine = z.infer<typeof InspectionPlanLineSchema>;

/** How many inspections an office can take on for one plan. */
export const inspectionCapacityLimit = 200;
