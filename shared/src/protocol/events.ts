import { z } from 'zod';
import { Limits } from './limits.js';
import {
  AgendaItemDefinitionSchema,
  CriticismDraftSchema,
  CriticismRuling,
  DirectiveDraftSchema,
  DirectiveRecordSchema,
  DirectiveStepSchema,
  IdSchema,
  InspectionPlanLineSchema,
  inspectionCapacityLimit,
  InstantSchema,
  IsoDateSchema,
  NameSchema,
  OrganisationUnitSchema,
  ParticipantSchema,
  PeriodSchema,
  ReportSubmissionSchema,
  ReviewSessionDefinitionSchema,
  AgendaItemKind,
  SessionDaySchema,
  TextSchema,
  ThresholdsSchema,
  VerificationSchema,
  WarningRecordSchema,
} from './schemas/index.js';

const at = { at: InstantSchema };

/**
 * The widest spread of connection times within one `attendance:batch-connected`: a batch spans
 * seconds; a day keeps `at` plus any offset a valid instant.
 */
const connectionSpreadMs = 86_400_000;

/**
 * Every event the log may hold, by type (`domain:verb`, past tense). The payload schema is
 * the only definition of its shape.
 */
export const eventPayloads = {
  /** The session was convened (as a draft); always `seq` 1 of its log. */
  'session:created': ReviewSessionDefinitionSchema,
  /** The chair renamed the session. */
  'session:renamed': z.object({ title: NameSchema }),
  /** The notice was published with its date: the session is `noticed`. */
  'session:noticed': z.object({ noticeDate: IsoDateSchema, ...at }),
  /** The chair closed the session. */
  'session:closed': z.object({ ...at }),
  /**
   * The next period's review `bySessionId` was convened from this session (system), carrying the
   * open directives and warnings named here into it: from now on they are followed there, and
   * this session takes no further step on them. A session is followed up once.
   */
  'session:followed-up': z.object({
    bySessionId: IdSchema,
    title: NameSchema,
    period: PeriodSchema,
    directiveIds: z.array(IdSchema),
    warningIds: z.array(IdSchema),
  }),
  /** The follow-up `bySessionId` marked here could not be convened (system): the session may be followed up again. */
  'session:follow-up-withdrawn': z.object({ bySessionId: IdSchema }),
  /** The thresholds or the conference link changed (the fields given; the others stay). */
  'session:configured': z.object({
    thresholds: ThresholdsSchema.optional(),
    conferenceLink: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
  }),
  /** A day was added after the last one. */
  'day:added': z.object({ day: SessionDaySchema }),
  /** A day not yet opened changed its theme, start time or planned end. */
  'day:updated': SessionDaySchema.omit({ date: true }),
  /** A day not yet opened, holding no item, was removed. */
  'day:removed': z.object({ dayId: IdSchema }),
  /** A day not yet opened moved to another date. */
  'day:rescheduled': z.object({ dayId: IdSchema, date: IsoDateSchema }),
  /** A day was opened; the first one puts the session `in-session`. */
  'day:opened': z.object({ dayId: IdSchema, ...at }),
  /** A day was adjourned. */
  'day:adjourned': z.object({ dayId: IdSchema, ...at }),
  /** The chair opened an adjourned day again, for the reason given. */
  'day:reopened': z.object({ dayId: IdSchema, reason: TextSchema, ...at }),
  /** The roll call marked a participant present or absent for a day. */
  'attendance:recorded': z.object({ dayId: IdSchema, participantId: IdSchema, present: z.boolean() }),
  /**
   * A participant connected while a day was open (recorded once per day). Logs written before
   * `attendance:batch-connected` hold one of these per connection.
   */
  'attendance:connected': z.object({ dayId: IdSchema, participantId: IdSchema, ...at }),
  /**
   * Participants connected while a day was open, recorded together (each once per day): each
   * entry is a participant and the milliseconds after `at` at which they connected. One event
   * for a batch, not one per participant, as a room being seated sends each to everyone seated;
   * for the same reason an entry names the participant by their place in the order invited
   * (`ParticipantRef`; logs written before name them by id).
   */
  'attendance:batch-connected': z.object({
    dayId: IdSchema,
    ...at,
    participants: z
      .array(z.tuple([z.union([z.number().int().min(0), IdSchema]), z.number().int().min(0).max(connectionSpreadMs)]))
      .min(1)
      .max(Limits.attendanceBatch),
  }),
  /** A unit joined the session's hierarchy (or the register), or its record changed (renamed, moved…). */
  'unit:added': z.object({ unit: OrganisationUnitSchema }),
  /** A unit of the register was retired: kept with its history, offered for no new session. */
  'unit:retired': z.object({ unitId: IdSchema, ...at }),
  /** Someone was invited with a role (the token itself never enters the log). */
  'participant:invited': z.object({ participant: ParticipantSchema }),
  /** A participant's name, role, unit or e-mail changed; their open screens reconnect with it. */
  'participant:changed': z.object({ participant: ParticipantSchema }),
  /** A participant's invitation was revoked: their link stops working and their screens are told. */
  'participant:revoked': z.object({ participantId: IdSchema, ...at }),
  /** A participant was given a new link; the old one stopped working. */
  'participant:reissued': z.object({ participantId: IdSchema, ...at }),
  /** A participant's link expires at this instant; null: never. */
  'participant:expiry-set': z.object({ participantId: IdSchema, expiresAt: InstantSchema.nullable() }),
  /** A slot was added to a day, at the given position. */
  'agenda:item-added': z.object({ item: AgendaItemDefinitionSchema, order: z.number().int().min(0) }),
  /**
   * A pending item changed its unit, kind, topic or timebox. A topic given is the chair's text,
   * in place of one the system wrote; absent, the topic stayed as it was.
   */
  'agenda:item-updated': z.object({
    itemId: IdSchema,
    unitId: IdSchema.nullable(),
    kind: z.enum(AgendaItemKind),
    topic: NameSchema.optional(),
    plannedMinutes: z.number().int().min(1).max(600),
  }),
  /** A pending item that never started was taken off the agenda. */
  'agenda:item-removed': z.object({ itemId: IdSchema }),
  /** A pending item moved to `position` among the items of `toDayId`. */
  'agenda:item-moved': z.object({ itemId: IdSchema, toDayId: IdSchema, position: z.number().int().min(0) }),
  /** The chair started an item: the unit presents and its clock runs. */
  'agenda:item-started': z.object({ itemId: IdSchema, startedAt: InstantSchema }),
  /** The chair opened the floor on the item. */
  'agenda:floor-opened': z.object({ itemId: IdSchema, openedAt: InstantSchema }),
  /** The chair closed the item. */
  'agenda:item-closed': z.object({ itemId: IdSchema, closedAt: InstantSchema }),
  /** The chair put a closed item back on the floor, for the reason given. */
  'agenda:item-reopened': z.object({ itemId: IdSchema, reason: TextSchema, ...at }),
  /** The item was deferred; `newItemId` is the pending item created on the later day. */
  'agenda:item-deferred': z.object({ itemId: IdSchema, toDayId: IdSchema, newItemId: IdSchema }),
  /** The item's clock stopped. */
  'agenda:timer-paused': z.object({ itemId: IdSchema, ...at }),
  /** The item's clock runs again. */
  'agenda:timer-resumed': z.object({ itemId: IdSchema, ...at }),
  /** The item was given more time. */
  'agenda:time-extended': z.object({ itemId: IdSchema, minutes: z.number().int().min(1).max(120) }),
  /** A participant asked to speak. */
  'floor:hand-raised': z.object({ participantId: IdSchema, ...at }),
  /** A participant withdrew, or was given the floor. */
  'floor:hand-lowered': z.object({ participantId: IdSchema }),
  /** The chair gave a participant the floor on an item. */
  'floor:given': z.object({ participantId: IdSchema, itemId: IdSchema, ...at }),
  /** The current speech ended; its length is `at` minus the `floor:given` time. */
  'floor:speech-ended': z.object({ participantId: IdSchema, ...at }),
  /** A unit's report was submitted (or resubmitted, replacing the previous figures). */
  'report:submitted': ReportSubmissionSchema,
  /** An inspector recorded a verified value. */
  'report:verified': VerificationSchema,
  /** A criticism was posted against the unit of the item. */
  'criticism:posted': CriticismDraftSchema.extend({ criticismId: IdSchema, unitId: IdSchema.nullable() }),
  /** A participant endorsed a criticism. */
  'criticism:endorsed': z.object({ criticismId: IdSchema, participantId: IdSchema }),
  /** The presenter answered a criticism. */
  'criticism:responded': z.object({ criticismId: IdSchema, text: TextSchema }),
  /** The chair ruled on a criticism; `referredTo` names the recipient of a referred one (absent in older logs). */
  'criticism:ruled': z.object({
    criticismId: IdSchema,
    ruling: z.enum(CriticismRuling),
    note: TextSchema.nullable(),
    referredTo: NameSchema.nullable().optional(),
  }),
  /** The chair hid a criticism from the live views. */
  'criticism:hidden': z.object({ criticismId: IdSchema, reason: TextSchema }),
  /** The chair showed a hidden criticism in the live views again. */
  'criticism:unhidden': z.object({ criticismId: IdSchema }),
  /** A directive was issued. */
  'directive:issued': DirectiveDraftSchema.extend({
    directiveId: IdSchema,
    orderedByUnitId: IdSchema.nullable(),
    itemId: IdSchema.nullable(),
  }),
  /** The assignee unit took note. */
  'directive:acknowledged': z.object({ directiveId: IdSchema }),
  /** The assignee unit filed its answer. */
  'directive:answered': z.object({ directiveId: IdSchema, text: TextSchema }),
  /** The holding level passed the explanation up the line. */
  'directive:forwarded': z.object({
    directiveId: IdSchema,
    fromUnitId: IdSchema,
    toUnitId: IdSchema,
    remarks: TextSchema.nullable(),
  }),
  /** The ordering level accepted or rejected the answer. */
  'directive:reviewed': z.object({
    directiveId: IdSchema,
    decision: z.enum(['accepted', 'rejected']),
    note: TextSchema.nullable(),
  }),
  /** The directive was closed. */
  'directive:closed': z.object({ directiveId: IdSchema }),
  /** The chair gave an inspection order to another inspector (`fromAssigneeId` null: it had none). */
  'directive:reassigned': z.object({
    directiveId: IdSchema,
    fromAssigneeId: IdSchema.nullable(),
    assigneeId: IdSchema,
  }),
  /** A directive still open in the previous period's session, carried into this one. */
  'directive:carried-over': z.object({ directive: DirectiveRecordSchema, fromSessionId: IdSchema }),
  /**
   * What the earlier periods' sessions knew of verifications, carried into this one: by unit, the
   * latest period any of its figures was verified in (null: never, as far as the records go), and
   * the first period the records cover. The inspection plan's "not verified recently" reads it.
   */
  'verifications:carried-over': z.object({
    since: PeriodSchema,
    lastVerified: z.record(IdSchema, PeriodSchema.nullable()),
    fromSessionId: IdSchema,
  }),
  /**
   * An explanation given in a lower level's follow-up session (a cascade) reached this record:
   * the steps taken down there, each level's remarks among them, and the unit now holding it.
   */
  'directive:relayed': z.object({
    directiveId: IdSchema,
    fromSessionId: IdSchema,
    steps: z.array(DirectiveStepSchema).min(1).max(200),
    holderUnitId: IdSchema,
  }),
  /** The explanation that left this level reached the higher session's record, at `seq` there. */
  'directive:relay-delivered': z.object({
    directiveId: IdSchema,
    toSessionId: IdSchema,
    seq: z.number().int().min(1),
    sentUpSteps: z.number().int().min(1).max(200),
  }),
  /** An open warning of the higher level's review about one of this level's units, followed up in this cascade. */
  'warning:cascaded': z.object({ warning: WarningRecordSchema, fromSessionId: IdSchema }),
  /** A warning was issued to a unit under the threshold. */
  'warning:issued': z.object({
    warningId: IdSchema,
    unitId: IdSchema,
    fulfilment: z.number().finite().nullable(),
    threshold: z.number().min(0).max(1),
    note: TextSchema.nullable(),
    /** The note is the standard one (`WarningRecord.hasStandardNote`); absent in older logs. */
    hasStandardNote: z.boolean().optional(),
  }),
  /** A proposed warning was waived, with the reason. */
  'warning:waived': z.object({ unitId: IdSchema, fulfilment: z.number().finite().nullable(), reason: TextSchema }),
  /**
   * The chair took back this session's decision on the unit's proposed warning: the warning
   * `warningId` it issued, or its waiver (`warningId` null). The proposal is open again.
   */
  'warning:reconsidered': z.object({
    unitId: IdSchema,
    decision: z.enum(['issued', 'waived']),
    warningId: IdSchema.nullable(),
    reason: TextSchema,
  }),
  /** An open warning from the previous period, carried into this session for a second review. */
  'warning:carried-over': z.object({ warning: WarningRecordSchema, fromSessionId: IdSchema }),
  /** The second review lifted the warning. */
  'warning:lifted': z.object({ warningId: IdSchema, note: TextSchema }),
  /** The second review escalated the warning: removal of the managers is recommended. */
  'warning:escalated': z.object({ warningId: IdSchema, note: TextSchema }),
  /** The chair took back the second review's decision (lifted or escalated): the warning is open again. */
  'warning:reopened': z.object({ warningId: IdSchema, reason: TextSchema }),
  /**
   * The chair adopted an inspection plan: every line proposed then, ranked by risk with its
   * reasons, and what became of it. Accepted lines name the inspection orders issued with it.
   */
  'inspection-plan:adopted': z.object({
    planId: IdSchema,
    capacity: z.number().int().min(0).max(inspectionCapacityLimit),
    lines: z.array(InspectionPlanLineSchema),
    ...at,
  }),
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
