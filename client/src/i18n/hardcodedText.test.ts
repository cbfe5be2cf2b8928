import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * Finds user-visible text written into JSX instead of going through `t(...)`: JSX text with
 * letters, visible attributes (aria-label, title, placeholder, alt…) given a literal with
 * letters, and string literals with letters that a JSX expression renders. Strings passed to
 * a function (such as the keys given to `t`) and strings compared against are not text.
 */

const srcDir = join(import.meta.dirname, '..');
const visibleAttributes = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const hasLetter = /\p{L}/u;
const comparisons = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** String literals with letters that an expression renders as text. */
function renderedLiterals(node: ts.Node): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return hasLetter.test(node.text) ? [node] : [];
  }
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
    const own = parts.some((p) => hasLetter.test(p)) ? [node] : [];
    return [...own, ...node.templateSpans.flatMap((s) => renderedLiterals(s.expression))];
  }
  // Arguments of a call are keys, options or data, not text; JSX inside is checked on its own.
  if (
    ts.isCallExpression(node) ||
    ts.isJsxElement(node) ||
    ts.isJsxSelfClosingElement(node) ||
    ts.isJsxFragment(node)
  ) {
    return [];
  }
  if (ts.isBinaryExpression(node) && comparisons.has(node.operatorToken.kind)) return [];
  if (ts.isElementAccessExpression(node)) return renderedLiterals(node.expression);
  if (ts.isPropertyAccessExpression(node)) return [];
  return node.getChildren().flatMap(renderedLiterals);
}

function findHardCodedText(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(srcDir, path)}:${line + 1}: ${text.trim().slice(0, 60)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetter.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText(source)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) {
        if (hasLetter.test(node.initializer.text)) report(node, node.getText(source));
      } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        for (const literal of renderedLiterals(node.initializer.expression)) report(literal, literal.getText(source));
      }
    }
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const literal of renderedLiterals(node.expression)) report(literal, literal.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-visible text', () => {
  test('the heuristic finds text written into JSX', () => {
    const sample = join(srcDir, 'i18n', '__sample__.tsx');
    const source = `export const A = ({ busy, n }: { busy: boolean; n: number }) => (
      <p title="Hello" aria-label={t('key.ok')} className="x">
        Plain text {busy && ' (sending…)'} {\`\${n} min\`} {t('ok.key', { n })} {n === 1 ? '·' : '—'} {busy ? 'On' : 'Off'}
      </p>
    );`;
    const parsed = ts.createSourceFile(sample, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const texts: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && hasLetter.test(node.text)) texts.push(node.text.trim());
      if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
        texts.push(...renderedLiterals(node.expression).map((l) => l.getText(parsed)));
      }
      ts.forEachChild(node, visit);
    };
    visit(parsed);
    expect(texts).toEqual(['Plain text', "' (sending…)'", '`${n} min`', "'On'", "'Off'"]);
  });

  test('no .tsx file of the client writes user-visible text outside the locale files', () => {
    const files = tsxFiles(srcDir);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(findHardCodedText)).toEqual([]);
  });
});
