/** A line of a list item; italic for what the record says about the text rather than the text itself. */
export interface ItemLine {
  text: string;
  italic?: boolean;
}

/** One entry of a list: a bold lead, the text after it, and further lines. */
export interface ListItem {
  strong?: string;
  text?: string;
  lines?: ItemLine[];
}

/** One bar of a chart: its label, its share (null: no figure) and that share as text, and whether it is under the threshold. */
export interface Bar {
  label: string;
  value: number | null;
  text: string;
  below: boolean;
}

/**
 * A part of a record, written the same way to Markdown and to PDF; `bars`, a chart beside a
 * table of the same figures, only to PDF (Markdown keeps the table).
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5; text: string; inContents?: boolean }
  | { kind: 'paragraph'; text: string; italic?: boolean }
  | { kind: 'table'; headers: string[]; rows: (string | number)[][]; numeric?: number[] }
  | { kind: 'list'; ordered?: boolean; items: ListItem[] }
  | { kind: 'contents'; title: string }
  | {
      kind: 'bars';
      title: string;
      bars: Bar[];
      /** A line across every bar at this share, with its label. */
      threshold?: { value: number; label: string };
      /** Says what the under-threshold mark means. */
      belowLegend: string;
    };

/** What a PDF sets in place of a character none of its fonts can draw (the fonts have it). */
export const unshownMark = '\u25a1';

/** A record as blocks, with what its footer says. */
export interface RecordDocument {
  title: string;
  blocks: Block[];
  footer: string;
  /**
   * What the PDF says once, under the title, when it had to mark characters its fonts cannot
   * draw; the Markdown keeps every character and never says it.
   */
  unshownNote?: string;
}
