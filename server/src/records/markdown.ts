import type { Block, ListItem, RecordDocument } from './document.js';

/** A table cell: pipes escaped, line breaks folded, so the row stays one line. */
function cell(text: string | number): string {
  return String(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** Text that Markdown reads as text, not as markup. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

/** The anchor a heading gets on common renderers (GitHub's rule): lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const numeric = block.numeric ?? [];
  const align = block.headers.map((_, i) => (numeric.includes(i) ? '---:' : '---'));
  return [block.headers, align, ...block.rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

function listItem(item: ListItem, marker: string): string {
  const indent = ' '.repeat(marker.length + 1);
  const first = `${marker} ${item.strong ? `**${escapeText(item.strong)}**` : ''}${escapeText(item.text ?? '')}`;
  const lines = (item.lines ?? []).map((l) => `${indent}${l.italic ? `_${escapeText(l.text)}_` : escapeText(l.text)}`);
  // A backslash at the end of a line breaks it without starting a paragraph.
  return [first, ...lines].join('\\\n');
}

/** A record as Markdown: headings, paragraphs, tables, lists, the contents linked to the headings; charts are left to the tables beside them. */
export function renderMarkdown(document: RecordDocument): string {
  const contents = document.blocks.filter(
    (b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.inContents === true,
  );
  const parts = document.blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'heading':
        return [`${'#'.repeat(block.level)} ${escapeText(block.text)}`];
      case 'paragraph':
        return [block.italic ? `_${escapeText(block.text)}_` : escapeText(block.text)];
      case 'table':
        return [table(block)];
      case 'list':
        return [block.items.map((item, i) => listItem(item, block.ordered ? `${i + 1}.` : '-')).join('\n')];
      case 'contents':
        return [
          [
            `## ${escapeText(block.title)}`,
            contents.map((h) => `- [${escapeText(h.text)}](#${anchor(h.text)})`).join('\n'),
          ].join('\n\n'),
        ];
      case 'bars':
        // The table beside the chart holds the same figures.
        return [];
    }
  });
  return [...parts, '---', `_${escapeText(document.footer)}_`].join('\n\n') + '\n';
}
