import type { Issue, RowProblem, RuleReason } from '@plenum/shared';
import type { z } from 'zod';

/**
 * A schema's complaint about one cell of an imported row, typed so the screen can say it in the
 * reader's language (the English `message` stays for API callers). `column` names the file's column.
 */
export function rowProblemOf(issue: z.core.$ZodIssue, column: string, cell: string | null): RowProblem {
  const base = { column, message: issue.message };
  switch (issue.code) {
    case 'invalid_value':
      return { ...base, problem: 'invalid-option', options: issue.values.map(String) };
    case 'too_big':
      return { ...base, problem: 'too-long' };
    case 'too_small':
      return { ...base, problem: 'required' };
    case 'invalid_type':
      return { ...base, problem: cell === null ? 'required' : 'invalid-format' };
    case 'invalid_format':
      return { ...base, problem: 'invalid-format' };
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return { ...base, problem: cell === null ? 'required' : 'invalid' };
  }
}

/** The register's rule a row problem names, with the cell's value: null for a schema's complaint. */
function ruleReasonOf(problem: RowProblem, cell: string | null): RuleReason | null {
  switch (problem.problem) {
    case 'unknown-parent':
      return cell === null ? null : { code: 'unknown-parent', parentId: cell };
    case 'retired-parent':
      return cell === null ? null : { code: 'retired-parent', parentId: cell };
    case 'cycle':
      return { code: 'parent-cycle' };
    case 'duplicate-id':
      return cell === null ? null : { code: 'duplicate-unit-id', id: cell };
    case 'required':
    case 'invalid-option':
    case 'too-long':
    case 'invalid-format':
    case 'unknown-unit':
    case 'unit-mismatch':
    case 'chair-by-administrator':
    case 'not-your-unit':
    case 'invalid':
      return null;
  }
}

/** A row problem as an issue on `path`, for a body that is not a file; `cell` is the refused field's value. */
export function issueOfRowProblem(problem: RowProblem, path: string, cell: string | null): Issue {
  const reason = ruleReasonOf(problem, cell);
  return { path, message: problem.message, ...(reason && { reason }) };
}
