import type { Issue, Participant, RowProblem } from '@plenum/shared';

/** Who a pasted line, an invitee or a participant is, as compared for duplicates. */
interface Person {
  name: string;
  role: string;
  unitId: string | null;
  email: string | null;
}

/** A participant invited already (not revoked), with their e-mail kept beside the invitation. */
type Invited = { participant: Participant; email: string | null };

/** Whom a person repeats, by which column: a participant invited already, or an earlier line of the list. */
type Repeat = { column: 'email' | 'name'; by: string } & ({ participant: Participant } | { earlierLine: number });

/** A name typed twice may differ in case and spacing and still be the same person's. */
const nameKey = (name: string) => name.replace(/\s+/gu, ' ').toLowerCase();

/**
 * The column by which two people are the same person: `email` (the same address, case aside),
 * else `name` (the same name, role and unit); null when they are not.
 */
function sameBy(a: Person, b: Person): 'email' | 'name' | null {
  if (a.email && b.email && a.email.toLowerCase() === b.email.toLowerCase()) return 'email';
  if (a.role === b.role && a.unitId === b.unitId && nameKey(a.name) === nameKey(b.name)) return 'name';
  return null;
}

/** The first of `among` who is the same person, and by which column. */
function firstSame<T>(person: Person, among: readonly T[], personOf: (one: T) => Person) {
  for (const one of among) {
    const column = sameBy(person, personOf(one));
    if (column) return { column, one, by: column === 'email' ? 'e-mail' : 'name, role and unit' };
  }
  return null;
}

/**
 * Checks the lines of a list in turn for someone invited twice: against the participants
 * invited already (`invited`, not revoked), then against the earlier lines. Inviting them would
 * make a second participant, with a second link, for one person.
 */
function repeatFinder(invited: readonly Invited[]) {
  const earlier: { line: number; person: Person }[] = [];
  return (line: number, person: Person): Repeat | null => {
    const participant = firstSame(person, invited, (one) => ({ ...one.participant, email: one.email }));
    const repeated = participant ? null : firstSame(person, earlier, (one) => one.person);
    earlier.push({ line, person });
    if (participant)
      return { column: participant.column, by: participant.by, participant: participant.one.participant };
    if (repeated) return { column: repeated.column, by: repeated.by, earlierLine: repeated.one.line };
    return null;
  };
}

const invitedAlready = (participant: Participant, by: string) =>
  `${participant.name} is invited already, with the same ${by}`;

/** {@link repeatFinder} for a pasted list: each repeat as its line's problem, naming the earlier line or the participant. */
export function duplicateChecker(invited: readonly Invited[]) {
  const find = repeatFinder(invited);
  return (line: number, person: Person): RowProblem | null => {
    const repeat = find(line, person);
    if (!repeat) return null;
    const { column, by } = repeat;
    return 'participant' in repeat
      ? { column, problem: 'invalid', message: invitedAlready(repeat.participant, by), participant: repeat.participant }
      : {
          column,
          problem: 'invalid',
          message: `line ${repeat.earlierLine} names the same person, with the same ${by}`,
          earlierLine: repeat.earlierLine,
        };
  };
}

/** Whether an issue is one {@link duplicateIssues} makes: someone invited already, or twice in the list. */
export function isDuplicateIssue(issue: Issue): boolean {
  return issue.reason?.code === 'invited-already' || issue.reason?.code === 'same-as-earlier-entry';
}

/**
 * {@link repeatFinder} for invitees sent as data (one, or a list): each repeat as an issue on the
 * field (`email` or `name`) under `pathOf(i)`, naming the participant or the earlier entry (from 1).
 */
export function duplicateIssues(
  invited: readonly Invited[],
  invitees: readonly (Omit<Person, 'email'> & { email?: string | null })[],
  pathOf: (i: number) => string,
): Issue[] {
  const find = repeatFinder(invited);
  return invitees.flatMap((invitee, i): Issue[] => {
    const repeat = find(i + 1, { ...invitee, email: invitee.email ?? null });
    if (!repeat) return [];
    const { column, by } = repeat;
    const path = `${pathOf(i)}${column}`;
    return 'participant' in repeat
      ? [
          {
            path,
            message: invitedAlready(repeat.participant, by),
            reason: { code: 'invited-already', participant: repeat.participant, sameBy: column },
          },
        ]
      : [
          {
            path,
            message: `entry ${repeat.earlierLine} of the list names the same person, with the same ${by}`,
            reason: { code: 'same-as-earlier-entry', entry: repeat.earlierLine, sameBy: column },
          },
        ];
  });
}
