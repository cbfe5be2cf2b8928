import { z } from 'zod';
import { Limits } from '../limits.js';

export { Limits };

/** Identifier of any entity: short, URL-safe. */
export const IdSchema = z
  .string()
  .min(1)
  .max(Limits.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');

// Control characters have no place in a name or a criticism, and NUL cannot be stored in PostgreSQL.
/* eslint-disable no-control-regex -- these patterns exist to match control characters */
const noControlCharacters = /^[^\u0000-\u001f\u007f]*$/;
const noControlCharactersButLines = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/* eslint-enable no-control-regex */

/** A display name: trimmed, non-empty, bounded, one line. */
export const NameSchema = z
  .string()
  .trim()
  .min(1)
  .max(Limits.nameLength)
  .regex(noControlCharacters, 'no control characters');

/** Free text such as a criticism: trimmed, non-empty, bounded; line breaks and tabs allowed. */
export const TextSchema = z
  .string()
  .trim()
  .min(1)
  .max(Limits.textLength)
  .regex(noControlCharactersButLines, 'no control characters');

/** A reporting period: a year and a quarter, e.g. `2026-Q1`. */
export const PeriodSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'a period such as 2026-Q1');

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date();

/** An instant, ISO 8601 in UTC as produced by `Date.prototype.toISOString`. */
export const InstantSchema = z.iso.datetime();

/** A finite number (no NaN, no Infinity): figures in reports. */
export const FigureSchema = z.number().finite().min(-1e15).max(1e15);
