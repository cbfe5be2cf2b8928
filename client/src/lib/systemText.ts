import type { TFunction } from 'i18next';
import { i18n, languageCodes, type Language } from '../i18n';

/**
 * Whether `text` is the one the system writes, as `wordedIn` words it in any language this page
 * has the words of: a form opened in one language and sent untouched after a switch to another
 * still holds it as first shown, and it must stay worded for each reader.
 */
export function isSystemText(text: string, wordedIn: (t: TFunction, language: Language) => string): boolean {
  return languageCodes.some(
    (language) => i18n.hasResourceBundle(language, 'terms') && wordedIn(i18n.getFixedT(language), language) === text,
  );
}
