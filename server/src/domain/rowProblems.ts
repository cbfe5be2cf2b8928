import type { RowProblem } from '@plenum/shared';
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
