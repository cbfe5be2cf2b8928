import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import './Landing.css';

/** `/`: what Plenum is, and that people join through their invite link. */
export function Landing() {
  const { t } = useTranslation();
  return (
    <main className="page centred landing">
      <LanguageSwitch className="page-language" />
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('landing.lead')}</p>
      <p>{t('landing.about')}</p>
      <h2>{t('landing.howToJoin')}</h2>
      <p>{t('landing.join')}</p>
    </main>
  );
}

/** Any other address. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page centred">
      <LanguageSwitch className="page-language" />
      <h1>{t('notFound.heading')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <a href="/">{t('notFound.about')}</a>
      </p>
    </main>
  );
}
