import { z } from 'zod';
import { IdSchema, InstantSchema, IsoDateSchema } from './schemas/index.js';

/**
 * Why the chair may not move an item or a day now: the rules are `shared/src/domain/floorRules.ts`
 * (items) and `sessionControl.ts` (days), which the server refuses with and the client enables
 * its buttons with.
 */
export const FloorBlockerSchema = z.enum([
  /** No such day or item in the session. */
  'not-found',
  /** The day was already opened (or adjourned). */
  'day-already-opened',
  /** Another day is open; adjourn it first. */
  'another-day-open',
  /** The day is not open. */
  'day-not-open',
  /** An item holds the floor; close or defer it first. */
  'item-live',
  /** The item is not pending. */
  'item-not-pending',
  /** Only a closed item can be reopened (a deferred one continues as its carried-over item). */
  'item-not-closed',
  /** The item no longer holds the floor (closed or deferred, perhaps from another screen). */
  'item-not-live',
  /** Only an adjourned day can be reopened. */
  'day-not-adjourned',
  /** The floor is already open on the item (perhaps from another screen). */
  'floor-already-open',
  /** The item was never started: it must be presenting before its floor opens, it closes or its clock runs. */
  'item-not-started',
  /** No item holds the floor for a speech (closed or deferred meanwhile, perhaps from another screen). */
  'no-live-item',
]);
export type FloorBlocker = z.infer<typeof FloorBlockerSchema>;

/**
 * Why a participant may not endorse a criticism: the rule is `shared/src/domain/criticismRules.ts`,
 * which the server refuses with and the client hides the button by.
 */
export const EndorseBlockerSchema = z.enum([
  /** One never endorses one's own criticism. */
  'own',
  /** Each participant endorses a criticism once (perhaps from another screen already). */
  'already-endorsed',
]);
export type EndorseBlocker = z.infer<typeof EndorseBlockerSchema>;

/**
 * Why the directive takes no such step now: where it stands, or where its explanation is on its
 * way up the line (`server/src/domain/decide/directive.ts`). Met by the assignee's presenter,
 * official or inspector, often because a colleague or another screen acted meanwhile.
 */
export const DirectiveBlockerSchema = z.enum([
  /** Acknowledged already (or further along): there is nothing to acknowledge. */
  'already-acknowledged',
  /** An answer is filed and awaits the ordering level's review; it is answered again only once rejected. */
  'answer-under-review',
  /** The ordering level accepted the answer: it takes no other. */
  'answer-accepted',
  /** The chair closed the directive: it takes no further step. */
  'directive-closed',
  /** Only an explanation of failure travels up the line. */
  'not-an-explanation',
  /** The explanation is not filed (or was rejected and not filed again): file it before forwarding it. */
  'explanation-not-filed',
  /** The explanation has reached the ordering level, whose review it awaits. */
  'explanation-arrived',
  /** The unit holding the explanation has no level above it. */
  'no-level-above',
  /** The explanation has gone up to a higher level: that level's session follows it. */
  'explanation-gone-up',
  /** The inspection order is assigned to that inspector already (perhaps from another screen). */
  'already-assigned',
]);
export type DirectiveBlocker = z.infer<typeof DirectiveBlockerSchema>;

/**
 * One problem that stops the notice from being published, named so the preparer can fix it:
 * the rules are `shared/src/domain/notice.ts`, which the server refuses with and the
 * preparation screen lists before the button is pressed.
 */
export const NoticeProblemSchema = z.discriminatedUnion('problem', [
  /** A day is dated before the notice: it would be in the past when the notice goes out. */
  z.object({ problem: z.literal('day-in-past'), dayId: z.string(), date: IsoDateSchema, noticeDate: IsoDateSchema }),
  /** A unit-report or second-review item names no unit. */
  z.object({ problem: z.literal('item-without-unit'), itemId: z.string() }),
  /** A unit presents on the agenda but no presenter of it is invited (and not revoked). */
  z.object({ problem: z.literal('unit-without-presenter'), unitId: z.string() }),
  /** A day holds no item. */
  z.object({ problem: z.literal('day-without-items'), dayId: z.string() }),
]);
export type NoticeProblem = z.infer<typeof NoticeProblemSchema>;

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
    /** A floor action the agenda's state does not allow now, with what stands in the way. */
    kind: z.literal('floor-blocked'),
    blocker: FloorBlockerSchema,
    /** The topic of the item holding the floor, if any, in English. */
    liveItem: z.string().nullable(),
    /** The item holding the floor, whose topic a screen words in its own language; absent from older servers. */
    liveItemId: IdSchema.nullable().optional(),
    /** The title of the open day, if any. */
    openDay: z.string().nullable(),
  }),
  z.object({
    /** The notice cannot be published yet: every problem, each naming what to fix. */
    kind: z.literal('notice-problems'),
    problems: z.array(NoticeProblemSchema).min(1),
  }),
  z.object({
    /** The first day may not move before the published notice. */
    kind: z.literal('day-before-notice'),
    field: z.literal('date'),
    noticeDate: IsoDateSchema,
  }),
  z.object({
    /** `inspection-plan:adopt` accepts no line: the plan would record no inspection order. */
    kind: z.literal('empty-inspection-plan'),
    field: z.literal('lines'),
  }),
  z.object({
    /** `floor:raise-hand` from the participant who holds the floor: they speak now, no hand to raise. */
    kind: z.literal('already-speaking'),
  }),
  z.object({
    /** `criticism:endorse` the shared endorse rule refuses. */
    kind: z.literal('endorse-blocked'),
    blocker: EndorseBlockerSchema,
  }),
  z.object({
    /** A step on a directive (acknowledge, answer, forward) that where it stands does not allow. */
    kind: z.literal('directive-blocked'),
    blocker: DirectiveBlockerSchema,
    /** The directive's title. */
    directive: z.string(),
    /** The name of the unit holding the explanation, for `explanation-gone-up`; else null. */
    holder: z.string().nullable(),
  }),
  z.object({
    /** `criticism:unhide` of a criticism the live views show (perhaps shown again from another screen). */
    kind: z.literal('criticism-not-hidden'),
  }),
  z.object({
    /**
     * A step on a directive (or a warning) that the next period's review carried over: it is
     * followed in that session, named here, and this one takes no further step on it.
     */
    kind: z.literal('handed-on'),
    subject: z.enum(['directive', 'warning']),
    /** The directive's title, or the name of the warned unit. */
    name: z.string(),
    sessionId: IdSchema,
    title: z.string(),
    period: z.string(),
  }),
  z.object({
    /** `report:verify` against a unit that has submitted no report yet. */
    kind: z.literal('report-not-submitted'),
    /** The unit's name. */
    unit: z.string(),
  }),
]);
export type Refusal = z.infer<typeof RefusalSchema>;
