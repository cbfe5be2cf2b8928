import { z } from 'zod';
import { errorCodes, type ErrorCode } from './errors.js';
import { schemaCheckCodes } from './issueCodes.js';
import { RefusalSchema, type Refusal } from './refusals.js';
import {
  CriticismRuling,
  IdSchema,
  IsoDateSchema,
  ParticipantSchema,
  PeriodSchema,
  TimeOfDaySchema,
} from './schemas/index.js';

/**
 * What a generic schema check wanted (zod's issue code and its bounds or format), so a screen
 * can say it in its reader's language: the message is zod's English.
 */
export const SchemaCheckReasonSchema = z.object({
  code: z.enum(schemaCheckCodes),
  /** What was checked: `string`, `number`, `array`… */
  origin: z.string().max(40).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  inclusive: z.boolean().optional(),
  /** A string format: `email`, `url`, `date`, `regex`… */
  format: z.string().max(40).optional(),
  /** The type wanted: `number`, `string`, `int`… */
  expected: z.string().max(40).optional(),
});
export type SchemaCheckReason = z.infer<typeof SchemaCheckReasonSchema>;

/**
 * Why a domain rule refused a field, with the facts it names, so a screen can say it in its
 * reader's language: the issue's message is the server's English.
 */
export const RuleReasonSchema = z.discriminatedUnion('code', [
  /** A day's planned end is not after its start time. */
  z.object({ code: z.literal('after-start-time'), startTime: TimeOfDaySchema }),
  /** The role is the organisation's (an administrator), never a session's. */
  z.object({ code: z.literal('not-a-session-role') }),
  /** No such organisation unit in the session. */
  z.object({ code: z.literal('unknown-unit') }),
  /** A presenter speaks for a unit, and none is named. */
  z.object({ code: z.literal('presenter-needs-unit') }),
  /** No such review session. */
  z.object({ code: z.literal('unknown-session') }),
  /** A session follows one of an earlier period only. */
  z.object({ code: z.literal('period-not-after-previous'), previousPeriod: PeriodSchema }),
  /** The previous session is followed up already, by the session named: a session is followed up once. */
  z.object({
    code: z.literal('already-followed-up'),
    sessionId: IdSchema,
    title: z.string(),
    period: PeriodSchema,
  }),
  /** A referred ruling names to whom it is referred. */
  z.object({ code: z.literal('referral-needs-recipient') }),
  /** Only a referred ruling names a recipient. */
  z.object({
    code: z.literal('recipient-only-when-referred'),
    ruling: z.enum([CriticismRuling.upheld, CriticismRuling.dismissed]),
  }),
  /** The level convened the review itself: a follow-up is for a level below it. */
  z.object({ code: z.literal('level-convened-review') }),
  /** The level has no units below it to follow up. */
  z.object({ code: z.literal('no-units-below') }),
  /** The level's follow-up of this review is convened already: the session it is. */
  z.object({ code: z.literal('follow-up-convened'), sessionId: IdSchema }),
  /** A day of a session being convened is dated before today (the earliest date still today anywhere). */
  z.object({ code: z.literal('day-before-today'), today: IsoDateSchema }),
  /** A day of a session being convened is not after the day ahead of it. */
  z.object({ code: z.literal('day-not-after-previous'), after: IsoDateSchema }),
  /** A directive made from a criticism belongs to the criticism's item, not another. */
  z.object({ code: z.literal('not-the-criticism-item') }),
  /** Only an inspection order names an inspected unit or an inspector. */
  z.object({ code: z.literal('only-for-inspection') }),
  /** The participant named as the inspector is not an inspector of the session. */
  z.object({ code: z.literal('not-an-inspector') }),
  /** No such participant in the session, or their invitation is revoked. */
  z.object({ code: z.literal('unknown-participant') }),
  /** A due date is past: the earliest date it may take. */
  z.object({ code: z.literal('due-date-past'), earliest: IsoDateSchema }),
  /** An API token's expiry is not in the future. */
  z.object({ code: z.literal('expiry-not-future') }),
  /** Another API token of the organisation, not revoked, has the same name (letter case aside). */
  z.object({ code: z.literal('api-token-name-taken') }),
  /** An inspection order goes to an inspector or to an inspection office, never to both. */
  z.object({ code: z.literal('inspector-or-office') }),
  /** A unit's parent is neither registered nor earlier in the list. */
  z.object({ code: z.literal('unknown-parent'), parentId: IdSchema }),
  /** A unit's parent is retired. */
  z.object({ code: z.literal('retired-parent'), parentId: IdSchema }),
  /** A unit would be placed under itself or one of its own units. */
  z.object({ code: z.literal('parent-cycle') }),
  /** A webhook's receiver resolves to an internal address (of `range`, e.g. loopback) the server does not allow. */
  z.object({ code: z.literal('receiver-internal'), host: z.string(), address: z.string(), range: z.string() }),
  /** A webhook receiver's host cannot be resolved. */
  z.object({ code: z.literal('receiver-unresolved'), host: z.string() }),
  /** A unit's id is already on an earlier entry of the list. */
  z.object({ code: z.literal('duplicate-unit-id'), id: IdSchema }),
  /**
   * The person is invited already (not revoked): the participant, and the field by which they are
   * the same person (the same e-mail, or the same name, role and unit).
   */
  z.object({
    code: z.literal('invited-already'),
    participant: ParticipantSchema,
    sameBy: z.enum(['email', 'name']),
  }),
  /** An earlier entry of the list (its position, from 1) names the same person, by the same field. */
  z.object({
    code: z.literal('same-as-earlier-entry'),
    entry: z.number().int().min(1),
    sameBy: z.enum(['email', 'name']),
  }),
]);
export type RuleReason = z.infer<typeof RuleReasonSchema>;

/** What a refused field wanted: a generic schema check's or a domain rule's, told apart by `code`. */
export const IssueReasonSchema = z.discriminatedUnion('code', [SchemaCheckReasonSchema, ...RuleReasonSchema.options]);
export type IssueReason = z.infer<typeof IssueReasonSchema>;

/** One field-level problem found while validating a message. */
export const IssueSchema = z.object({ path: z.string(), message: z.string(), reason: IssueReasonSchema.optional() });
export type Issue = z.infer<typeof IssueSchema>;

const reasonText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 40) : undefined);
const reasonNumber = (value: unknown) => {
  const number = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
};

/** A schema check's issue as the protocol carries it: where, zod's words, and what the check wanted. */
export function issueOf(issue: z.core.$ZodIssue): Issue {
  const fields = issue as Partial<Record<keyof SchemaCheckReason, unknown>>;
  const reason: SchemaCheckReason = { code: issue.code };
  const origin = reasonText(fields.origin);
  const minimum = reasonNumber(fields.minimum);
  const maximum = reasonNumber(fields.maximum);
  const format = reasonText(fields.format);
  const expected = reasonText(fields.expected);
  if (origin !== undefined) reason.origin = origin;
  if (minimum !== undefined) reason.minimum = minimum;
  if (maximum !== undefined) reason.maximum = maximum;
  if (typeof fields.inclusive === 'boolean') reason.inclusive = fields.inclusive;
  if (format !== undefined) reason.format = format;
  if (expected !== undefined) reason.expected = expected;
  return { path: issue.path.map(String).join('.'), message: issue.message, reason };
}

/** The error half of every acknowledgement. */
export const AckErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
  /** The real reason of a domain refusal, typed, with the command field to change. */
  refusal: RefusalSchema.optional(),
});
export type AckError = z.infer<typeof AckErrorSchema>;

/**
 * Result of every client request: `{ ok: true, data }` or `{ ok: false, error }`.
 * @example
 * const ack = await socket.emitWithAck('command', request);
 * if (!ack.ok) showError(ack.error.message);
 */
export type Ack<TData> = { ok: true; data: TData } | { ok: false; error: AckError };

/** Builds a successful acknowledgement. */
export function ok<TData>(data: TData): Ack<TData> {
  return { ok: true, data };
}

/** Builds a failed acknowledgement. */
export function fail(code: ErrorCode, message: string, issues?: Issue[], refusal?: Refusal): Ack<never> {
  return {
    ok: false,
    error: { code, message, ...(issues ? { issues } : {}), ...(refusal ? { refusal } : {}) },
  };
}

/** Schema of an acknowledgement whose data matches `data`, for clients that validate replies. */
export function ackSchema<TSchema extends z.ZodType>(data: TSchema) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: AckErrorSchema }),
  ]);
}
