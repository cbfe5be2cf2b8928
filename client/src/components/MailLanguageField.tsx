import { notificationLanguages, type NotificationLanguage } from '@plenum/shared';
import { useId } from 'react';
import { isLanguage, languages } from '../i18n/languages';
import { SelectField } from './SelectField';

/** Each language an e-mail can be sent in, named in its own language. */
const options = notificationLanguages.map((code) => ({
  value: code,
  label: isLanguage(code) ? languages[code] : code,
  lang: code,
}));

interface MailLanguageFieldProps {
  label: string;
  value: NotificationLanguage;
  onChange: (language: NotificationLanguage) => void;
  testId: string;
}

/** The language an invitation e-mail goes out in. */
export function MailLanguageField({ label, value, onChange, testId }: MailLanguageFieldProps) {
  return <SelectField id={useId()} label={label} value={value} options={options} onChange={onChange} testId={testId} />;
}
