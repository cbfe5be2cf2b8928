import { loadTerms } from '@plenum/shared';
import i18next, { type i18n as I18n } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { keep, readKept } from '../lib/keptOnDevice';
import { fallbackLanguage, isLanguage, languageCodes, pickLanguage, type Language } from './languages';
import { loadHangulFont } from './hangulFont';
import { allNamespaces, carvedNamespaces, firstNamespaces, type CarvedNamespace, type Namespace } from './namespaces';

export { languages, languageCodes, type Language } from './languages';
export { allNamespaces, type Namespace } from './namespaces';

/** Where the chosen language is kept, so every screen and every reload speaks it. */
export const languageStorageKey = 'plenum:language';

type LocaleFiles = Record<string, () => Promise<{ default: object }>>;

// No words are bundled: each namespace of each language is a chunk of its own (a carved one is
// cut from its file by the build), fetched when a screen in that language needs it, so a
// language or a screen costs nothing to those who do not use it.
const localeFiles: LocaleFiles = import.meta.glob<{ default: object }>([
  './locales/*/*.json',
  '!./locales/*/{common,live}.json',
]);
/** The namespaces of `carvedNamespaces` and the files they are carved out of, each served apart. */
const carvedFiles: Partial<Record<Namespace, LocaleFiles>> = {
  common: import.meta.glob<{ default: object }>('./locales/*/common.json', { query: { carve: 'common' } }),
  confirm: import.meta.glob<{ default: object }>('./locales/*/common.json', { query: { carve: 'confirm' } }),
  refusals: import.meta.glob<{ default: object }>('./locales/*/common.json', { query: { carve: 'refusals' } }),
  live: import.meta.glob<{ default: object }>('./locales/*/live.json', { query: { carve: 'live' } }),
  decisions: import.meta.glob<{ default: object }>('./locales/*/live.json', { query: { carve: 'decisions' } }),
};

async function loadWords(language: string, namespace: string): Promise<object> {
  if (namespace === 'terms' && isLanguage(language)) return loadTerms(language);
  const file = carvedNamespaces[namespace as CarvedNamespace]?.from ?? namespace;
  const load = (carvedFiles[namespace as Namespace] ?? localeFiles)[`./locales/${language}/${file}.json`];
  if (!load) throw new Error(`No words for ${language}/${namespace}`);
  return (await load()).default;
}

/**
 * Fonts a language needs that a fresh machine may lack (Hangul on a system without a CJK font
 * shows as empty boxes), loaded with the language; Hangul shown on a screen in another language
 * loads the same font (`drawHangulWhenShown`).
 */
const languageFonts: Partial<Record<Language, () => Promise<unknown>>> = {
  ko: loadHangulFont,
};

/** The app's i18next instance. */
export const i18n: I18n = i18next.createInstance();

function storedLanguage(): Language | null {
  const stored = readKept(languageStorageKey);
  return stored !== null && isLanguage(stored) ? stored : null;
}

/** The language to start in: the one chosen before, else the browser's, else English. */
export function initialLanguage(): Language {
  return storedLanguage() ?? pickLanguage(typeof navigator === 'undefined' ? [] : navigator.languages);
}

/** Loads every namespace used so far in `language`; throws when one cannot be fetched. */
async function ensureLoaded(language: Language): Promise<void> {
  await i18n.loadLanguages(language);
  const used = [i18n.options.ns ?? []].flat();
  const missing = used.filter((ns) => !i18n.hasResourceBundle(language, ns));
  if (missing.length > 0) throw new Error(`Cannot load the words of ${language}: ${missing.join(', ')}`);
}

/**
 * Loads the words of lazily loaded screens in the current language (and in any language
 * switched to later); resolves once they can render. Load them with the screen's code:
 * @example
 * const AdminRoute = lazy(() => withWords(['admin'], import('./AdminRoute')));
 */
export async function loadNamespaces(needed: readonly Namespace[]): Promise<void> {
  await i18n.loadNamespaces([...needed]);
}

/** `load` once `needed` are loaded too: for `React.lazy`, so a lazy screen renders in its words. */
export async function withWords<TModule>(needed: readonly Namespace[], load: Promise<TModule>): Promise<TModule> {
  const [module] = await Promise.all([load, loadNamespaces(needed)]);
  return module;
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
 * Initialises i18next and switches to `language` once its first namespaces are loaded.
 * Resolves when the screen can render in that language.
 */
export async function initI18n(language: Language = initialLanguage()): Promise<I18n> {
  if (!i18n.isInitialized) {
    await i18n
      .use(resourcesToBackend(loadWords))
      .use(initReactI18next)
      .init({
        lng: language,
        ns: [...firstNamespaces],
        defaultNS: 'common',
        // A key is written without its namespace and found in whichever holds its group.
        fallbackNS: allNamespaces.filter((ns) => ns !== 'common'),
        // No key names its namespace, and some hold a colon (the API scopes such as `read:sessions`).
        nsSeparator: false,
        // Every language has every key (locales.test.ts): only the language shown is fetched.
        fallbackLng: false,
        load: 'currentOnly',
        supportedLngs: languageCodes,
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

/** Switches every screen to `language`, loading its words first; remembered on this device. */
export async function changeLanguage(language: Language, options: { persist?: boolean } = {}): Promise<void> {
  await Promise.all([ensureLoaded(language), ensureFonts(language)]);
  await i18n.changeLanguage(language);
  reflectInDocument(language);
  if (options.persist !== false) keep(languageStorageKey, language);
}

/** The current language as a BCP 47 tag for `Intl`, e.g. `ko`. */
export function currentLocale(): string {
  return i18n.resolvedLanguage ?? i18n.language ?? fallbackLanguage;
}
