import { z } from 'zod';
import { Limits } from '../limits.js';
import { schemaMessages } from './messages.js';

export { Limits };

/** Identifier of any entity: short, URL-safe. */
export const IdSchema = z
  .string()
  .min(1)
  .max(Limits.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, schemaMessages.idCharacters);

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
  .refine(isVisible, schemaMessages.visible)
  .refine((value) => !controlCharacters.test(value), schemaMessages.noControl)
  .refine((value) => !lineSeparators.test(value), schemaMessages.oneLine)
  .refine((value) => !bidiControls.test(value), schemaMessages.noBidi);

/**
 * Free text such as a criticism: trimmed, visible, bounded; line breaks (`\n`, `\r`) and tabs
 * allowed, no other control, no line or paragraph separator, no bidi override.
 */
export const TextSchema = z
  .string()
  .trim()
  .min(1)
  .max(Limits.textLength)
  .refine(isVisible, schemaMessages.visible)
  .refine((value) => !controlCharactersButLines.test(value), schemaMessages.noControl)
  .refine((value) => !lineSeparators.test(value), schemaMessages.lineBreaks)
  .refine((value) => !bidiControls.test(value), schemaMessages.noBidi);

/** A reporting period: a year and a quarter, e.g. `2026-Q1`. */
export const PeriodSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, schemaMessages.period)
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= Limits.yearMin && year <= Limits.yearMax;
  }, schemaMessages.periodYear);

/** A calendar date, `YYYY-MM-DD`, from 2000-01-01 to 2100-12-31. */
export const IsoDateSchema = z.iso
  .date()
  .refine(
    (value) => value >= `${Limits.yearMin}-01-01` && value <= `${Limits.yearMax}-12-31`,
    schemaMessages.dateRange,
  );

/** An instant, ISO 8601 in UTC as produced by `Date.prototype.toISOString`. */
export const InstantSchema = z.iso.datetime();

/** A quantity in a report (reported, verified, previous): finite, 0 or from 1e-6 to 1e15. */
export const QuantitySchema = z
  .number()
  .finite()
  .min(0, schemaMessages.notNegative)
  .max(Limits.figureMax)
  .refine((value) => value <= 0 || value >= Limits.figureMin, schemaMessages.quantityMin);

/** A planned value: from 1e-6 to 1e15; nothing planned leaves fulfilment undefined. */
export const PlannedSchema = z.number().finite().min(Limits.figureMin, schemaMessages.plannedMin).max(Limits.figureMax);
