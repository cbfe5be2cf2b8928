import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import { fallbackLanguage, isLanguage, languageCodes, pickLanguage, type Language } from './languages';

export { languages, languageCodes, type Language } from './languages';

/** Where the chosen language is kept, so every screen and every reload speaks it. */
export const languageStorageKey = 'plenum:language';

// Only the fallback language is bundled; the others are fetched when chosen, so a language
// costs nothing to those who do not use it.
const lazyLocales = import.meta.glob<{ default: typeof en }>(['./locales/*.json', '!./locales/en.json']);

/**
 * Fonts a language needs that a fresh machine may lack (Hangul on a system without a CJK font
 * shows as empty boxes). Loaded with the language only; each weight is split by unicode-range,
 * so the browser fetches only the subsets holding the characters on screen.
 */
const languageFonts: Partial<Record<Language, () => Promise<unknown>>> = {
  ko: () => Promise.all([import('@fontsource/noto-sans-kr/400.css'), import('@fontsource/noto-sans-kr/700.css')]),
};

/** The app's i18next instance. */
export const i18n: I18n = i18next.createInstance();

function storedLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(languageStorageKey);
    return stored !== null && isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language to start in: the one chosen before, else the browser's, else English. */
export function initialLanguage(): Language {
  return storedLanguage() ?? pickLanguage(typeof navigator === 'undefined' ? [] : navigator.languages);
}

async function ensureLoaded(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const load = lazyLocales[`./locales/${language}.json`];
  if (!load) throw new Error(`No locale file for ${language}`);
  const bundle = await load();
  i18n.addResourceBundle(language, 'translation', bundle.default, true, true);
}

async function ensureFonts(language: Language): Promise<void> {
  try {
    await languageFonts[language]?.();
  } catch (error) {
    // The text stays readable wherever the system has a font for it; never block the switch.
    console.warn(`Plenum: cannot load the font for ${language}`, error);
  }
}

function reflectInDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Initialises i18next with the bundled fallback and switches to `language` once its file is
 * loaded. Resolves when the screen can render in that language.
 */
export async function initI18n(language: Language = initialLanguage()): Promise<I18n> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      resources: { [fallbackLanguage]: { translation: en } },
      lng: fallbackLanguage,
      fallbackLng: fallbackLanguage,
      supportedLngs: languageCodes,
      partialBundledLanguages: true,
      initAsync: false,
      // React escapes what it renders.
      interpolation: { escapeValue: false },
      returnEmptyString: false,
      react: { useSuspense: false },
    });
    i18n.on('languageChanged', reflectInDocument);
  }
  try {
    await changeLanguage(language, { persist: false });
  } catch (error) {
    // A locale file that cannot be fetched must not leave the page blank: fall back.
    console.warn(`Plenum: cannot load language ${language}; using ${fallbackLanguage}`, error);
    await changeLanguage(fallbackLanguage, { persist: false });
  }
  return i18n;
}

/** Switches every screen to `language`, loading its file first; remembered on this device. */
export async function changeLanguage(language: Language, options: { persist?: boolean } = {}): Promise<void> {
  await Promise.all([ensureLoaded(language), ensureFonts(language)]);
  await i18n.changeLanguage(language);
  reflectInDocument(language);
  if (options.persist === false) return;
  try {
    window.localStorage.setItem(languageStorageKey, language);
  } catch {
    // Storage may be disabled; the choice then lasts until the page is reloaded.
  }
}

/** The current language as a BCP 47 tag for `Intl`, e.g. `ko`. */
export function currentLocale(): string {
  return i18n.resolvedLanguage ?? i18n.language ?? fallbackLanguage;
}
