import { z } from 'zod';
import { errorCodes, type ErrorCode } from './errors.js';
import { RefusalSchema, type Refusal } from './refusals.js';

/**
 * What a generic schema check wanted (zod's issue code and its bounds or format), so a screen
 * can say it in its reader's language: the message is zod's English.
 */
export const IssueReasonSchema = z.object({
  code: z.string().max(40),
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
  const fields = issue as Partial<Record<keyof IssueReason, unknown>>;
  const reason: IssueReason = { code: issue.code };
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
