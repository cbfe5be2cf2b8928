import { notificationLanguages, type NotificationLanguage } from '@plenum/shared';

/**
 * The languages Plenum speaks, each by its own name. Adding one is this line plus a folder
 * `locales/<code>/` with every namespace file of `locales/en/` and every key in it, and the
 * terms in shared (`shared/src/terms/<code>.json`); the completeness test checks them.
 */
export const languages = {
  en: 'English',
  ko: '한국어',
} as const satisfies Record<string, string>;

/** A supported language code, e.g. `ko`. */
export type Language = keyof typeof languages;

/** The language a page falls back to when the words of the chosen one cannot be fetched. */
export const fallbackLanguage: Language = 'en';

/** Every supported language code, in the order of the switch. */
export const languageCodes = Object.keys(languages) as Language[];

/** True when `code` is a supported language. */
export function isLanguage(code: string): code is Language {
  return Object.hasOwn(languages, code);
}

/**
 * The best supported language for a list of preferences such as `navigator.languages`
 * (`ko-KR` picks `ko`), or the fallback.
 */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const preference of preferences) {
    const code = preference.toLowerCase();
    if (isLanguage(code)) return code;
    const base = code.split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return fallbackLanguage;
}

/**
 * The screen's language when the server writes in it too (e-mails, the agenda it proposes at
 * convening), else the protocol's default.
 */
export function serverLanguage(code: string | undefined): NotificationLanguage {
  return notificationLanguages.find((language) => language === code) ?? 'en';
}
