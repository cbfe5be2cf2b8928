import type { RowProblem } from '@plenum/shared';
import './RowProblems.css';

interface RowProblemsProps {
  problems: readonly RowProblem[];
  /** One problem in the reader's words, e.g. "Column name: fill this in". */
  describe: (problem: RowProblem) => string;
}

/** The problems of one line of a pasted or imported list, one item each; nothing when it reads well. */
export function RowProblems({ problems, describe }: RowProblemsProps) {
  if (problems.length === 0) return null;
  return (
    <ul className="row-problems">
      {problems.map((problem) => (
        <li key={`${problem.column}:${problem.message}`}>{describe(problem)}</li>
      ))}
    </ul>
  );
}
