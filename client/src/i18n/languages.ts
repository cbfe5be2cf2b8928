/**
 * The languages Plenum speaks, each by its own name. Adding one is this line plus
 * `locales/<code>.json` with every key of `en.json`; the completeness test checks the file.
 */
export const languages = {
  en: 'English',
  ko: '한국어',
} as const satisfies Record<string, string>;

/** A supported language code, e.g. `ko`. */
export type Language = keyof typeof languages;

/** The language every other one falls back to, and whose file is bundled with the app. */
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
