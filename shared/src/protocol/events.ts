import { z } from 'zod';
import {
  AgendaItemDefinitionSchema,
  CriticismDraftSchema,
  IdSchema,
  InstantSchema,
  NameSchema,
  OrganisationUnitSchema,
  ParticipantSchema,
  ReportSubmissionSchema,
  ReviewSessionDefinitionSchema,
} from './schemas/index.js';

/**
 * Every event the log may hold, by type (`domain:verb`, past tense). The payload schema is
 * the only definition of its shape.
 */
export const eventPayloads = {
  /** The session was convened; always `seq` 1 of its log. */
  'session:created': ReviewSessionDefinitionSchema,
  /** The chair renamed the session. */
  'session:renamed': z.object({ title: NameSchema }),
  /** A unit joined the session's hierarchy. */
  'unit:added': z.object({ unit: OrganisationUnitSchema }),
  /** Someone was invited with a role (the token itself never enters the log). */
  'participant:invited': z.object({ participant: ParticipantSchema }),
  /** A slot was added to a day, at the given position. */
  'agenda:item-added': z.object({ item: AgendaItemDefinitionSchema, order: z.number().int().min(0) }),
  /** The chair started an item: the unit presents. */
  'agenda:item-started': z.object({ itemId: IdSchema, startedAt: InstantSchema }),
  /** The chair opened the floor on the item. */
  'agenda:floor-opened': z.object({ itemId: IdSchema, openedAt: InstantSchema }),
  /** The chair closed the item. */
  'agenda:item-closed': z.object({ itemId: IdSchema, closedAt: InstantSchema }),
  /** The item was deferred; `newItemId` is the pending item created on the later day. */
  'agenda:item-deferred': z.object({ itemId: IdSchema, toDayId: IdSchema, newItemId: IdSchema }),
  /** A unit's report was submitted (or resubmitted, replacing the previous figures). */
  'report:submitted': ReportSubmissionSchema,
  /** A criticism was posted against the unit of the item. */
  'criticism:posted': CriticismDraftSchema.extend({ criticismId: IdSchema, unitId: IdSchema.nullable() }),
  /** A participant endorsed a criticism. */
  'criticism:endorsed': z.object({ criticismId: IdSchema, participantId: IdSchema }),
} as const;

/** The type of every event, e.g. `'criticism:posted'`. */
export type EventType = keyof typeof eventPayloads;

/** Every event type, for exhaustive tests and tables. */
export const eventTypes = Object.keys(eventPayloads) as [EventType, ...EventType[]];

/** The fields every event carries besides its type and payload. */
export const EventEnvelopeSchema = z.object({
  /** Position in the session's log: 1, 2, 3… with no gap (P1). */
  seq: z.number().int().min(1),
  sessionId: IdSchema,
  /** When the server committed it. */
  at: InstantSchema,
  /** The participant whose command caused it, or `system`. */
  actorId: IdSchema,
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

/** An event payload before it is given its place in the log. */
export type NewEvent = {
  [K in EventType]: { type: K; payload: z.output<(typeof eventPayloads)[K]> };
}[EventType];

/** An event of the log: envelope plus a typed payload. */
export type SessionEvent = {
  [K in EventType]: EventEnvelope & { type: K; payload: z.output<(typeof eventPayloads)[K]> };
}[EventType];

/** The event of a given type. */
export type SessionEventOf<K extends EventType> = Extract<SessionEvent, { type: K }>;

/** Validates any logged event: a discriminated union on `type` built from {@link eventPayloads}. */
export const SessionEventSchema = z.discriminatedUnion(
  'type',
  eventTypes.map((type) =>
    EventEnvelopeSchema.extend({ type: z.literal(type), payload: eventPayloads[type] }),
  ) as unknown as [z.ZodObject<{ type: z.ZodLiteral<EventType>; payload: z.ZodType }>],
) as unknown as z.ZodType<SessionEvent>;

/** Builds an event to append, with its payload type checked against the registry. */
export function newEvent<K extends EventType>(type: K, payload: z.output<(typeof eventPayloads)[K]>): NewEvent {
  return { type, payload } as NewEvent;
}
