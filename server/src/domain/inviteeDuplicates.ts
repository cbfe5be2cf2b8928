import type { Participant, RowProblem } from '@plenum/shared';

/** Who a pasted line or a participant is, as compared for duplicates. */
interface Person {
  name: string;
  role: string;
  unitId: string | null;
  email: string | null;
}

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
 * Checks the lines of a pasted list in turn for someone invited twice: against the participants
 * invited already (`invited`, not revoked), then against the earlier lines. Inviting them would
 * make a second participant, with a second link, for one person.
 */
export function duplicateChecker(invited: readonly { participant: Participant; email: string | null }[]) {
  const earlier: { line: number; person: Person }[] = [];
  return (line: number, person: Person): RowProblem | null => {
    const participant = firstSame(person, invited, (one) => ({ ...one.participant, email: one.email }));
    const repeated = participant ? null : firstSame(person, earlier, (one) => one.person);
    earlier.push({ line, person });
    if (participant) {
      return {
        column: participant.column,
        problem: 'invalid',
        message: `${participant.one.participant.name} is invited already, with the same ${participant.by}`,
        participant: participant.one.participant,
      };
    }
    if (repeated) {
      return {
        column: repeated.column,
        problem: 'invalid',
        message: `line ${repeated.one.line} names the same person, with the same ${repeated.by}`,
        earlierLine: repeated.one.line,
      };
    }
    return null;
  };
}
