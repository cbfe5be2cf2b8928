import { z } from 'zod';
import { AgendaItemKind } from '../vocabulary.js';
import { IdSchema, NameSchema } from './common.js';

/**
 * Where an agenda item stands: `pending` → `presenting` → `floor-open` → `closed`, or
 * `deferred` to a later day.
 */
export const AgendaItemStatus = {
  /** Not started yet. */
  pending: 'pending',
  /** The unit is presenting its plan and results. */
  presenting: 'presenting',
  /** Officials may criticise and ask questions. */
  floorOpen: 'floor-open',
  /** Done; nothing more is taken on it. */
  closed: 'closed',
  /** Moved to a later day; a new pending item stands there. */
  deferred: 'deferred',
} as const;
export type AgendaItemStatus = (typeof AgendaItemStatus)[keyof typeof AgendaItemStatus];

export { AgendaItemKind } from '../vocabulary.js';

/** What defines a slot on a day, as the chair adds it. */
export const AgendaItemDefinitionSchema = z.object({
  id: IdSchema,
  dayId: IdSchema,
  /** The presenting unit; null for a general topic. */
  unitId: IdSchema.nullable(),
  topic: NameSchema,
  plannedMinutes: z.number().int().min(1).max(600),
  /** Set on a "second review" item: the open warning from the previous period it reviews. */
  warningId: IdSchema.nullable().default(null),
  /** Absent in logs written before kinds existed: `itemKind()` derives it. */
  kind: z.enum(AgendaItemKind).nullable().optional(),
});
export type AgendaItemDefinition = z.infer<typeof AgendaItemDefinitionSchema>;
