import { z } from 'zod';
import { AgendaItemKind } from '../vocabulary.js';
import { IdSchema, NameSchema, PeriodSchema } from './common.js';

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

/**
 * A topic the system wrote when it proposed the item (at a convening or a cascade), kept as what
 * it was worded from, so that every reader reads it in their own language (`agendaTopic`).
 */
export const GeneratedTopicSchema = z.discriminatedUnion('kind', [
  /** "Opening". */
  z.object({ kind: z.literal('opening') }),
  /** "<unit> — plan and results". */
  z.object({ kind: z.literal('report'), unit: NameSchema }),
  /** "Second review: <unit> (warned in <period>)". */
  z.object({ kind: z.literal('second-review'), unit: NameSchema, period: PeriodSchema }),
  /**
   * A unit brought down a level by the higher review of `organisation` in `period`: warned there
   * (`warned`) or owing the directives it issued.
   */
  z.object({
    kind: z.literal('cascaded'),
    unit: NameSchema,
    warned: z.boolean(),
    organisation: NameSchema,
    period: PeriodSchema,
  }),
]);
export type GeneratedTopic = z.infer<typeof GeneratedTopicSchema>;

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
  /**
   * Set when the system wrote the topic: it is read from these, in the reader's language, and
   * `topic` holds it in the convener's. Null, or absent in older logs: the topic as typed.
   */
  generatedTopic: GeneratedTopicSchema.nullable().optional(),
});
export type AgendaItemDefinition = z.infer<typeof AgendaItemDefinitionSchema>;
