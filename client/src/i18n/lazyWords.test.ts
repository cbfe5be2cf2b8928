import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { allNamespaces, carvedNamespaces, firstNamespaces, type CarvedNamespace, type Namespace } from './namespaces';

/**
 * Every screen renders in its words on every way to it. The namespaces outside the first ones
 * are loaded with the code of a lazily loaded screen (`withWords([...], import(...))`), and a
 * namespace stays loaded once fetched: a screen whose loader forgets a namespace its components
 * use shows raw keys only when nothing opened before it happened to fetch that namespace (the
 * Dashboard showed `reportImport.heading` to a chair who had not opened Prepare first). The test
 * setup loads every namespace, so component tests cannot see it; this check follows the static
 * imports from `main.tsx`, notes at each file the namespaces loaded on the way to it (those of
 * every `withWords` crossed), and asks every key a file names to be in a namespace loaded on
 * every way to that file.
 */

const srcDir = join(import.meta.dirname, '..');
const localesDir = join(import.meta.dirname, 'locales', 'en');

type Words = Record<string, unknown>;

/** The English words of each namespace kept in this folder (`terms` lives in shared, loaded first). */
const wordsOf = new Map<Namespace, Words>(
  allNamespaces
    .filter((ns) => existsSync(join(localesDir, `${ns}.json`)))
    .map((ns) => [ns, JSON.parse(readFileSync(join(localesDir, `${ns}.json`), 'utf8')) as Words]),
);

/** The namespace of each top-level group of keys: its file's, unless a namespace is carved of it. */
const namespaceOfGroup = new Map<string, Namespace>([
  ...[...wordsOf].flatMap(([ns, words]) => Object.keys(words).map((group) => [group, ns] as const)),
  ...Object.entries(carvedNamespaces).flatMap(([ns, { groups }]) =>
    groups.map((group) => [group, ns as Namespace] as const),
  ),
]);

/** The words of a namespace's file (a carved namespace's groups are in the file it is carved of). */
const wordsOfNamespace = (ns: Namespace) => wordsOf.get(carvedNamespaces[ns as CarvedNamespace]?.from ?? ns);

/** Whether `path` names words in `words`: a text, a plural's texts, or a group (a key built at run time). */
function namesWords(words: Words, path: string[], isPrefix: boolean): boolean {
  let node: unknown = words;
  for (const [index, part] of path.entries()) {
    if (typeof node !== 'object' || node === null) return false;
    const group = node as Words;
    const isLast = index === path.length - 1;
    if (isLast && !isPrefix && !(part in group)) return `${part}_other` in group;
    node = group[part];
  }
  return isPrefix ? typeof node === 'object' && node !== null : node !== undefined;
}

/** The key `text` names, with its namespace, when it is one of the words of a namespace. */
function keyIn(text: string, isPrefix: boolean): { key: string; ns: Namespace } | null {
  const path = text.split('.');
  // A template's head (`dashboard.dimension.${d}`) names the group before its last dot.
  if (isPrefix) path.pop();
  const ns = namespaceOfGroup.get(path[0] ?? '');
  const words = ns && wordsOfNamespace(ns);
  if (!ns || !words || path.length < 2 || !namesWords(words, path, isPrefix)) return null;
  return { key: isPrefix ? `${path.join('.')}.…` : text, ns };
}

interface SourceFacts {
  /** Files imported for their code (not `import type`). */
  imports: string[];
  /** Files imported when first needed, with the namespaces their `withWords` loads along. */
  lazyImports: { file: string; words: Namespace[] }[];
  /** Keys written in the file, with their namespaces. */
  keys: { key: string; ns: Namespace; line: number }[];
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => /\.tsx?$/.test(path) && existsSync(path) && statSync(path).isFile()) ?? null;
}

/** The namespaces of `withWords(['a', 'b'], import(...))` around a dynamic import, else none. */
function wordsLoadedWith(call: ts.CallExpression): Namespace[] {
  const around = call.parent;
  if (!ts.isCallExpression(around) || !ts.isIdentifier(around.expression) || around.expression.text !== 'withWords') {
    return [];
  }
  const [needed] = around.arguments;
  if (!needed || !ts.isArrayLiteralExpression(needed)) throw new Error('withWords takes a literal list of namespaces');
  return needed.elements.filter(ts.isStringLiteral).map((e) => e.text as Namespace);
}

function factsOf(path: string): SourceFacts {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const facts: SourceFacts = { imports: [], lazyImports: [], keys: [] };
  const noteKey = (node: ts.Node, text: string, isPrefix: boolean) => {
    const found = keyIn(text, isPrefix);
    if (found) facts.keys.push({ ...found, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      const file = resolveImport(path, node.moduleSpecifier.text);
      if (file) facts.imports.push(file);
      return;
    }
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      const file = ts.isStringLiteral(node.moduleSpecifier) ? resolveImport(path, node.moduleSpecifier.text) : null;
      if (file) facts.imports.push(file);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      const file = specifier && ts.isStringLiteral(specifier) ? resolveImport(path, specifier.text) : null;
      if (file) facts.lazyImports.push({ file, words: wordsLoadedWith(node) });
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) noteKey(node, node.text, false);
    if (ts.isTemplateExpression(node)) noteKey(node, node.head.text, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

const facts = new Map<string, SourceFacts>();
function factsOfFile(path: string): SourceFacts {
  let known = facts.get(path);
  if (!known) {
    known = factsOf(path);
    facts.set(path, known);
  }
  return known;
}

/** One way to a file: the files from `main.tsx`, and the namespaces loaded once it is reached. */
interface Way {
  loaded: ReadonlySet<Namespace>;
  via: string[];
}

/** Follows the imports from `main.tsx`: each file reached, with the different ways to it. */
function reachFromMain(): Map<string, Way[]> {
  const reached = new Map<string, Way[]>();
  const walk = (file: string, loaded: ReadonlySet<Namespace>, via: string[]) => {
    const ways = reached.get(file) ?? [];
    const words = [...loaded].sort().join(',');
    if (ways.some((way) => [...way.loaded].sort().join(',') === words)) return;
    const path = [...via, file];
    reached.set(file, [...ways, { loaded, via: path }]);
    const { imports, lazyImports } = factsOfFile(file);
    for (const next of imports) walk(next, loaded, path);
    for (const { file: next, words: more } of lazyImports) walk(next, new Set([...loaded, ...more]), path);
  };
  walk(join(srcDir, 'main.tsx'), new Set(firstNamespaces), []);
  return reached;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('words of lazily loaded screens', () => {
  const reached = reachFromMain();

  test('every key a file names is in a namespace loaded on every way to that file', () => {
    const missing: string[] = [];
    for (const [file, ways] of reached) {
      for (const { key, ns, line } of factsOfFile(file).keys) {
        const way = ways.find(({ loaded }) => !loaded.has(ns));
        if (!way) continue;
        const route = way.via.map((p) => relative(srcDir, p)).join(' → ');
        missing.push(`${relative(srcDir, file)}:${line}: ${key} is in "${ns}", not loaded on the way ${route}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the check follows the app: it reaches the screens, and finds their keys', () => {
    const dashboard = join(srcDir, 'widgets', 'dashboard', 'Dashboard.tsx');
    const ways = reached.get(dashboard) ?? [];
    expect(ways.length).toBeGreaterThan(0);
    expect(ways.every((way) => way.loaded.has('records'))).toBe(true);
    expect(factsOfFile(dashboard).keys.map((k) => k.key)).toContain('dashboard.compareBy');
    // Every file using words of a namespace loaded with its screen is reached from main.tsx.
    const unreached = sourceFiles(srcDir).filter(
      (file) =>
        !reached.has(file) &&
        factsOfFile(file).keys.some((k) => !(firstNamespaces as readonly string[]).includes(k.ns)),
    );
    expect(unreached.map((file) => relative(srcDir, file))).toEqual([]);
  });
});
