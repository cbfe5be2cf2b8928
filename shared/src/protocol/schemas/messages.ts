import { Limits } from '../limits.js';

/**
 * What a schema's own checks say when they refuse, as the protocol speaks it (English). A screen
 * says them in its reader's language by key; zod's generic checks (too long, not a number…)
 * are worded from the reason instead.
 */
export const schemaMessages = {
  idCharacters: 'letters, digits, "-" and "_" only',
  visible: 'must contain visible characters',
  noControl: 'no control characters',
  oneLine: 'one line: no line or paragraph separator',
  lineBreaks: 'no line or paragraph separator: use a line break',
  noBidi: 'no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069)',
  period: 'a period such as 2026-Q1',
  periodYear: `a year from ${Limits.yearMin} to ${Limits.yearMax}`,
  dateRange: `a date from ${Limits.yearMin}-01-01 to ${Limits.yearMax}-12-31`,
  timeOfDay: 'a time such as 09:30',
  notNegative: 'not negative',
  quantityMin: `0, or at least ${Limits.figureMin}`,
  plannedMin: `more than 0: at least ${Limits.figureMin}`,
  oneProduction: 'at most one production indicator',
  uniqueIndicators: 'indicator ids must be unique',
  partOf: 'partOf must name another indicator of the same report',
  oneDecisionPerUnit: 'one decision per unit',
  fieldToChange: 'name at least one field to change',
  urlCredentials: 'The URL may not carry a user name or password.',
  oneEventType: 'Choose at least one event.',
  eventTypeTwice: 'An event is listed twice.',
  nothingToChange: 'Nothing to change.',
} as const;
export type SchemaMessageKey = keyof typeof schemaMessages;

const keyOfMessage = new Map(
  Object.entries(schemaMessages).map(([key, message]) => [message as string, key as SchemaMessageKey]),
);

/** The key of a schema's own message, or null for any other text (zod's generic words, a domain's). */
export function schemaMessageKey(message: string): SchemaMessageKey | null {
  return keyOfMessage.get(message) ?? null;
}
