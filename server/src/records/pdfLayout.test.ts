import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, onTestFinished, test } from 'vitest';
import { unshownMark, type RecordDocument } from './document.js';
import { recordWords } from './i18n.js';
import { layoutPdf } from './pdfLayout.js';

const run = promisify(execFile);
const poppler = await run('pdftotext', ['-v']).then(
  () => true,
  () => false,
);
if (!poppler && process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is required under CI=true');

/** A word of the PDF with its box, in points, and its page (from 1), as poppler reads it. */
interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  page: number;
}

/** The PDF in a temporary folder of its own, removed when the test ends. */
async function pdfFile(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-layout-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'minutes.pdf'), pdf);
  return join(dir, 'minutes.pdf');
}

/** Every word of the PDF, page by page. */
async function words(pdf: Buffer): Promise<Word[]> {
  const { stdout } = await run('pdftotext', ['-bbox', await pdfFile(pdf), '-']);
  return stdout
    .split('<page ')
    .slice(1)
    .flatMap((page, i) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({
          text: m[5]!,
          xMin: Number(m[1]),
          xMax: Number(m[3]),
          yMin: Number(m[2]),
          yMax: Number(m[4]),
          page: i + 1,
        }),
      ),
    );
}

/**
 * The darkest grey (0 black, 255 white) inside each word's box on the PDF's first page, drawn at
 * 144 dpi by poppler as a greyscale PGM.
 */
async function darkestOf(pdf: Buffer, boxes: Word[]): Promise<number[]> {
  const file = await pdfFile(pdf);
  await run('pdftoppm', ['-gray', '-r', '144', '-f', '1', '-l', '1', '-singlefile', file, file]);
  const image = await readFile(`${file}.pgm`);
  const [header, width] = /^P5\s+(\d+)\s+\d+\s+255\s/.exec(image.toString('latin1', 0, 32))!;
  const [start, columns] = [header.length, Number(width)];
  const scale = 144 / 72;
  return boxes.map((box) => {
    let darkest = 255;
    for (let y = Math.ceil(box.yMin * scale); y < Math.floor(box.yMax * scale); y++)
      for (let x = Math.ceil(box.xMin * scale); x < Math.floor(box.xMax * scale); x++)
        darkest = Math.min(darkest, image[start + y * columns + x]!);
    return darkest;
  });
}

/** The one word `text` among `found`. */
function one(found: Word[], text: string): Word {
  const matches = found.filter((w) => w.text === text);
  expect(matches, text).toHaveLength(1);
  return matches[0]!;
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
    for (let i = 0; i < items.length; i++) {
      const [number, lead, ruling] = [one(found, `${i + 1}.`), one(found, `Lead${i}`), one(found, `Ruling${i}:`)];
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

/** `count` words `w0 w1 …`, a line's worth of filler per twelve. */
const filler = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag}${i}`).join(' ');

describe.skipIf(!poppler)('page breaks in the PDF layout', () => {
  test('a table row is never split across two pages, and the table’s header heads every page it runs over', async () => {
    // Rows of one to six lines, so that some row meets each page's foot.
    const rows = Array.from({ length: 90 }, (_, i) => [`row${i}`, `${filler(1 + ((i * 7) % 40), 'x')} end${i}`, i]);
    const document: RecordDocument = {
      title: 'Layout',
      footer: 'footer',
      blocks: [{ kind: 'table', headers: ['Name', 'Remarks', 'Count'], rows, numeric: [2] }],
    };
    const found = await words(await layoutPdf(document, 'en'));
    const pages = new Set(found.map((w) => w.page));
    expect(pages.size).toBeGreaterThan(2);
    for (let i = 0; i < rows.length; i++) {
      expect(one(found, `end${i}`).page, `row ${i}`).toBe(one(found, `row${i}`).page);
    }
    for (const page of pages) expect(found.filter((w) => w.page === page && w.text === 'Remarks')).toHaveLength(1);
  });

  test('a heading is never left at a page’s foot: it starts the same page as the first lines of what follows it', async () => {
    // Sections of varying length, each heading followed by a paragraph, a list, a table or a heading under it.
    const blocks: RecordDocument['blocks'] = [];
    const followers: string[] = [];
    for (let s = 0; s < 48; s++) {
      blocks.push({ kind: 'heading', level: 3, text: `Heading${s}` });
      const first = `first${s}`;
      followers.push(first);
      switch (s % 4) {
        case 0:
          blocks.push({ kind: 'paragraph', text: `${first} ${filler(20, 'p')}` });
          break;
        case 1:
          blocks.push({
            kind: 'list',
            ordered: true,
            items: [{ strong: first, text: ` ${filler(30, 'l')}` }, { text: 'next' }],
          });
          break;
        case 2:
          blocks.push({
            kind: 'table',
            headers: ['Unit', 'Figure'],
            rows: [first, ...Array.from({ length: 40 }, (_, r) => `u${r}`)].map((unit, r) => [unit, r]),
            numeric: [1],
          });
          break;
        case 3:
          blocks.push({ kind: 'heading', level: 4, text: `Under${s}` }, { kind: 'paragraph', text: first });
          break;
      }
      blocks.push({ kind: 'paragraph', text: filler(12 * (1 + ((s * 5) % 9)), `f${s}w`) });
    }
    const document: RecordDocument = { title: 'Layout', footer: 'footer', blocks };
    const found = await words(await layoutPdf(document, 'en'));
    for (let s = 0; s < followers.length; s++) {
      const [title, first] = [one(found, `Heading${s}`), one(found, followers[s]!)];
      expect(first.page, `Heading${s}`).toBe(title.page);
      // Right under it: the room kept for the first lines is not left empty.
      expect(first.yMin - title.yMin, `Heading${s}`).toBeLessThan(60);
    }
  });

  test('a header word as wide as its column stays whole: the minutes’ figures of a unit', async () => {
    // Numeric columns as wide as their widest text, here each header; pdfmake cut "Fulfilmen / t".
    const headers = ['Indicator', 'Measure', 'Direction', 'Planned', 'Reported', 'Verified', 'Fulfilment'];
    const rows = [['Crude steel (production)', 't', 'Higher is better', '1', '1', '1', '98%']];
    const document: RecordDocument = {
      title: 'Layout',
      footer: 'footer',
      blocks: [{ kind: 'table', headers, rows, numeric: [3, 4, 5, 6] }],
    };
    const found = await words(await layoutPdf(document, 'en'));
    for (const header of headers) one(found, header);
  });

  test('a Korean table header breaks only at its spaces, however narrow the table leaves its column', async () => {
    const headers = ['일차', '날짜', '주제', '배정 시간', '처리 결과'];
    const theme = '중공업 부문의 1분기 계획 이행 실적과 검증된 수치에 대한 심의';
    const rows = [1, 2, 3].map((n) => [n, `2026-04-1${n}`, `${theme} ${theme}`, '09:00–17:00', `${theme}(으)로 연기`]);
    const document: RecordDocument = {
      title: '배치',
      footer: 'footer',
      blocks: [{ kind: 'table', headers, rows, numeric: [0] }],
    };
    const found = (await words(await layoutPdf(document, 'ko'))).map((w) => w.text);
    for (const word of headers.flatMap((h) => h.split(' '))) expect(found, word).toContain(word);
    for (const piece of ['일', '차', '배', '정', '시', '간', '처', '리', '결', '과'])
      expect(found).not.toContain(piece);
  });
});

/** `count` Korean words of eight syllables, each of its own: `tag`, then its number in Hangul digits. */
const koreanWords = (count: number, tag: string) =>
  Array.from(
    { length: count },
    (_, i) => `${tag}${[...String(i).padStart(3, '0')].map((d) => '영일이삼사오육칠팔구'[Number(d)]).join('')}번째의견`,
  );

describe.skipIf(!poppler)('Korean text in the PDF layout', () => {
  test('a paragraph and a list entry break only at their spaces, as Korean does; only a word longer than the line breaks inside it', async () => {
    const [paragraph, lead, entry, ruling, bullet] = [
      koreanWords(40, '문'),
      koreanWords(3, '강'),
      koreanWords(40, '목'),
      koreanWords(40, '판'),
      koreanWords(40, '점'),
    ];
    const long = '가'.repeat(80);
    const document: RecordDocument = {
      title: '회의록',
      footer: 'footer',
      blocks: [
        { kind: 'paragraph', text: [...paragraph.slice(0, 20), long, ...paragraph.slice(20)].join(' ') },
        {
          kind: 'list',
          ordered: true,
          items: [{ strong: `${lead.join(' ')} `, text: entry.join(' '), lines: [{ text: ruling.join(' ') }] }],
        },
        { kind: 'list', items: [{ text: bullet.join(' ') }] },
      ],
    };
    const found = await words(await layoutPdf(document, 'ko'));
    for (const w of found) expect(w.xMax, `${w.text} ends at ${w.xMax} pt`).toBeLessThanOrEqual(rightEdge + 0.5);
    for (const word of [paragraph, lead, entry, ruling, bullet].flat()) one(found, word);
    const pieces = found.filter((w) => /^가+$/.test(w.text)).map((w) => w.text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(long);
  });

  test('headings, their contents entries, a chart’s title, labels and legend, and the footer break only at their spaces', async () => {
    const [title, section, chartTitle, label, legend, footer] = [
      koreanWords(24, '제'),
      koreanWords(24, '절'),
      koreanWords(12, '표'),
      koreanWords(4, '막'),
      koreanWords(12, '범'),
      koreanWords(24, '꼬'),
    ];
    const document: RecordDocument = {
      title: '회의록',
      footer: footer.join(' '),
      blocks: [
        { kind: 'heading', level: 1, text: title.join(' ') },
        { kind: 'contents', title: '목차' },
        { kind: 'heading', level: 2, text: section.join(' '), inContents: true },
        {
          kind: 'bars',
          title: chartTitle.join(' '),
          bars: [{ label: label.join(' '), value: 0.4, text: '40%', below: true }],
          belowLegend: legend.join(' '),
        },
      ],
    };
    const found = await words(await layoutPdf(document, 'ko'));
    // Every Hangul word read back is one of the words written, whole.
    const written = new Set([title, section, chartTitle, label, legend, footer, ['목차']].flat());
    expect(found.filter((w) => /[\uac00-\ud7af]/.test(w.text) && !written.has(w.text)).map((w) => w.text)).toEqual([]);
    // The section's heading is set twice: in the contents first, then under its heading.
    const twice = section.map((word) => found.filter((w) => w.text === word));
    for (const [i, occurrences] of twice.entries()) expect(occurrences, section[i]).toHaveLength(2);
    const placed: Record<string, Word[]> = {
      contentsEntry: twice.map(([inContents]) => inContents!),
      sectionHeading: twice.map(([, underHeading]) => underHeading!),
      ...Object.fromEntries(
        Object.entries({ title, chartTitle, label, legend, footer }).map(([name, tagged]) => [
          name,
          tagged.map((word) => one(found, word)),
        ]),
      ),
    };
    // Each of them is long enough to wrap.
    for (const [name, text] of Object.entries(placed))
      expect(new Set(text.map((w) => `${w.page} ${w.yMin}`)).size, name).toBeGreaterThan(1);
  });
});

describe.skipIf(!poppler)('asides in the PDF layout', () => {
  test('what the record says about a text (a hiding’s reason, a paragraph marked italic, a chart’s legend) is grey, as the font has no italic face; the text itself is black', async () => {
    const document: RecordDocument = {
      title: 'Layout',
      footer: 'footer',
      blocks: [
        { kind: 'paragraph', text: 'ASIDEPARAGRAPH', italic: true },
        { kind: 'paragraph', text: 'PLAINPARAGRAPH' },
        { kind: 'list', items: [{ text: 'PLAINENTRY', lines: [{ text: 'ASIDELINE', italic: true }] }] },
        {
          kind: 'bars',
          title: 'Chart',
          bars: [{ label: 'Unit', value: 0.4, text: '40%', below: true }],
          belowLegend: 'ASIDELEGEND',
        },
      ],
    };
    const pdf = await layoutPdf(document, 'en');
    const found = await words(pdf);
    const plain = ['PLAINPARAGRAPH', 'PLAINENTRY'];
    const asides = ['ASIDEPARAGRAPH', 'ASIDELINE', 'ASIDELEGEND'];
    const greys = await darkestOf(
      pdf,
      [...plain, ...asides].map((name) => one(found, name)),
    );
    const darkest = new Map([...plain, ...asides].map((name, i) => [name, greys[i]!]));
    for (const name of plain) expect(darkest.get(name), name).toBeLessThan(40);
    for (const name of asides) {
      expect(darkest.get(name), name).toBeGreaterThan(60);
      expect(darkest.get(name), name).toBeLessThan(140);
    }
  });
});

describe.skipIf(!poppler)('characters the fonts cannot draw', () => {
  /** The PDF's text, as poppler reads it. */
  async function text(pdf: Buffer): Promise<string> {
    return (await run('pdftotext', ['-layout', await pdfFile(pdf), '-'])).stdout;
  }

  /** A record with a criticism's words in a paragraph, a table cell, a list entry and the footer, and the minutes' note. */
  function record(said: string, lang: 'en' | 'ko'): RecordDocument {
    return {
      title: 'Minutes',
      footer: `Footer ${said}`,
      unshownNote: recordWords(lang).t('minutes.unshownNote', { mark: unshownMark }),
      blocks: [
        { kind: 'heading', level: 1, text: 'Minutes' },
        { kind: 'paragraph', text: 'Opening.' },
        { kind: 'table', headers: ['Text'], rows: [[`Cell ${said}`]] },
        { kind: 'list', items: [{ strong: 'Criticism', lines: [{ text: `Said ${said}` }] }] },
      ],
    };
  }

  test('each is set as a visible mark, and the PDF says once, under its title, what the mark stands for (en, ko)', async () => {
    const en = await text(await layoutPdf(record('석탄 🚧 \u200fعربى', 'en'), 'en'));
    // The emoji and each Arabic letter a mark; the direction mark, invisible anyway, left out.
    for (const where of ['Cell', 'Said', 'Footer']) expect(en).toContain(`${where} 석탄 □ □□□□`);
    const note = 'stands for a character the fonts of this PDF cannot show; the Markdown and CSV records keep';
    expect(en.split(note)).toHaveLength(2);
    expect(en.indexOf(note)).toBeLessThan(en.indexOf('Opening.'));
    const ko = await text(await layoutPdf(record('석탄 🚧 \u200fعربى', 'ko'), 'ko'));
    expect(ko).toContain('Said 석탄 □ □□□□');
    expect(ko).toContain('표시는 이 PDF의 글꼴로 나타낼 수 없는 문자를 대신합니다.');
  });

  test('a record whose every character the fonts draw has no mark and no note', async () => {
    const en = await text(await layoutPdf(record('석탄 — “quoted” · 12 %', 'en'), 'en'));
    expect(en).toContain('Said 석탄 — “quoted” · 12 %');
    expect(en).not.toContain('□');
    expect(en).not.toContain('cannot show');
  });
});
