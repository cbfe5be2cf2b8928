import type { z } from 'zod';
import type { IssueReason, RuleReason } from './ack.js';

/**
 * The codes of zod's issues: every generic schema check says which one it failed. Kept apart
 * from the schemas (and free of zod at run time) so a screen can tell a reason's kind without
 * loading them.
 */
export const schemaCheckCodes = [
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const satisfies readonly z.core.$ZodIssueCode[];

const schemaChecks: ReadonlySet<string> = new Set(schemaCheckCodes);

/** True when a domain rule refused the field, not a generic schema check. */
export function isRuleReason(reason: IssueReason): reason is RuleReason {
  return !schemaChecks.has(reason.code);
}
