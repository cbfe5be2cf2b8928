import { z } from 'zod';
import {
  AgendaItemDefinitionSchema,
  Limits,
  CriticismDraftSchema,
  CriticismRuling,
  DirectiveDraftSchema,
  IdSchema,
  InspectionLineChoiceSchema,
  inspectionCapacityLimit,
  IsoDateSchema,
  NameSchema,
  OrganisationUnitSchema,
  ReportSubmissionSchema,
  AgendaItemKind,
  TextSchema,
  ThresholdsSchema,
  TimeOfDaySchema,
  VerificationSchema,
  schemaMessages,
} from './schemas/index.js';

/** A conference link: http(s), bounded. */
const ConferenceLinkSchema = z
  .url({ protocol: /^https?$/ })
  .max(Limits.nameLength * 2)
  .nullable();

const itemRef = z.object({ itemId: IdSchema });
const dayRef = z.object({ dayId: IdSchema });
const directiveRef = z.object({ directiveId: IdSchema });

/**
 * Every command a participant may send, by type (`domain:verb`, imperative). The payload
 * schema is the only definition of its shape: types, validation and socket maps derive
 * from this object.
 */
export const commandPayloads = {
  /** Chair: rename the session. */
  'session:rename': z.object({ title: NameSchema }),
  /** Chair: publish the notice; the schedule becomes visible to every invitee. */
  'session:publish-notice': z.object({ noticeDate: IsoDateSchema }),
  /** Chair or administrator, while preparing: change the thresholds or the conference link. */
  'session:configure': z.object({
    thresholds: ThresholdsSchema.optional(),
    conferenceLink: ConferenceLinkSchema.optional(),
  }),
  /** Chair: close the session once no item is live and every proposed warning is decided. */
  'session:close': z.object({}),
  /** Chair: move a day not yet opened to another date, keeping the days in order. */
  'day:reschedule': z.object({ dayId: IdSchema, date: IsoDateSchema }),
  /**
   * Chair or administrator: move every day not yet opened at once, the first of them to `date`
   * and each later one by as many days, so the gaps between them stay.
   */
  'session:reschedule-days': z.object({ date: IsoDateSchema }),
  /** Chair or administrator: add a day after the last one (dates stay in order). */
  'day:add': z.object({
    date: IsoDateSchema,
    title: NameSchema,
    startTime: TimeOfDaySchema.nullable().default(null),
    plannedEnd: TimeOfDaySchema.nullable().default(null),
  }),
  /** Chair or administrator: change a day not yet opened: its theme, start time, planned end. */
  'day:update': z.object({
    dayId: IdSchema,
    title: NameSchema,
    startTime: TimeOfDaySchema.nullable(),
    plannedEnd: TimeOfDaySchema.nullable(),
  }),
  /** Chair or administrator: remove a day not yet opened that holds no item (never the only day). */
  'day:remove': dayRef,
  /** Chair: open a day of the review. */
  'day:open': dayRef,
  /** Chair: adjourn an open day. */
  'day:adjourn': dayRef,
  /** Chair: open an adjourned day again, while no other day is open; the reason enters the log and the minutes. */
  'day:reopen': z.object({ dayId: IdSchema, reason: TextSchema }),
  /** Chair: mark a participant present or absent at the roll call of a day. */
  'attendance:record': z.object({ dayId: IdSchema, participantId: IdSchema, present: z.boolean() }),
  /** Chair: add an organisation unit to the session's hierarchy. */
  'unit:add': z.object({ unit: OrganisationUnitSchema }),
  /** Chair or administrator: add a slot at the end of a day's agenda. The server assigns the id and order. */
  'agenda:add-item': AgendaItemDefinitionSchema.omit({ id: true, warningId: true, generatedTopic: true }),
  /**
   * Chair or administrator: change a pending item's unit, kind, topic or timebox. Without a
   * topic, the topic stays as it is: one the system wrote is still read in each reader's language.
   */
  'agenda:update-item': z.object({
    itemId: IdSchema,
    unitId: IdSchema.nullable(),
    kind: z.enum(AgendaItemKind),
    topic: NameSchema.optional(),
    plannedMinutes: z.number().int().min(1).max(600),
  }),
  /** Chair or administrator: take a pending item that never started off the agenda. */
  'agenda:remove-item': itemRef,
  /**
   * Chair or administrator: move a pending item to `position` (0-based, among the day's items) of
   * a day not yet adjourned, its own day or another.
   */
  'agenda:move-item': z.object({ itemId: IdSchema, toDayId: IdSchema, position: z.number().int().min(0).max(1000) }),
  /** Chair: start a pending item of an open day; the presenting unit has the floor. */
  'agenda:start-item': itemRef,
  /** Chair: open the floor on the presenting item for criticism. */
  'agenda:open-floor': itemRef,
  /** Chair: close the current item. */
  'agenda:close-item': itemRef,
  /** Chair: put a closed item of the open day back on the floor; the reason enters the log and the minutes. */
  'agenda:reopen-item': z.object({ itemId: IdSchema, reason: TextSchema }),
  /** Chair: defer a pending or running item to a later day. */
  'agenda:defer-item': z.object({ itemId: IdSchema, toDayId: IdSchema }),
  /** Chair: stop the item's clock. */
  'agenda:pause-timer': itemRef,
  /** Chair: restart the item's clock. */
  'agenda:resume-timer': itemRef,
  /**
   * Chair: give the item more time. `expectedMinutes` is the allotment (planned plus extensions)
   * the chair saw when pressing: when it is no longer the item's, another tab or chair extended
   * it first, and this extension is refused rather than added twice.
   */
  'agenda:extend-time': z.object({
    itemId: IdSchema,
    minutes: z.number().int().min(1).max(120),
    expectedMinutes: z.number().int().min(0).optional(),
  }),
  /** Official, inspector or presenter: ask to speak on the current item. */
  'floor:raise-hand': z.object({}),
  /** The same participant: withdraw the request. */
  'floor:lower-hand': z.object({}),
  /** Chair: give the floor to a participant (ends the current speech). */
  'floor:give': z.object({ participantId: IdSchema }),
  /**
   * Chair: end the current speech. Naming its speaker (`participantId`) makes a late press harmless:
   * once another has the floor (given from a second chair screen), their speech goes on.
   */
  'floor:end-speech': z.object({ participantId: IdSchema.optional() }),
  /** Presenter (own unit) or chair: submit the unit's report for the period. */
  'report:submit': ReportSubmissionSchema,
  /** Inspector: record a verified value with the finding and the evidence. */
  'report:verify': VerificationSchema,
  /** Official, inspector or chair: raise a point against the unit on the floor. */
  'criticism:post': CriticismDraftSchema,
  /** Official, inspector or chair: endorse someone else's criticism (once each). */
  'criticism:endorse': z.object({ criticismId: IdSchema }),
  /** Presenter of the criticised unit: answer a criticism. */
  'criticism:respond': z.object({ criticismId: IdSchema, text: TextSchema }),
  /**
   * Chair: rule on a criticism. A `referred` ruling names to whom in `referredTo` (an
   * inspection office, a ministry, the next level up); the other rulings leave it out.
   */
  'criticism:rule': z.object({
    criticismId: IdSchema,
    ruling: z.enum(CriticismRuling),
    note: TextSchema.nullable(),
    referredTo: NameSchema.nullable().optional(),
  }),
  /** Chair: hide a criticism from the live views; it stays in the log and the minutes say so. */
  'criticism:hide': z.object({ criticismId: IdSchema, reason: TextSchema }),
  /** Chair: show a hidden criticism in the live views again; the log keeps that it was hidden. */
  'criticism:unhide': z.object({ criticismId: IdSchema }),
  /** Chair: order an inspection, an explanation, a corrective plan… (optionally from a criticism). */
  'directive:issue': DirectiveDraftSchema,
  /** The assignee unit: take note of a directive. */
  'directive:acknowledge': directiveRef,
  /** The assignee unit: file the answer (for explain-failure: the explanation). */
  'directive:answer': z.object({ directiveId: IdSchema, text: TextSchema }),
  /** The level holding an explanation: acknowledge it and pass it up the line with remarks. */
  'directive:forward': z.object({ directiveId: IdSchema, remarks: TextSchema.nullable() }),
  /** Chair (the ordering level): accept or reject the answer. */
  'directive:review': z.object({
    directiveId: IdSchema,
    decision: z.enum(['accepted', 'rejected']),
    note: TextSchema.nullable(),
  }),
  /** Chair: close a directive. */
  'directive:close': directiveRef,
  /**
   * Chair: give an open inspection order to another inspector of this session, e.g. one carried
   * over whose inspector this period's review does not invite.
   */
  'directive:reassign': z.object({ directiveId: IdSchema, assigneeId: IdSchema }),
  /** Chair: issue a warning to a unit under the threshold (confirming or editing the proposal). */
  'warning:issue': z.object({
    unitId: IdSchema,
    note: TextSchema.nullable(),
    /** The chair left the standard note as shown: `note` is it in their language, and each reader reads it in theirs. */
    hasStandardNote: z.boolean().optional(),
  }),
  /** Chair: waive a proposed warning; a reason is required. */
  'warning:waive': z.object({ unitId: IdSchema, reason: TextSchema }),
  /**
   * Chair, while the session sits: take back this session's decision on a unit's proposed warning
   * (the warning issued or the waiver), with the reason for the record; the proposal is open again.
   */
  'warning:reconsider': z.object({ unitId: IdSchema, reason: TextSchema }),
  /** Chair, at the second review: the unit improved; lift its warning. */
  'warning:lift': z.object({ warningId: IdSchema, note: TextSchema }),
  /** Chair, at the second review: still lagging; recommend removal of its managers. */
  'warning:escalate': z.object({ warningId: IdSchema, note: TextSchema }),
  /**
   * Chair, while the session sits: take back the second review's decision on a carried warning
   * (lifted or escalated here), with the reason for the record; the warning is open again.
   */
  'warning:reopen': z.object({ warningId: IdSchema, reason: TextSchema }),
  /**
   * Chair, before or during the session: adopt the proposed inspection plan at the office's
   * `capacity`. Each accepted line (as proposed or edited) becomes an inspection order; the server
   * ranks the plan again from the record, and every line it proposes that is not accepted is
   * recorded as dropped (or beyond capacity).
   */
  'inspection-plan:adopt': z
    .object({
      capacity: z.number().int().min(0).max(inspectionCapacityLimit),
      lines: z.array(InspectionLineChoiceSchema).max(500),
    })
    .refine((p) => new Set(p.lines.map((l) => l.unitId)).size === p.lines.length, {
      message: schemaMessages.oneDecisionPerUnit,
      path: ['lines'],
    }),
} as const;

/** The type of every command, e.g. `'criticism:post'`. */
export type CommandType = keyof typeof commandPayloads;

/** Every command type, for exhaustive tests and tables. */
export const commandTypes = Object.keys(commandPayloads) as [CommandType, ...CommandType[]];

/** A command as the server handles it (after validation and defaults). */
export type Command = {
  [K in CommandType]: { type: K; payload: z.output<(typeof commandPayloads)[K]> };
}[CommandType];

/** A command as a client may send it (before defaults). */
export type CommandInput = {
  [K in CommandType]: { type: K; payload: z.input<(typeof commandPayloads)[K]> };
}[CommandType];

/** The command of a given type. */
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;

/** Validates any command: a discriminated union on `type` built from {@link commandPayloads}. */
export const CommandSchema = z.discriminatedUnion(
  'type',
  commandTypes.map((type) => z.object({ type: z.literal(type), payload: commandPayloads[type] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<CommandType>; payload: z.ZodType }>,
  ],
) as unknown as z.ZodType<Command, CommandInput>;
