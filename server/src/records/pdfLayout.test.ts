import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { RecordDocument } from './document.js';
import { layoutPdf } from './pdfLayout.js';

const run = promisify(execFile);
const poppler = await run('pdftotext', ['-v']).then(
  () => true,
  () => false,
);
if (!poppler && process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is required under CI=true');

/** Every word of the PDF with its box, in points, as poppler reads it. */
async function words(pdf: Buffer): Promise<{ text: string; xMin: number; xMax: number; yMin: number }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-layout-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'minutes.pdf'), pdf);
  const { stdout } = await run('pdftotext', ['-bbox', join(dir, 'minutes.pdf'), '-']);
  return [
    ...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ text: m[4]!, xMin: Number(m[1]), xMax: Number(m[3]), yMin: Number(m[2]) }));
}

// A4 is 595.28 pt wide; the layout's side margins are 40 pt.
const leftEdge = 40;
const rightEdge = 595.28 - leftEdge;

describe.skipIf(!poppler)('list entries in the PDF layout', () => {
  test('a line that fits stays on one line; a long one wraps inside the margin, and one with a line break breaks, in an ordered and an unordered list', async () => {
    const long = `${Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')} LAST`;
    const items = [
      { strong: 'Shortfall, Medium', text: ' — short lead', lines: [{ text: long }, { text: 'Ruling: upheld.' }] },
      { strong: long, lines: [{ text: '의견이 짧습니다', italic: true }, { text: 'BEFORE\nAFTER' }] },
    ];
    const document: RecordDocument = {
      title: 'Layout',
      footer: 'footer',
      blocks: [
        { kind: 'list', ordered: true, items },
        { kind: 'list', items },
      ],
    };
    const found = await words(await layoutPdf(document, 'en'));
    expect(found.length).toBeGreaterThan(200);
    for (const w of found) expect(w.xMax, `${w.text} ends at ${w.xMax} pt`).toBeLessThanOrEqual(rightEdge + 0.5);
    // Every word is there, the long lines wrapped over several lines, the short ones on one.
    expect(found.filter((w) => w.text === 'LAST')).toHaveLength(4);
    const lineOf = (text: string) => found.filter((w) => w.text === text).map((w) => Math.round(w.yMin));
    expect(lineOf('word0')[0]).toBeLessThan(lineOf('LAST')[0]!);
    expect(lineOf('Shortfall,')).toEqual(lineOf('lead'));
    expect(found.map((w) => w.text)).toContain('1.');
    expect(found.map((w) => w.text)).toContain('2.');
    expect(found.map((w) => w.text)).toContain('의견이');
    // A line break the text holds breaks the line.
    expect(lineOf('BEFORE')[0]).toBeLessThan(lineOf('AFTER')[0]!);
  });

  test('a numbered entry hangs: its wrapped lines and its later lines start under its text, its number at the margin', async () => {
    const long = `${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')} END`;
    // Twelve entries, so that numbers of one and of two digits both hang by their own width.
    const items = Array.from({ length: 12 }, (_, i) => ({
      strong: `Lead${i}`,
      text: ` ${long}`,
      lines: [{ text: `Ruling${i}: upheld.` }],
    }));
    const document: RecordDocument = {
      title: 'Layout',
      footer: 'footer',
      blocks: [{ kind: 'list', ordered: true, items }],
    };
    const found = await words(await layoutPdf(document, 'en'));
    const one = (text: string) => {
      const matches = found.filter((w) => w.text === text);
      expect(matches, text).toHaveLength(1);
      return matches[0]!;
    };
    for (let i = 0; i < items.length; i++) {
      const [number, lead, ruling] = [one(`${i + 1}.`), one(`Lead${i}`), one(`Ruling${i}:`)];
      expect(number.xMin).toBeCloseTo(leftEdge, 0);
      expect(lead.xMin).toBeGreaterThan(number.xMax);
      // Each line of the entry after its first: the wrapped lead's lines, then the ruling's.
      const later = found.filter((w) => w.yMin > lead.yMin + 1 && w.yMin <= ruling.yMin + 1);
      const lineStarts = new Map<number, number>();
      for (const w of later) {
        const y = Math.round(w.yMin);
        lineStarts.set(y, Math.min(lineStarts.get(y) ?? Infinity, w.xMin));
      }
      expect(lineStarts.size, `entry ${i + 1}: lines after the first`).toBeGreaterThanOrEqual(2);
      for (const [y, x] of lineStarts)
        expect(Math.abs(x - lead.xMin), `entry ${i + 1}, line at ${y} pt`).toBeLessThan(0.5);
    }
  });
});
