import { loadTerms } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { fallbackLanguage, isLanguage, languageCodes, languages, pickLanguage } from './languages';
import { allNamespaces, carvedNamespaces } from './namespaces';

/** The namespaces with a file of their own. */
const fileNamespaces = allNamespaces.filter((ns) => !(ns in carvedNamespaces));

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });
/** Language → namespace → words; `terms` comes from shared, as the app loads it. */
const byLanguage: Record<string, Record<string, Tree>> = {};
for (const [path, tree] of Object.entries(files)) {
  const [, code, namespace] = /\/([\w-]+)\/([\w-]+)\.json$/.exec(path)!;
  (byLanguage[code!] ??= {})[namespace!] = tree;
}
for (const code of Object.keys(byLanguage)) {
  if (isLanguage(code)) byLanguage[code]!.terms = await loadTerms(code);
}

/** Each language's namespaces merged: a key is found in whichever namespace holds its group. */
const locales = Object.fromEntries(
  Object.entries(byLanguage).map(([code, namespaces]) => [
    code,
    Object.assign({}, ...Object.values(namespaces)) as Tree,
  ]),
) as Record<string, Tree>;

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Every leaf as `a.b.c` → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Keys with the plural suffixes taken off: what the code asks for. */
function baseKeys(flat: Map<string, string>): Set<string> {
  return new Set([...flat.keys()].map((k) => k.replace(pluralSuffix, '')));
}

/** The `{{placeholders}}` of a text. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

/** Placeholders of a key across its plural forms (a form may leave `count` out). */
function placeholdersOf(flat: Map<string, string>, base: string): string[] {
  const all = new Set<string>();
  for (const [key, text] of flat) {
    if (key === base || key.replace(pluralSuffix, '') === base) for (const p of placeholders(text)) all.add(p);
  }
  all.delete('count');
  return [...all].sort();
}

const english = flatten(locales[fallbackLanguage]!);

describe('locale files', () => {
  test('there is one folder per language of the switch, and a switch entry per folder', () => {
    expect(Object.keys(locales).sort()).toEqual([...languageCodes].sort());
    for (const code of languageCodes) expect(languages[code].trim()).not.toBe('');
  });

  test('every language has every namespace, and no top-level group is in two namespaces', () => {
    for (const code of Object.keys(byLanguage))
      expect(Object.keys(byLanguage[code]!).sort()).toEqual([...fileNamespaces].sort());
    for (const namespaces of Object.values(byLanguage)) {
      const groups = Object.values(namespaces).flatMap((tree) => Object.keys(tree));
      expect(groups.length).toBe(new Set(groups).size);
    }
  });

  test('every group a namespace is carved from is in its file, in every language', () => {
    for (const [code, namespaces] of Object.entries(byLanguage)) {
      for (const { from, groups } of Object.values(carvedNamespaces)) {
        expect({ code, groups: groups.filter((group) => !(group in namespaces[from]!)) }).toEqual({ code, groups: [] });
      }
    }
  });

  test('a carved namespace is served apart from the file it is carved out of', () => {
    const groupsOf = (files: Record<string, Tree>) => Object.keys(Object.values(files)[0]!).sort();
    const live = groupsOf(
      import.meta.glob<Tree>('./locales/en/live.json', { query: { carve: 'live' }, import: 'default', eager: true }),
    );
    const decisions = groupsOf(
      import.meta.glob<Tree>('./locales/en/live.json', {
        query: { carve: 'decisions' },
        import: 'default',
        eager: true,
      }),
    );
    expect(decisions).toEqual([...carvedNamespaces.decisions.groups].sort());
    expect([...live, ...decisions].sort()).toEqual(Object.keys(byLanguage.en!.live!).sort());
  });

  describe.each(Object.keys(locales))('%s', (code) => {
    const flat = flatten(locales[code]!);

    test.each(fileNamespaces)('its %s namespace holds the same groups as the English one', (namespace) => {
      expect(Object.keys(byLanguage[code]![namespace]!).sort()).toEqual(
        Object.keys(byLanguage[fallbackLanguage]![namespace]!).sort(),
      );
    });

    test('has every key of the English files and no key they lack', () => {
      const missing = [...baseKeys(english)].filter((k) => !baseKeys(flat).has(k));
      const extra = [...baseKeys(flat)].filter((k) => !baseKeys(english).has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    test('has no empty text', () => {
      const empty = [...flat].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });

    test('has every plural form its language needs', () => {
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      const pluralBases = new Set(
        [...flat.keys()].filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, '')),
      );
      const englishPlurals = new Set(
        [...english.keys()].filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, '')),
      );
      const missing: string[] = [];
      for (const base of new Set([...pluralBases, ...englishPlurals])) {
        for (const category of categories) if (!flat.has(`${base}_${category}`)) missing.push(`${base}_${category}`);
      }
      expect(missing).toEqual([]);
    });

    test('names the kinds of agenda item in the builder as the terms do', () => {
      expect((locales[code]!.prepare as Tree).kind).toEqual((locales[code]!.labels as Tree).itemKind);
    });

    test('uses the same placeholders as English', () => {
      const differing = [...baseKeys(english)]
        .filter((base) => baseKeys(flat).has(base))
        .filter((base) => placeholdersOf(flat, base).join() !== placeholdersOf(english, base).join());
      expect(differing).toEqual([]);
    });
  });
});

describe('choosing a language', () => {
  test('picks the best supported language from the browser’s preferences', () => {
    expect(pickLanguage(['ko-KR', 'en-US'])).toBe('ko');
    expect(pickLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(['de'])).toBe(fallbackLanguage);
    expect(pickLanguage([])).toBe(fallbackLanguage);
  });
});
