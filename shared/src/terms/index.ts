import type en from './en.json';

/**
 * The words of the record shared by the screens and the server's records: role and status
 * labels (`labels`) and the flags a report raises (`flags`). One file per language, loaded
 * only when that language is used, so a screen in one language never carries the other. The
 * English file is the shape: the others have the same keys but their own plural forms (Korean
 * has no `_one`), which the completeness tests check.
 */
export type Terms = typeof en;

/** The languages the terms are written in. */
export type TermsLanguage = 'en' | 'ko';

const termFiles: Record<TermsLanguage, () => Promise<{ default: object }>> = {
  en: () => import('./en.json', { with: { type: 'json' } }),
  ko: () => import('./ko.json', { with: { type: 'json' } }),
};

/**
 * The terms of `language`, for an i18next namespace.
 * @example
 * i18n.addResourceBundle('ko', 'terms', await loadTerms('ko'));
 */
export async function loadTerms(language: TermsLanguage): Promise<Terms> {
  return (await termFiles[language]()).default as Terms;
}
