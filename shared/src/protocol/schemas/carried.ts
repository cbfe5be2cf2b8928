import { z } from 'zod';
import { IdSchema, InstantSchema, NameSchema, TextSchema } from './common.js';
import { DirectiveDraftSchema, DirectiveStatus } from './directive.js';
import { WarningStatus } from './warning.js';

/** One step of a directive's way up the line. */
export const DirectiveStepSchema = z.object({
  /** `acknowledged`, `answered`, `forwarded`, `accepted`, `rejected`, `closed`, `reassigned`. */
  action: z.enum(['acknowledged', 'answered', 'forwarded', 'accepted', 'rejected', 'closed', 'reassigned']),
  unitId: IdSchema.nullable(),
  toUnitId: IdSchema.nullable(),
  text: TextSchema.nullable(),
  actorId: IdSchema,
  at: InstantSchema,
  /** The lower session the step was taken in, when it reached this record by a relay up the line. */
  fromSessionId: IdSchema.nullable().optional(),
  /** `reassigned` only: the inspector it was taken from (null: none) and the one it went to. */
  fromAssigneeId: IdSchema.nullable().optional(),
  assigneeId: IdSchema.optional(),
});
export type DirectiveStep = z.infer<typeof DirectiveStepSchema>;

/** A directive as it stands, e.g. when it carries into the next period's session. */
export const DirectiveRecordSchema = DirectiveDraftSchema.extend({
  id: IdSchema,
  status: z.enum(DirectiveStatus),
  orderedByUnitId: IdSchema.nullable(),
  /** The unit that holds it now: the assignee, or a level above it on the way up. */
  holderUnitId: IdSchema,
  issuedAt: InstantSchema,
  /** The session that issued it. */
  sessionId: IdSchema,
  steps: z.array(DirectiveStepSchema).max(200),
  /** The higher session it came down from in a cascade: its explanation is relayed back there. */
  cascadedFromSessionId: IdSchema.nullable().optional(),
  /** Cascade only: how many of `steps` the higher session's record holds already. */
  sentUpSteps: z.number().int().min(0).max(200).optional(),
  /**
   * Carried records only: the names of the people it names (its inspector, its steps' actors)
   * as the session they acted in knew them, since they need not take part in this one.
   */
  earlierNames: z.record(IdSchema, NameSchema).optional(),
});
export type DirectiveRecord = z.infer<typeof DirectiveRecordSchema>;

/** A warning as it stands, e.g. when it carries into the next period's session. */
export const WarningRecordSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  status: z.enum(WarningStatus),
  /** Production fulfilment when issued (0..n), or null when the unit had no production figure. */
  fulfilment: z.number().finite().nullable(),
  threshold: z.number().min(0).max(1),
  note: TextSchema.nullable(),
  /**
   * The note is the standard one, read from `fulfilment` and `threshold` in each reader's
   * language (`warningNote`); `note` holds it in the chair's. Absent in older logs: as typed.
   */
  hasStandardNote: z.boolean().optional(),
  issuedAt: InstantSchema,
  /** The session (and period) that issued it. */
  sessionId: IdSchema,
  period: z.string(),
  decisionNote: TextSchema.nullable(),
});
export type WarningRecord = z.infer<typeof WarningRecordSchema>;
