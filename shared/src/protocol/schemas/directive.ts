import { z } from 'zod';
import { IdSchema, IsoDateSchema, NameSchema, TextSchema } from './common.js';

/** What the meeting orders. */
export const DirectiveKind = {
  /** A careful inspection of a workplace, by the inspectors. */
  inspection: 'inspection',
  /** The unit explains its failure; the explanation travels up the line to the ordering level. */
  explainFailure: 'explain-failure',
  /** The unit submits a plan to recover the shortfall. */
  correctivePlan: 'corrective-plan',
  other: 'other',
} as const;
export type DirectiveKind = (typeof DirectiveKind)[keyof typeof DirectiveKind];

/**
 * Where a directive stands: `open` → `acknowledged` → `answered` → `accepted` or `rejected` →
 * `closed`. A rejected answer may be answered again.
 */
export const DirectiveStatus = {
  /** Issued; the assignee has not acknowledged it yet. */
  open: 'open',
  /** The assignee unit has taken note. */
  acknowledged: 'acknowledged',
  /** The assignee filed its answer (for `explain-failure`, it then travels up the line). */
  answered: 'answered',
  /** The ordering level accepted the answer. */
  accepted: 'accepted',
  /** The ordering level rejected the answer; the assignee answers again. */
  rejected: 'rejected',
  /** Done; kept for the record. */
  closed: 'closed',
} as const;
export type DirectiveStatus = (typeof DirectiveStatus)[keyof typeof DirectiveStatus];

/** What the chair writes when issuing a directive. */
export const DirectiveDraftSchema = z.object({
  kind: z.enum(DirectiveKind),
  assigneeUnitId: IdSchema,
  title: NameSchema,
  text: TextSchema.nullable(),
  dueDate: IsoDateSchema,
  /** The criticism this directive was made from, if any. */
  fromCriticismId: IdSchema.nullable(),
  /**
   * The agenda item it was issued from (the item's floor panel), if any. A directive made from a
   * criticism belongs to the criticism's item; one issued elsewhere belongs to no item, whatever
   * item is on the floor at the time.
   */
  itemId: IdSchema.nullable().optional(),
  /**
   * Inspection order: the inspected unit, when the order goes to an inspector or an inspection
   * office. Absent (orders issued before it existed): the assignee unit is the inspected unit.
   */
  subjectUnitId: IdSchema.nullable().optional(),
  /** Inspection order: the inspector it is assigned to, who acknowledges it and files the findings. */
  inspectorId: IdSchema.nullable().optional(),
});
export type DirectiveDraft = z.infer<typeof DirectiveDraftSchema>;
