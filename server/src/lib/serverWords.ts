import { loadTerms } from '@plenum/shared';
import i18next, { type i18n, type Resource } from 'i18next';

// The labels and flags are the screens' own words (one source in shared): a key missing from a
// document's own words is looked up there.
const [termsEn, termsKo] = await Promise.all([loadTerms('en'), loadTerms('ko')]);

/**
 * An i18next instance for what the server writes in the reader's language (records, e-mails):
 * `en` and `ko` are that writer's own words, the terms of shared behind them; plain text, so
 * nothing is escaped.
 */
export function serverWords(en: Resource[string]['translation'], ko: Resource[string]['translation']): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en, terms: termsEn }, ko: { translation: ko, terms: termsKo } },
    fallbackNS: 'terms',
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
