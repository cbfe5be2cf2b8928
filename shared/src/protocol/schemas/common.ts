import { z } from 'zod';
import { Limits } from '../limits.js';

export { Limits };

/** Identifier of any entity: short, URL-safe. */
export const IdSchema = z
  .string()
  .min(1)
  .max(Limits.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');

// Control characters have no place in a name or a criticism, and NUL cannot be stored in
// PostgreSQL. C1 controls count too (U+0085 is a line break in some programs).
const controlCharacters = /\p{Cc}/u;
const controlCharactersButLines = /(?![\t\n\r])\p{Cc}/u;
/** U+2028 and U+2029 break a line where only `\n` is expected. */
const lineSeparators = /[\u2028\u2029]/u;
/** Bidirectional embeddings, overrides and isolates: they make text read otherwise than it is stored. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/u;
/** What shows nothing on screen: spaces, format characters and the default-ignorable ones. */
const invisibleCharacters = /[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

const isVisible = (value: string) => value.replace(invisibleCharacters, '') !== '';

/** A display name: trimmed, visible, bounded, one line, no control, separator or bidi override. */
export const NameSchema = z
  .string()
  .trim()
  .min(1)
  .max(Limits.nameLength)
  .refine(isVisible, 'must contain visible characters')
  .refine((value) => !controlCharacters.test(value), 'no control characters')
  .refine((value) => !lineSeparators.test(value), 'one line: no line or paragraph separator')
  .refine((value) => !bidiControls.test(value), 'no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069)');

/**
 * Free text such as a criticism: trimmed, visible, bounded; line breaks (`\n`, `\r`) and tabs
 * allowed, no other control, no line or paragraph separator, no bidi override.
 */
export const TextSchema = z
  .string()
  .trim()
  .min(1)
  .max(Limits.textLength)
  .refine(isVisible, 'must contain visible characters')
  .refine((value) => !controlCharactersButLines.test(value), 'no control characters')
  .refine((value) => !lineSeparators.test(value), 'no line or paragraph separator: use a line break')
  .refine((value) => !bidiControls.test(value), 'no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069)');

/** A reporting period: a year and a quarter, e.g. `2026-Q1`. */
export const PeriodSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'a period such as 2026-Q1')
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= Limits.yearMin && year <= Limits.yearMax;
  }, `a year from ${Limits.yearMin} to ${Limits.yearMax}`);

/** A calendar date, `YYYY-MM-DD`, from 2000-01-01 to 2100-12-31. */
export const IsoDateSchema = z.iso
  .date()
  .refine(
    (value) => value >= `${Limits.yearMin}-01-01` && value <= `${Limits.yearMax}-12-31`,
    `a date from ${Limits.yearMin}-01-01 to ${Limits.yearMax}-12-31`,
  );

/** An instant, ISO 8601 in UTC as produced by `Date.prototype.toISOString`. */
export const InstantSchema = z.iso.datetime();

/** A quantity in a report (reported, verified, previous): finite, 0 or from 1e-6 to 1e15. */
export const QuantitySchema = z
  .number()
  .finite()
  .min(0, 'not negative')
  .max(Limits.figureMax)
  .refine((value) => value <= 0 || value >= Limits.figureMin, `0, or at least ${Limits.figureMin}`);

/** A planned value: from 1e-6 to 1e15; nothing planned leaves fulfilment undefined. */
export const PlannedSchema = z
  .number()
  .finite()
  .min(Limits.figureMin, `more than 0: at least ${Limits.figureMin}`)
  .max(Limits.figureMax);
