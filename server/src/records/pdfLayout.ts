import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, ListItem, RecordDocument } from './document.js';

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
for (const file of Object.values(fontFiles)) memoryFiles.writeFileSync(file, readFileSync(join(fontDirectory, file)));
const { normal, bold } = fontFiles;
pdfmake.setFonts({ Noto: { normal, bold, italics: normal, bolditalics: bold } });
// The document reads nothing but its font, from memory: no URL, no file.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

const headingSizes = { 1: 18, 2: 14, 3: 12, 4: 10.5, 5: 9.5 } as const;

function listEntry(item: ListItem): Content {
  const first: Content = { text: [...(item.strong ? [{ text: item.strong, bold: true }] : []), item.text ?? ''] };
  return { stack: [first, ...(item.lines ?? []).map((l): Content => ({ text: l.text, italics: l.italic === true }))] };
}

function content(block: Block): Content {
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
        ? { ol: block.items.map(listEntry), margin: [0, 0, 0, 6] }
        : { ul: block.items.map(listEntry), margin: [0, 0, 0, 6] };
    case 'contents':
      return { toc: { title: { text: block.title, bold: true, fontSize: headingSizes[2], margin: [0, 12, 0, 4] } } };
  }
}

/**
 * A record laid out as an A4 PDF with the font embedded, a table of contents, and page numbers and
 * the footer on every page. It holds the thread for the whole layout: the server calls `renderPdf`.
 */
export async function layoutPdf(document: RecordDocument, lang: string): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    info: { title: document.title, creator: 'Plenum' },
    language: lang,
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Noto', fontSize: 9, lineHeight: 1.2 },
    content: document.blocks.map(content),
    footer: (currentPage, pageCount) => ({
      columns: [{ text: document.footer }, { text: `${currentPage} / ${pageCount}`, alignment: 'right', width: 60 }],
      fontSize: 7,
      margin: [40, 20, 40, 0],
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
