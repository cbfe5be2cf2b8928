import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import pdfmake from 'pdfmake';
import type { CanvasElement, CanvasLine, Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Bar, Block, ListItem, RecordDocument } from './document.js';

/**
 * Noto Sans KR as OpenType from the npm package `@embedpdf/fonts-kr`: it covers Hangul and Latin
 * and installs with the server; pdfkit embeds only the glyphs a document uses. The files are read
 * once per thread into pdfmake's in-memory file system, where every later document finds them.
 */
const fontDirectory = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-kr')), '..', 'fonts');
const fontFiles = { normal: 'NotoSansKR-Regular.otf', bold: 'NotoSansKR-Bold.otf' } as const;
/** pdfmake's in-memory files on Node (`pdfmake.virtualfs`, which its type declarations leave out). */
const memoryFiles = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } })
  .virtualfs;
const fontBytes = {
  normal: readFileSync(join(fontDirectory, fontFiles.normal)),
  bold: readFileSync(join(fontDirectory, fontFiles.bold)),
};
for (const style of ['normal', 'bold'] as const) memoryFiles.writeFileSync(fontFiles[style], fontBytes[style]);
const { normal, bold } = fontFiles;
pdfmake.setFonts({ Noto: { normal, bold, italics: normal, bolditalics: bold } });
// The document reads nothing but its font, from memory: no URL, no file.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

const headingSizes = { 1: 18, 2: 14, 3: 12, 4: 10.5, 5: 9.5 } as const;

/** The body's font size, in points; lists and paragraphs inherit it. */
const bodySize = 9;
/** The width of the text between A4's side margins, in points. */
const textWidth = 595.28 - 2 * 40;
/** How far an unordered list's entries stand in from the margin, their bullet before them. */
const bulletIndent = 30;

/** One run of a line: its text and its style. */
type Run = { text: string; bold?: boolean; italics?: boolean };

/** Widths of runs of body text, in points, as pdfmake will measure them. */
type Measure = (runs: Run[]) => number;

/**
 * A measure of runs of body text: pdfkit's widths with the same fonts and shaping as pdfmake's, in
 * a document of its own that is never written out (one per layout, so its cache of shaped words
 * lives no longer than the document).
 */
function textMeasure(): Measure {
  const pdf = new PDFDocument({ autoFirstPage: false });
  pdf.registerFont('normal', fontBytes.normal);
  pdf.registerFont('bold', fontBytes.bold);
  return (runs) => {
    let width = 0;
    for (const run of runs) width += pdf.font(run.bold === true ? 'bold' : 'normal', bodySize).widthOfString(run.text);
    return width;
  };
}

/**
 * A list entry as one paragraph, its lines joined by line breaks, with its number (`marker`) in
 * front when the list is ordered; a line that fits (`room`, measured) is one `noWrap` inline.
 * pdfmake breaks a wrapping text into an inline per word, and measures each one with a walk of
 * its style stack (22 properties) and draws it as a text object of its own: for the thousands of
 * criticisms of a long review, that was most of the layout and of the garbage its collector went
 * through. A numbered entry hangs: the whole paragraph stands in by its number's width, and its
 * first line starts that much to the left (pdfmake's `leadingIndent`, negative), so every line
 * after the first starts under the text, not under the number.
 */
function listEntry(item: ListItem, marker: string | null, measure: Measure): Content {
  const number: Run[] = marker === null ? [] : [{ text: `${marker} ` }];
  const indent = measure(number);
  const room = marker === null ? textWidth - bulletIndent : textWidth - indent;
  const first: Run[] = [
    ...number,
    ...(item.strong ? [{ text: item.strong, bold: true }] : []),
    { text: item.text ?? '' },
  ];
  const lines = [first, ...(item.lines ?? []).map((l): Run[] => [{ text: l.text, italics: l.italic === true }])];
  // A line break inside a run is pdfmake's to make, which it does only when wrapping. The first
  // line has the number's width more room, which the number itself takes.
  const fits = (runs: Run[], i: number) =>
    !runs.some((run) => /[\r\n]/.test(run.text)) && measure(runs) <= room + (i === 0 ? indent : 0);
  return {
    text: lines.flatMap((runs, i) => {
      const noWrap = fits(runs, i);
      return [...(i === 0 ? [] : ['\n']), ...runs.map((run) => ({ ...run, noWrap }))];
    }),
    margin: [indent, 0, 0, 2],
    ...(indent > 0 && { leadingIndent: -indent }),
  };
}

/** Sizes of a bar chart, in points: the label column, the bars' column, one bar's height, the hatching's step. */
const chart = { labelWidth: 150, barsWidth: 250, barHeight: 8, hatchStep: 3 } as const;
const ink = '#1f2933';

/** Diagonal hatching inside a `width` × `height` box whose top is at `top`: lines rising at 45°, cut at the box's sides. */
function hatching(width: number, height: number, top: number): CanvasLine[] {
  const lines: CanvasLine[] = [];
  for (let k = -height; k < width; k += chart.hatchStep) {
    const from = Math.max(0, -k);
    const to = Math.min(height, width - k);
    if (from < to) {
      const [x1, x2, y1, y2] = [k + from, k + to, top + height - from, top + height - to];
      lines.push({ type: 'line', x1, y1, x2, y2, lineWidth: 0.5, lineColor: ink });
    }
  }
  return lines;
}

/**
 * A bar chart drawn with pdfmake's vector canvas, one table row per bar: the label (with ⚠ when
 * under the threshold), the bar (solid, or outlined and hatched when under), its value in text,
 * and the threshold as a dashed line through every row; a legend below says what the marks mean.
 */
function barChart(block: Extract<Block, { kind: 'bars' }>): Content {
  const max = Math.max(1, block.threshold?.value ?? 0, ...block.bars.map((b) => b.value ?? 0)) * 1.05;
  const x = (value: number) => (Math.max(0, value) / max) * chart.barsWidth;
  const rowHeight = chart.barHeight + 4;
  const thresholdLine = (): CanvasElement[] =>
    block.threshold === undefined
      ? []
      : [
          {
            type: 'line',
            x1: x(block.threshold.value),
            y1: 0,
            x2: x(block.threshold.value),
            y2: rowHeight,
            lineWidth: 1,
            dash: { length: 2 },
            lineColor: ink,
          },
        ];
  const bar = (b: Bar): CanvasElement[] => {
    if (b.value === null) return [];
    const width = Math.max(0.5, x(b.value));
    if (!b.below) return [{ type: 'rect', x: 0, y: 2, w: width, h: chart.barHeight, color: '#52606d' }];
    return [
      { type: 'rect', x: 0, y: 2, w: width, h: chart.barHeight, lineColor: ink, lineWidth: 0.75 },
      ...hatching(width, chart.barHeight, 2),
    ];
  };
  const legend = [block.belowLegend, ...(block.threshold ? [`┆ ${block.threshold.label}`] : [])].join('   ');
  return {
    stack: [
      { text: block.title, bold: true, margin: [0, 2, 0, 2] },
      {
        table: {
          widths: [chart.labelWidth, chart.barsWidth, 'auto'],
          body: block.bars.map((b) => [
            { text: b.below ? `⚠ ${b.label}` : b.label },
            { canvas: [...bar(b), ...thresholdLine()] },
            { text: b.text, alignment: 'right' },
          ]),
        },
        layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
      },
      { text: legend, italics: true, fontSize: 7, margin: [0, 2, 0, 0] },
    ],
    fontSize: 8,
    unbreakable: block.bars.length <= 40,
    margin: [0, 2, 0, 10],
  };
}

function content(block: Block, measure: Measure): Content {
  switch (block.kind) {
    case 'heading':
      return {
        text: block.text,
        bold: true,
        fontSize: headingSizes[block.level],
        margin: [0, block.level <= 2 ? 12 : 8, 0, 4],
        tocItem: block.inContents === true,
        headlineLevel: block.level,
      };
    case 'paragraph':
      return { text: block.text, italics: block.italic === true, margin: [0, 0, 0, 4] };
    case 'table': {
      const numeric = block.numeric ?? [];
      return {
        table: {
          headerRows: 1,
          widths: block.headers.map((_, i) => (numeric.includes(i) ? 'auto' : '*')),
          body: [
            block.headers.map((h) => ({ text: h, bold: true })),
            ...block.rows.map((row) =>
              row.map((value, i) => ({ text: String(value), alignment: numeric.includes(i) ? 'right' : 'left' })),
            ),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 8,
        margin: [0, 2, 0, 8],
      } as Content;
    }
    case 'list':
      return block.ordered
        ? { stack: block.items.map((item, i) => listEntry(item, `${i + 1}.`, measure)), margin: [0, 0, 0, 6] }
        : { ul: block.items.map((item) => listEntry(item, null, measure)), margin: [0, 0, 0, 6] };
    case 'bars':
      return barChart(block);
    case 'contents':
      return { toc: { title: { text: block.title, bold: true, fontSize: headingSizes[2], margin: [0, 12, 0, 4] } } };
  }
}

/**
 * A record laid out as an A4 PDF with the font embedded, a table of contents, and page numbers and
 * the footer on every page. It holds the thread for the whole layout: the server asks `MinutesPool`,
 * whose worker threads call it.
 */
export async function layoutPdf(document: RecordDocument, lang: string): Promise<Buffer> {
  const measure = textMeasure();
  const definition: TDocumentDefinitions = {
    info: { title: document.title, creator: 'Plenum' },
    language: lang,
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Noto', fontSize: bodySize, lineHeight: 1.2 },
    content: document.blocks.map((block) => content(block, measure)),
    footer: (currentPage, pageCount) => ({
      columns: [{ text: document.footer }, { text: `${currentPage} / ${pageCount}`, alignment: 'right', width: 60 }],
      fontSize: 7,
      margin: [40, 20, 40, 0],
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
