/** A table cell: pipes escaped, line breaks folded, so the row stays one line. */
export function cell(text: string | number): string {
  return String(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** A Markdown table; `numeric` columns are right-aligned. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  numeric: readonly number[] = [],
): string {
  const align = headers.map((_, i) => (numeric.includes(i) ? '---:' : '---'));
  return [headers, align, ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

/** Text that Markdown reads as text, not as markup at the start of a line or inline. */
export function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

/** The anchor a heading gets on common renderers (GitHub's rule): lower case, punctuation dropped, spaces as hyphens. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}
