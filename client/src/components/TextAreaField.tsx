import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLimit } from '../lib/format';
import { lengthState, sentLength, tooLongMessage } from './textLength';
import './InputField.css';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the text, said under the field and to screen readers with it. */
  error?: string | undefined;
  testId?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * A labelled text area in the form's field layout, with its error; other textarea attributes
 * pass through. `maxLength` is not left to the browser, which cuts a long paste silently: the
 * field holds all of it, counts from 90 % of the limit, and says past it how much to shorten
 * (the form refuses to send it, see `isTooLong`).
 */
export function TextAreaField(props: TextAreaFieldProps) {
  const { label, value, onChange, error, testId, ref, maxLength, ...textarea } = props;
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const id = useId();
  const errorId = `${id}-error`;
  const lengthId = `${id}-length`;
  const length = lengthState(value, maxLength);
  const isOver = length === 'over';
  // The error joins what the caller describes the text area by (its hint, its own problem).
  const describedBy = [textarea['aria-describedby'], error ? errorId : null, isOver ? lengthId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        {...textarea}
        id={id}
        ref={ref}
        data-testid={testId}
        value={value}
        aria-invalid={error || isOver ? true : textarea['aria-invalid']}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
      {maxLength !== undefined && (
        <>
          {length !== 'fits' && (
            <span
              className={`field-count${isOver ? ' field-count--over' : ''}`}
              data-testid={testId && `${testId}-count`}
              aria-hidden="true"
            >
              {t('common.textCount', {
                length: formatLimit(sentLength(value), locale),
                max: formatLimit(maxLength, locale),
              })}
            </span>
          )}
          {isOver && (
            <span id={lengthId} className="field-error" data-testid={testId && `${testId}-too-long`}>
              {tooLongMessage(value, maxLength)}
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
      )}
    </div>
  );
}
