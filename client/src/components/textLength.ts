import { i18n } from '../i18n';
import { formatLimit } from '../lib/format';

/** Where a long text stands against its limit: the count shows from `near`, sending stops at `over`. */
export type LengthState = 'fits' | 'near' | 'over';

/** The share of the limit past which the field shows its count. */
const nearShare = 0.9;

/** The length the protocol bounds: the text as it is sent, trimmed. */
export function sentLength(text: string): number {
  return text.trim().length;
}

/** Where `text` stands against `maxLength`; a field without a limit always fits. */
export function lengthState(text: string, maxLength: number | undefined): LengthState {
  if (maxLength === undefined) return 'fits';
  const length = sentLength(text);
  return length > maxLength ? 'over' : length >= maxLength * nearShare ? 'near' : 'fits';
}

/** True when `text` has more characters than may be sent: the form refuses to send it. */
export function isTooLong(text: string, maxLength: number | undefined): boolean {
  return lengthState(text, maxLength) === 'over';
}

/**
 * Why a form refuses to send: the words for the first of `texts` past `maxLength`, or null when
 * every one fits.
 */
export function tooLongProblem(maxLength: number | undefined, ...texts: readonly string[]): string | null {
  if (maxLength === undefined) return null;
  const tooLong = texts.find((text) => isTooLong(text, maxLength));
  return tooLong === undefined ? null : tooLongMessage(tooLong, maxLength);
}

/** What to change, said beside the field and again when a form refuses to send it. */
export function tooLongMessage(text: string, maxLength: number): string {
  return i18n.t('common.textTooLong', {
    max: formatLimit(maxLength),
    over: formatLimit(sentLength(text) - maxLength),
  });
}
