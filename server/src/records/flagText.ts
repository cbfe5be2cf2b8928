import { flagReasonOf, reasonWords, type Flag, type ReportState } from '@plenum/shared';
import type { RecordWords } from './i18n.js';

/** A flag's name, e.g. "Exactly on plan". */
export function flagTitle(words: RecordWords, flag: Flag): string {
  return words.t(`labels.flag.${flag.kind}`);
}

/** Why a flag fired (the shared `flagReasonOf`), in the records' words: the same sentences as the screens'. */
export function flagReason(words: RecordWords, flag: Flag, report: ReportState): string {
  const reason = flagReasonOf(flag, report);
  return words.t(`flags.${reason.key}`, reasonWords(reason, words));
}
