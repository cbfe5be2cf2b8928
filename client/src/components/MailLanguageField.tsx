import { notificationLanguages, type NotificationLanguage } from '@plenum/shared';
import { useId } from 'react';
import { isLanguage, languages } from '../i18n/languages';

/** The language of this screen when e-mails can be sent in it, else the protocol's default. */
export function screenMailLanguage(code: string | undefined): NotificationLanguage {
  return notificationLanguages.find((language) => language === code) ?? 'en';
}

interface MailLanguageFieldProps {
  label: string;
  value: NotificationLanguage;
  onChange: (language: NotificationLanguage) => void;
  testId: string;
}

/** The language an invitation e-mail goes out in, each named in its own language. */
export function MailLanguageField({ label, value, onChange, testId }: MailLanguageFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(screenMailLanguage(e.target.value))}>
        {notificationLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {isLanguage(code) ? languages[code] : code}
          </option>
        ))}
      </select>
    </div>
  );
}
