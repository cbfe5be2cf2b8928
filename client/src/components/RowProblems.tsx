import './RowProblems.css';

/** What is wrong with one cell of a read line: its column and why. */
export interface RowProblem {
  column: string;
  message: string;
}

interface RowProblemsProps {
  problems: readonly RowProblem[];
  /** One problem in the screen's words, e.g. "Column name: Required". */
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
