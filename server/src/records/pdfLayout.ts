import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import pdfmake from 'pdfmake';
import type { CanvasElement, CanvasLine, Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { unshownMark, type Bar, type Block, type ListItem, type RecordDocument } from './document.js';

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
pdfmake.setFonts({ Noto: { normal, bold } });
/**
 * Whether the embedded fonts can draw a character, asked of the fonts' own glyph tables (fontkit's,
 * under pdfkit's font objects), each answer kept: pdfkit would set the font's empty `.notdef`
 * glyph instead, and an official record must not lose text without a sign.
 */
const isDrawable = (() => {
  const pdf = new PDFDocument({ autoFirstPage: false });
  const faces = (['normal', 'bold'] as const).map((style) => {
    pdf.registerFont(style, fontBytes[style]);
    // `_font.font`, the fontkit font, which pdfkit's type declarations leave out.
    return (pdf.font(style) as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
  });
  const known = new Map<number, boolean>();
  return (codePoint: number) => {
    let drawable = known.get(codePoint);
    if (drawable === undefined) {
      known.set(codePoint, (drawable = faces.every((face) => face.hasGlyphForCodePoint(codePoint))));
    }
    return drawable;
  };
})();

/** Controls, format characters (direction marks, joiners) and variation selectors: nothing to see, so nothing to mark. */
const invisible = /^[\p{Cc}\p{Cf}\uFE00-\uFE0F]$/u;

/** Printable ASCII and line breaks, which the fonts draw: most texts need no look-up per character. */
const plain = /^[\x20-\x7e\n]*$/;

/** `text` with each character the fonts cannot draw replaced by the mark; `marked` tells whether any was. */
function markUnshown(text: string, marked: { any: boolean }): string {
  if (plain.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (isDrawable(ch.codePointAt(0)!)) out += ch;
    else if (!invisible.test(ch)) {
      out += unshownMark;
      marked.any = true;
    }
  }
  return out;
}

/** The record with every text the PDF sets passed through `markUnshown`, and its note under the title when any was marked. */
function drawableDocument(document: RecordDocument): RecordDocument {
  const marked = { any: false };
  const m = (text: string) => markUnshown(text, marked);
  const blocks = document.blocks.map((block): Block => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        return { ...block, text: m(block.text) };
      case 'table':
        return {
          ...block,
          headers: block.headers.map(m),
          rows: block.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? m(cell) : cell))),
        };
      case 'list':
        return {
          ...block,
          items: block.items.map((item) => ({
            ...(item.strong === undefined ? {} : { strong: m(item.strong) }),
            ...(item.text === undefined ? {} : { text: m(item.text) }),
            ...(item.lines === undefined ? {} : { lines: item.lines.map((line) => ({ ...line, text: m(line.text) })) }),
          })),
        };
      case 'contents':
        return { ...block, title: m(block.title) };
      case 'bars':
        return {
          ...block,
          title: m(block.title),
          bars: block.bars.map((bar) => ({ ...bar, label: m(bar.label), text: m(bar.text) })),
          ...(block.threshold ? { threshold: { ...block.threshold, label: m(block.threshold.label) } } : {}),
          belowLegend: m(block.belowLegend),
        };
    }
  });
  const footer = m(document.footer);
  if (marked.any && document.unshownNote !== undefined) {
    const note: Block = { kind: 'paragraph', text: document.unshownNote, italic: true };
    // Under the title, before anything the mark stands in.
    blocks.splice(blocks[0]?.kind === 'heading' ? 1 : 0, 0, note);
  }
  return { ...document, blocks, footer };
}

// The document reads nothing but its font, from memory: no URL, no file.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

const headingSizes = { 1: 18, 2: 14, 3: 12, 4: 10.5, 5: 9.5 } as const;

/** The body's font size, in points; lists and paragraphs inherit it. */
const bodySize = 9;
/** Tables' font size, in points. */
const tableSize = 8;
/** Every line's height as a multiple of its font's. */
const lineHeight = 1.2;
/** The width of the text between A4's side margins, in points. */
const textWidth = 595.28 - 2 * 40;
/** The height of the text between A4's top and bottom margins, in points. */
const textHeight = 841.89 - 40 - 50;
/** How far an unordered list's entries stand in from the margin, their bullet before them. */
const bulletIndent = 30;
/** The footer's font size, and the width of its column of page numbers, in points. */
const footerLayout = { fontSize: 7, pageNumberWidth: 60 } as const;

/** One run of a line: its text and its style. */
type Run = { text: string; bold?: boolean; color?: string; noWrap?: boolean };

/**
 * What the record says about a text rather than the text itself (a hiding's reason, a chart's
 * legend): italic in the Markdown record, grey here, as the font has no italic face.
 */
const aside = { color: '#55606b' } as const;

/** Widths of runs of body text, in points, as pdfmake will measure them. */
type Measure = (runs: Run[]) => number;

/** What the layout reads of its fonts, in points, as pdfmake will measure them. */
interface Metrics {
  /** Widths of runs of body text. */
  runs: Measure;
  /** The width of `text` at `size`. */
  width(text: string, size: number, bold?: boolean): number;
  /** The height of a line at `size`, with the layout's line height. */
  line(size: number): number;
}

/**
 * The fonts' metrics: pdfkit's widths with the same fonts and shaping as pdfmake's, in a document
 * of its own that is never written out (one per layout, so its cache of shaped words lives no
 * longer than the document). A table's words are asked for its columns' widths, its rows' heights
 * and their lines (`keepAll`), a paragraph's for its height and its lines: each width is kept, by
 * weight, size and text, so that each is measured once (pdfkit keeps what it shaped, but still
 * walks the text on every call). Widths are asked of pdfkit's font objects, as pdfmake asks them:
 * the document's `widthOfString` scales by 100 and back, which made "Fulfilment" 41.06399999999999
 * where pdfmake measures 41.064, and pdfmake cut a word given a column of exactly its width.
 */
function textMetrics(): Metrics {
  const pdf = new PDFDocument({ autoFirstPage: false });
  pdf.registerFont('normal', fontBytes.normal);
  pdf.registerFont('bold', fontBytes.bold);
  // The font a name selects (`_font`, which pdfkit's type declarations leave out), as pdfmake reads it.
  const fontOf = (name: 'normal' | 'bold') =>
    (pdf.font(name) as unknown as { _font: { widthOfString(text: string, size: number): number } })._font;
  const fonts = { normal: fontOf('normal'), bold: fontOf('bold') };
  const widths = { normal: new Map<number, Map<string, number>>(), bold: new Map<number, Map<string, number>>() };
  const width = (text: string, size: number, bold = false) => {
    const font = bold ? 'bold' : 'normal';
    let sized = widths[font].get(size);
    if (sized === undefined) widths[font].set(size, (sized = new Map<string, number>()));
    let measured = sized.get(text);
    if (measured === undefined) sized.set(text, (measured = fonts[font].widthOfString(text, size)));
    return measured;
  };
  return {
    runs: (runs) => runs.reduce((sum, run) => sum + width(run.text, bodySize, run.bold === true), 0),
    width,
    line: (size) => pdf.font('normal', size).currentLineHeight() * lineHeight,
  };
}

/**
 * How many lines `text` takes in `width` at `size`, broken only at spaces and at its line breaks:
 * never fewer than pdfmake's, which may also break after a hyphen or between Hangul syllables.
 */
function lineCount(metrics: Metrics, text: string, width: number, size: number, bold = false): number {
  const space = metrics.width(' ', size, bold);
  let count = 0;
  for (const paragraph of text.split(/\r?\n|\r/)) {
    count += 1;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      let w = metrics.width(word, size, bold);
      if (used > 0 && used + space + w > width) {
        count += 1;
        used = 0;
      }
      // A word wider than the line is cut where the line ends.
      while (w > width) {
        count += 1;
        w -= width;
      }
      used += (used > 0 ? space : 0) + w;
    }
  }
  return count;
}

/** Whether a text holds Hangul, which pdfmake may break between any two syllables. */
const hangul = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/** Where a text is set: the width of its lines, its font size, and its weight where a run does not set one. */
interface Box {
  width: number;
  size: number;
  bold?: boolean;
}

/**
 * Runs that break as Korean text does, at spaces only (CSS's `word-break: keep-all`), where
 * pdfmake, after Unicode's line breaking rules, would break between any two Hangul syllables: each
 * word of a run with Hangul becomes a run of its own, its spaces after it, `noWrap` when it fits on
 * a line of every box the runs are set in (pdfmake sets a heading's runs again in the contents). A
 * word wider than that, and a line break, stay pdfmake's to break.
 */
function keepAll(metrics: Metrics, runs: Run[], ...boxes: Box[]): Run[] {
  const fits = (word: string, bold: boolean | undefined) =>
    boxes.every((box) => metrics.width(word, box.size, bold ?? box.bold) <= box.width + 0.01);
  return runs.flatMap((run) =>
    hangul.test(run.text)
      ? (run.text.match(/\r?\n|\r|[^ \r\n]* +|[^ \r\n]+/g) ?? []).map((word) => ({
          ...run,
          text: word,
          noWrap: !/[\r\n]/.test(word) && fits(word.trimEnd(), run.bold),
        }))
      : [run],
  );
}

/**
 * A list entry as one paragraph, its lines joined by line breaks, with its number (`marker`) in
 * front when the list is ordered; a line that fits (`room`, measured) is one `noWrap` inline.
 * pdfmake breaks a wrapping text into an inline per word, and measures each one with a walk of
 * its style stack (22 properties) and draws it as a text object of its own: for the thousands of
 * criticisms of a long review, that was most of the layout and of the garbage its collector went
 * through. A numbered entry hangs: the whole paragraph stands in by its number's width, and its
 * first line starts that much to the left (pdfmake's `leadingIndent`, negative), so every line
 * after the first starts under the text, not under the number. A line that wraps breaks as Korean
 * text does (`keepAll`).
 */
function listEntry(item: ListItem, marker: string | null, metrics: Metrics): Content {
  const number: Run[] = marker === null ? [] : [{ text: `${marker} ` }];
  const indent = metrics.runs(number);
  const room = marker === null ? textWidth - bulletIndent : textWidth - indent;
  const first: Run[] = [
    ...number,
    ...(item.strong ? [{ text: item.strong, bold: true }] : []),
    { text: item.text ?? '' },
  ];
  const lines = [first, ...(item.lines ?? []).map((l): Run[] => [{ text: l.text, ...(l.italic ? aside : {}) }])];
  // A line break inside a run is pdfmake's to make, which it does only when wrapping. The first
  // line has the number's width more room, which the number itself takes.
  const fits = (runs: Run[], i: number) =>
    !runs.some((run) => /[\r\n]/.test(run.text)) && metrics.runs(runs) <= room + (i === 0 ? indent : 0);
  return {
    text: lines.flatMap((runs, i) => [
      ...(i === 0 ? [] : ['\n']),
      ...(fits(runs, i)
        ? runs.map((run) => ({ ...run, noWrap: true }))
        : keepAll(metrics, runs, { width: room, size: bodySize })),
    ]),
    margin: [indent, 0, 0, 2],
    ...(indent > 0 && { leadingIndent: -indent }),
  };
}

/**
 * Sizes of a bar chart, in points: the label column, the bars' column, one bar's height, the
 * hatching's step, and the font sizes of its text and of its legend.
 */
const chart = { labelWidth: 150, barsWidth: 250, barHeight: 8, hatchStep: 3, fontSize: 8, legendSize: 7 } as const;
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
function barChart(block: Extract<Block, { kind: 'bars' }>, metrics: Metrics): Content {
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
      {
        text: keepAll(metrics, [{ text: block.title }], { width: textWidth, size: chart.fontSize, bold: true }),
        bold: true,
        margin: [0, 2, 0, 2],
      },
      {
        table: {
          widths: [chart.labelWidth, chart.barsWidth, 'auto'],
          body: block.bars.map((b) => [
            {
              text: keepAll(metrics, [{ text: b.below ? `⚠ ${b.label}` : b.label }], {
                width: chart.labelWidth,
                size: chart.fontSize,
              }),
            },
            { canvas: [...bar(b), ...thresholdLine()] },
            // An `auto` column as wide as its widest text (a share, or "no figure"): it never wraps.
            { text: b.text, alignment: 'right' },
          ]),
        },
        layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
      },
      {
        text: keepAll(metrics, [{ text: legend }], { width: textWidth, size: chart.legendSize }),
        ...aside,
        fontSize: chart.legendSize,
        margin: [0, 2, 0, 0],
      },
    ],
    fontSize: chart.fontSize,
    unbreakable: block.bars.length <= 40,
    margin: [0, 2, 0, 10],
  };
}

/** The widest word of a text at the tables' size. */
const widestWord = (metrics: Metrics, text: string, bold = false) =>
  Math.max(0, ...text.split(/\s+/).map((word) => metrics.width(word, tableSize, bold)));

/**
 * `lightHorizontalLines`: 8 pt of padding either side of the gap between two columns, none at the
 * table's edges; pdfmake's default 2 pt above and below a cell's text; rules of at most 2 pt.
 */
const table = { columnGap: 16, padding: 2, rule: 2 } as const;

/** A table laid out: its columns' widths and the heights of its header and rows, in points. */
interface TablePlan {
  node: Content;
  headerHeight: number;
  rowHeights: number[];
}

/**
 * Columns' widths as pdfmake's `auto` (numeric columns) and `*` (the others) would give them,
 * except that no column is narrower than its header's longest word, nor than its cells' longest
 * word while the table has room for that: pdfmake's own minimum for Hangul is one syllable, so a
 * header such as "일차" broke between its syllables. Numeric columns grow to their widest line;
 * the other columns share what is left equally.
 */
function columnWidths(metrics: Metrics, block: Extract<Block, { kind: 'table' }>, cells: string[][]): number[] {
  const numeric = new Set(block.numeric ?? []);
  const available = textWidth - table.columnGap * (block.headers.length - 1);
  const columns = block.headers.map((header, i) => {
    const headerWord = widestWord(metrics, header, true);
    const line = Math.max(
      metrics.width(header, tableSize, true),
      ...cells.map((row) => metrics.width(row[i]!, tableSize)),
    );
    const cellWord = numeric.has(i) ? line : Math.max(0, ...cells.map((row) => widestWord(metrics, row[i]!)));
    return { isNumeric: numeric.has(i), headerWord, min: Math.max(headerWord, cellWord), max: line };
  });
  const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);
  let widths = columns.map((c) => c.min);
  // No room for every cell's longest word: text columns keep their header's words; pdfmake breaks the cells' words.
  if (sum(widths) > available) widths = columns.map((c) => (c.isNumeric ? c.min : c.headerWord));
  if (sum(widths) > available) return widths.map((w) => (w * available) / sum(widths));
  let spare = available - sum(widths);
  const growth = sum(columns.map((c, i) => (c.isNumeric ? c.max - widths[i]! : 0)));
  if (growth > 0) {
    const share = Math.min(1, spare / growth);
    widths = widths.map((w, i) => (columns[i]!.isNumeric ? w + (columns[i]!.max - w) * share : w));
    spare -= growth * share;
  }
  // Equal shares of the text columns' room, none under its own minimum.
  const text = columns.flatMap((c, i) => (c.isNumeric ? [] : [i])).sort((a, b) => widths[b]! - widths[a]!);
  let room = spare + sum(text.map((i) => widths[i]!));
  let left = text.length;
  for (const i of text) {
    const share = room / left;
    if (widths[i]! > share) {
      room -= widths[i]!;
      left -= 1;
    } else widths[i] = share;
  }
  return widths;
}

/**
 * A table with its header repeated on every page it runs over, each row kept whole on one page
 * (unless a row might not fit on a page of its own, which no layout could keep whole), and the
 * header kept with the first row. Column widths are given, never left to pdfmake (see
 * `columnWidths`), so the rows' heights can be foreseen (`TablePlan`) to keep a table's heading
 * with its first rows.
 */
function tablePlan(metrics: Metrics, block: Extract<Block, { kind: 'table' }>): TablePlan {
  const numeric = new Set(block.numeric ?? []);
  const cells = block.rows.map((row) => row.map(String));
  const widths = columnWidths(metrics, block, cells);
  const fits = (text: string, i: number, bold = false) => metrics.width(text, tableSize, bold) <= widths[i]!;
  const height = (row: string[], bold = false) =>
    2 * table.padding +
    table.rule +
    metrics.line(tableSize) *
      Math.max(
        1,
        ...row.map((text, i) => (fits(text, i, bold) ? 1 : lineCount(metrics, text, widths[i]!, tableSize, bold))),
      );
  const headerHeight = height(block.headers, true);
  const rowHeights = cells.map((row) => height(row));
  const text = (value: string, i: number, bold = false) =>
    keepAll(metrics, [{ text: value, bold }], { width: widths[i]!, size: tableSize });
  const node = {
    table: {
      headerRows: 1,
      ...(cells.length > 0 && { keepWithHeaderRows: 1 }),
      dontBreakRows: rowHeights.every((h) => headerHeight + h <= textHeight),
      widths,
      body: [
        block.headers.map((h, i) => ({ text: text(h, i, true), bold: true })),
        ...cells.map((row) =>
          row.map((value, i) => ({ text: text(value, i), alignment: numeric.has(i) ? 'right' : 'left' })),
        ),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: tableSize,
    margin: [0, 2, 0, 8],
  } as Content;
  return { node, headerHeight, rowHeights };
}

/**
 * Where pdfmake sets a heading's entry in the contents: the heading's own runs, at the body's size
 * and weight, in the first column (`*`) of a table whose second holds the page number (`auto`,
 * measured as "00000"), its `noBorders` layout 4 pt of padding either side of the gap.
 */
const contentsEntry = (metrics: Metrics): Box => ({
  width: textWidth - 2 * 4 - metrics.width('00000', bodySize),
  size: bodySize,
});

function heading(block: Extract<Block, { kind: 'heading' }>, metrics: Metrics, below = 4): Content {
  const size = headingSizes[block.level];
  const boxes: Box[] = [{ width: textWidth, size, bold: true }, ...(block.inContents ? [contentsEntry(metrics)] : [])];
  // @types/pdfmake allows only strings and entries as an entry's text; pdfmake sets any runs there.
  return {
    text: keepAll(metrics, [{ text: block.text }], ...boxes),
    bold: true,
    fontSize: size,
    margin: [0, block.level <= 2 ? 12 : 8, 0, below],
    tocItem: block.inContents === true,
    headlineLevel: block.level,
  } as Content;
}

function content(block: Exclude<Block, { kind: 'heading' }>, metrics: Metrics): Content {
  switch (block.kind) {
    case 'paragraph':
      return {
        text: keepAll(metrics, [{ text: block.text }], { width: textWidth, size: bodySize }),
        ...(block.italic ? aside : {}),
        margin: [0, 0, 0, 4],
      };
    case 'table':
      return tablePlan(metrics, block).node;
    case 'list':
      return list(block, metrics);
    case 'bars':
      return barChart(block, metrics);
    case 'contents': {
      const size = headingSizes[2];
      const title = keepAll(metrics, [{ text: block.title }], { width: textWidth, size, bold: true });
      return { toc: { title: { text: title, bold: true, fontSize: size, margin: [0, 12, 0, 4] } } };
    }
  }
}

/** The entries `from` to `to` of a list, numbered on from `from` when ordered; the list's margin after its last entry. */
function list(block: Extract<Block, { kind: 'list' }>, metrics: Metrics, from = 0, to = block.items.length): Content {
  const items = block.items.slice(from, to);
  const margin: [number, number, number, number] = [0, 0, 0, to === block.items.length ? 6 : 0];
  return block.ordered
    ? { stack: items.map((item, i) => listEntry(item, `${from + i + 1}.`, metrics)), margin }
    : { ul: items.map((item) => listEntry(item, null, metrics)), margin };
}

/** The most of a block a heading takes along to the next page rather than leave it at a page's foot. */
const keptHeight = textHeight / 3;

/**
 * What a heading keeps on its page of the block after it: `kept`, laid out with the heading;
 * `after`, the rest; `reserve`, the room the first lines of `after` need under the heading.
 */
interface Lead {
  kept: Content[];
  after: Content[];
  reserve: number;
}

function leadOf(block: Exclude<Block, { kind: 'heading' }> | undefined, metrics: Metrics): Lead {
  const body = metrics.line(bodySize);
  const twoLines = 2 * body;
  switch (block?.kind) {
    case undefined:
      return { kept: [], after: [], reserve: 0 };
    case 'contents':
      return { kept: [], after: [content(block, metrics)], reserve: 0 };
    case 'paragraph': {
      const node = content(block, metrics);
      return lineCount(metrics, block.text, textWidth, bodySize) * body <= keptHeight
        ? { kept: [node], after: [], reserve: 0 }
        : { kept: [], after: [node], reserve: twoLines };
    }
    case 'list': {
      const first = block.items[0];
      const lines = first
        ? [`${first.strong ?? ''}${first.text ?? ''}`, ...(first.lines ?? []).map((l) => l.text)].reduce(
            (sum, text) => sum + lineCount(metrics, text, textWidth - bulletIndent, bodySize),
            0,
          )
        : 0;
      if (lines * body > keptHeight) return { kept: [], after: [list(block, metrics)], reserve: twoLines };
      return {
        kept: [list(block, metrics, 0, 1)],
        after: block.items.length > 1 ? [list(block, metrics, 1)] : [],
        reserve: 0,
      };
    }
    case 'table': {
      const plan = tablePlan(metrics, block);
      const whole = plan.headerHeight + plan.rowHeights.reduce((a, b) => a + b, 0);
      return whole <= keptHeight
        ? { kept: [plan.node], after: [], reserve: 0 }
        : { kept: [], after: [plan.node], reserve: 2 + plan.headerHeight + (plan.rowHeights[0] ?? 0) };
    }
    case 'bars':
      // A chart of up to 40 bars is unbreakable: it goes with its heading.
      return block.bars.length <= 40
        ? { kept: [barChart(block, metrics)], after: [], reserve: 0 }
        : { kept: [], after: [barChart(block, metrics)], reserve: body + 3 * (chart.barHeight + 4) };
  }
}

/**
 * The blocks as pdfmake content, each heading (with the headings right under it) kept on one page
 * with the first lines of what follows: the heading, and what of the next block fits in a third
 * of a page, form one unbreakable stack, which pdfmake moves to the next page whole when it does
 * not fit. A longer block stays outside; the stack then ends with the room its first lines need
 * (a table's header and first row, two lines of text), taken back by the stack's negative bottom
 * margin, so that the block starts right under the heading on the same page. pdfmake's own
 * `pageBreakBefore` would lay the whole document out again for every heading it moves.
 */
function layoutContent(blocks: readonly Block[], metrics: Metrics): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < blocks.length;) {
    const block = blocks[i]!;
    if (block.kind !== 'heading') {
      out.push(content(block, metrics));
      i += 1;
      continue;
    }
    const headings: Extract<Block, { kind: 'heading' }>[] = [];
    for (let next = blocks[i]; next?.kind === 'heading'; next = blocks[++i]) headings.push(next);
    const { kept, after, reserve } = leadOf(blocks[i] as Exclude<Block, { kind: 'heading' }> | undefined, metrics);
    i += 1;
    out.push(
      {
        stack: [...headings.map((h, k) => heading(h, metrics, k === headings.length - 1 ? 4 + reserve : 4)), ...kept],
        unbreakable: true,
        margin: [0, 0, 0, -reserve],
      },
      ...after,
    );
  }
  return out;
}

/**
 * A record laid out as an A4 PDF with the font embedded, a table of contents, and page numbers and
 * the footer on every page; a character no embedded font can draw set as `unshownMark`, with the
 * record's `unshownNote` under the title. It holds the thread for the whole layout: the server asks
 * `MinutesPool`, whose worker threads call it.
 */
export async function layoutPdf(record: RecordDocument, lang: string): Promise<Buffer> {
  const document = drawableDocument(record);
  const metrics = textMetrics();
  // The footer's column: the text's width but the page number's; the same runs on every page.
  const footer = keepAll(metrics, [{ text: document.footer }], {
    width: textWidth - footerLayout.pageNumberWidth,
    size: footerLayout.fontSize,
  });
  const definition: TDocumentDefinitions = {
    info: { title: document.title, creator: 'Plenum' },
    language: lang,
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Noto', fontSize: bodySize, lineHeight },
    content: layoutContent(document.blocks, metrics),
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: footer },
        { text: `${currentPage} / ${pageCount}`, alignment: 'right', width: footerLayout.pageNumberWidth },
      ],
      fontSize: footerLayout.fontSize,
      margin: [40, 20, 40, 0],
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
