import { Limits } from '@plenum/shared';
import { i18n } from '../../i18n';
import { numberAtMostWords } from '../../lib/issueWords';
import { parseNumber, type DraftProblem, type IndicatorDraft } from '../../widgets/reports/indicatorDraft';

const figureColumns = {
  'planned-invalid': 'planned',
  'reported-invalid': 'reported',
  'previous-invalid': 'previous',
} as const satisfies Partial<Record<DraftProblem, keyof IndicatorDraft>>;

const isFigureProblem = (problem: DraftProblem): problem is keyof typeof figureColumns => problem in figureColumns;

/**
 * A row's problem in the reader's language. A figure past the protocol's ceiling is a number
 * and not negative: it is told the ceiling, in the words the server's refusals use.
 */
export function draftProblemText(problem: DraftProblem, row: IndicatorDraft): string {
  if (isFigureProblem(problem)) {
    const column = figureColumns[problem];
    const value = parseNumber(row[column]);
    if (value !== null && value > Limits.figureMax) {
      return i18n.t(`report.form.problem.${column}-too-large`, { bound: numberAtMostWords(Limits.figureMax) });
    }
  }
  return i18n.t(`report.form.problem.${problem}`);
}
