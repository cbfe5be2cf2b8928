/** How a field is compared instead of by identity: true when the two values count as the same. */
export type FieldComparisons<T> = { [K in keyof T]?: (a: T[K], b: T[K]) => boolean };

/**
 * Whether two objects have the same fields with the same values, compared by identity
 * (`Object.is`) but for the fields `compare` names: for a memo that renders again only when
 * something it shows changed.
 */
export function sameFields<T extends object>(a: T, b: T, compare: FieldComparisons<T>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const same = compare[key];
    return same ? same(a[key], b[key]) : Object.is(a[key], b[key]);
  });
}
