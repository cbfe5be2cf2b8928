/**
 * Refused fields by the name a form gives them. No zod here (nor in what this imports): the
 * live screens mark a refusal's fields with it, and their first visit must not load the schemas;
 * a form's own schema check words its issues with `schemaIssuesByField`.
 */

import type { Issue } from '@plenum/shared';
import { issueInWords } from './issueWords';

/**
 * A refused field's path, from the zod schema (`session.days.0.date`) or the server
 * (`body.session.thresholds.warningBelow`), as the form names its fields (`days.0.date`,
 * `warningBelow`): the body's nesting is the form's business, not the person's.
 */
export function fieldKey(path: string): string {
  return path
    .split('.')
    .filter((segment) => !['body', 'session', 'thresholds'].includes(segment))
    .join('.');
}

/** Issues by field key, in the reader's language; the first message wins. */
export function issuesByField(issues: readonly Issue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) byField[fieldKey(issue.path)] ??= issueInWords(issue);
  return byField;
}
