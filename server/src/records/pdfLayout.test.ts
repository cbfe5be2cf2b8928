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
async function words(pdf: Buffer): Promise<{ text: string; xMax: number; yMin: number }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-layout-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'minutes.pdf'), pdf);
  const { stdout } = await run('pdftotext', ['-bbox', join(dir, 'minutes.pdf'), '-']);
  return [...stdout.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ text: m[3]!, xMax: Number(m[2]), yMin: Number(m[1]) }),
  );
}

// A4 is 595.28 pt wide; the layout's side margins are 40 pt.
const rightEdge = 595.28 - 40;

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
});
