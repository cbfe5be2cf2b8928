import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, languageCodes, languages, type Language } from '../i18n';
import { isLanguage } from '../i18n/languages';
import { Icon } from '../components/Icon';
import './LanguageSwitch.css';

/** Chooses the language of every screen; remembered on this device. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className={`language-switch ${className}`.trim()}>
      <label htmlFor={id}>
        <Icon name="globe" /> <span className="language-switch__word">{t('language.label')}</span>
      </label>
      <select
        id={id}
        data-testid="language-switch"
        value={isLanguage(current) ? current : 'en'}
        onChange={(e) => void changeLanguage(e.target.value as Language)}
      >
        {languageCodes.map((code) => (
          <option key={code} value={code} lang={code}>
            {languages[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
