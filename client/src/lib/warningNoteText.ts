import { standardWarningNote, warningNote, type WarningRecord } from '@plenum/shared';
import type { TFunction } from 'i18next';

type Percent = (ratio: number | null) => string;

/** A warning's note in the language of `t`: the standard one worded in it, one typed as typed. */
export function warningNoteIn(
  t: TFunction,
  percent: Percent,
  warning: Pick<WarningRecord, 'note' | 'hasStandardNote' | 'fulfilment' | 'threshold'>,
): string | null {
  return warningNote(warning, (key, values) => t(key, values), percent);
}

/** The standard note of a warning proposed on `fulfilment` under `threshold`, in the language of `t`. */
export function standardWarningNoteIn(
  t: TFunction,
  percent: Percent,
  proposal: Pick<WarningRecord, 'fulfilment' | 'threshold'>,
): string {
  return standardWarningNote(proposal, (key, values) => t(key, values), percent);
}
