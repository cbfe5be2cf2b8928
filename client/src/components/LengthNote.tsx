import { useTranslation } from 'react-i18next';
import { formatLimit } from '../lib/format';
import { isTooLong, lengthState, sentLength, tooLongMessage } from './textLength';

interface LengthNoteProps {
  /** The id of the too-long words, which the field is described by while it is over. */
  id: string;
  value: string;
  maxLength: number | undefined;
  /** The field's own error: when it already says how much to shorten, it is not said twice. */
  error?: string | undefined;
  testId?: string | undefined;
}

/**
 * What a bounded text field says under it instead of the browser's `maxlength`, which cuts a
 * long paste silently: the count from 90 % of the limit, past it how much to shorten, and the
 * same once to screen readers. Nothing without a limit.
 */
export function LengthNote({ id, value, maxLength, error, testId }: LengthNoteProps) {
  const { t, i18n } = useTranslation();
  if (maxLength === undefined) return null;
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const length = lengthState(value, maxLength);
  const tooLong = shownTooLong(value, maxLength, error);
  return (
    <>
      {length !== 'fits' && (
        <span
          className={`field-count${length === 'over' ? ' field-count--over' : ''}`}
          data-testid={testId && `${testId}-count`}
          aria-hidden="true"
        >
          {t('common.textCount', {
            length: formatLimit(sentLength(value), locale),
            max: formatLimit(maxLength, locale),
          })}
        </span>
      )}
      {tooLong && (
        <span id={id} className="field-error" data-testid={testId && `${testId}-too-long`}>
          {tooLong}
        </span>
      )}
      {/* Said once as the text nears or passes the limit, not at every key. */}
      <span className="visually-hidden" aria-live="polite">
        {length === 'fits'
          ? ''
          : t(`common.${length === 'near' ? 'textNearLimit' : 'textOverLimit'}`, {
              max: formatLimit(maxLength, locale),
            })}
      </span>
    </>
  );
}

/**
 * The too-long words a bounded field shows under it (see {@link LengthNote}), or null: none while
 * it fits, nor when the field's error already says them.
 */
export function shownTooLong(value: string, maxLength: number | undefined, error?: string): string | null {
  if (maxLength === undefined || !isTooLong(value, maxLength)) return null;
  const message = tooLongMessage(value, maxLength);
  return message === error ? null : message;
}
