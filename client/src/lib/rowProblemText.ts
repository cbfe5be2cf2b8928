import type { RowProblem } from '@plenum/shared';
import { i18n } from '../i18n';

/** One problem of an imported or pasted line in the reader's language: the column, then why. */
export function rowProblemText(problem: RowProblem): string {
  const reason =
    problem.problem === 'invalid'
      ? problem.message
      : i18n.t(`rowProblem.${problem.problem}`, { options: (problem.options ?? []).join(', ') });
  return i18n.t('rowProblem.line', { column: problem.column, reason });
}
