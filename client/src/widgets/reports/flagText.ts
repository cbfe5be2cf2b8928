import { flagReasonOf, reasonWords, type Flag, type ReportState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../lib/useFormat';

/** A share the flag carries (a fulfilment before or after a revision); null when it has none. */
export function flagShare(flag: Flag, key: string): number | null {
  const value = flag.params[key];
  return typeof value === 'number' ? value : null;
}

/** A flag's name, e.g. "Exactly on plan". */
export function flagTitle(t: TFunction, flag: Flag): string {
  return t(`labels.flag.${flag.kind}`);
}

/**
 * Why a flag fired (the shared `flagReasonOf`), in a sentence of the current language with the
 * numbers formatted for the locale.
 */
export function flagReason(t: TFunction, flag: Flag, report: ReportState, format: Formatters): string {
  const reason = flagReasonOf(flag, report);
  return t(`flags.${reason.key}`, reasonWords(reason, format));
}
