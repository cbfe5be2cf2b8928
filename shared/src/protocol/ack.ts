import { z } from 'zod';
import { errorCodes, type ErrorCode } from './errors.js';
import { RefusalSchema, type Refusal } from './refusals.js';

/** One field-level problem found while validating a message. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof IssueSchema>;

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
