import type { WarningRecord } from '../protocol/index.js';

/**
 * The words of one language for the standard note of a warning, as i18next's `t` over the terms
 * gives them, the shares already formatted in that language.
 */
export type WarningNoteWords = (
  key: 'warningNote.standard',
  values: { fulfilment: string; threshold: string },
) => string;

/**
 * A warning's note for a reader: the standard one worded in `words`' language from the
 * fulfilment and threshold it was issued on (`percent` formats a share); one the chair typed
 * (or an older log's) as stored; null when there is none.
 * @example
 * warningNote(warning, (key, values) => t(key, values), format.percent);
 */
export function warningNote(
  warning: Pick<WarningRecord, 'note' | 'hasStandardNote' | 'fulfilment' | 'threshold'>,
  words: WarningNoteWords,
  percent: (ratio: number | null) => string,
): string | null {
  return warning.hasStandardNote ? standardWarningNote(warning, words, percent) : warning.note;
}

/** The standard note of a warning issued on `fulfilment` under `threshold`, in `words`' language. */
export function standardWarningNote(
  { fulfilment, threshold }: Pick<WarningRecord, 'fulfilment' | 'threshold'>,
  words: WarningNoteWords,
  percent: (ratio: number | null) => string,
): string {
  return words('warningNote.standard', { fulfilment: percent(fulfilment), threshold: percent(threshold) });
}
