import { useEffect, useId, useState, type ReactNode, type Ref, type RefObject } from 'react';
import { hangul } from '../i18n/hangulFont';
import { useElementWidth } from './useElementWidth';
import './ChartFrame.css';

interface ChartFrameProps {
  /** The chart's block class: the figure gets it, the SVG `<block>__svg`, the hatch `<block>__hatch`. */
  block: string;
  /** The class of the hatch pattern's background. */
  hatchBackground: string;
  width: number;
  height: number;
  title: string;
  description: string;
  figureRef?: Ref<HTMLElement>;
  /**
   * Draws the chart; `hatch` is the fill of the hatched pattern (bars under a threshold, verified
   * figures), `ground` a filter that sets a text on the page's background, so that a line drawn
   * beneath it does not run through its characters.
   */
  children: (hatch: string, ground: string) => ReactNode;
}

/** The widest drawing; a wider figure scales it up, a narrower one is laid out anew. */
const fullWidth = 640;
/** Below this the drawing scales down rather than squeezing its bars out. */
const minWidth = 300;

/**
 * The figure's ref and the drawing's width: as wide as the figure on screen (one unit a CSS
 * pixel), so the 13 px labels stay 13 px on a phone instead of shrinking with a 640-unit drawing.
 * The chart is laid out again once web fonts load: its label column and legend are measured.
 */
export function useChartWidth(): [RefObject<HTMLElement | null>, number] {
  useDrawnAgainWhenFontsLoad();
  const [figureRef, figureWidth] = useElementWidth<HTMLElement>(fullWidth);
  return [figureRef, Math.round(Math.min(fullWidth, Math.max(minWidth, figureWidth)))];
}

/** Measures a text's width in the charts' labels (13 px, bold), in CSS pixels. */
export type MeasureText = (text: string) => number;

let canvas: CanvasRenderingContext2D | null | undefined;

const estimate: MeasureText = (text) => [...text].reduce((sum, c) => sum + (hangul.test(c) ? 13 : 7.5), 0);

/**
 * Measures chart labels in the page's font as it is now: a canvas set in that font (Noto Sans KR
 * on a page showing Hangul). Where the page cannot measure, an estimate: a Hangul character
 * 13 px, any other 7.5.
 */
export function labelMeasure(): MeasureText {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  const context = canvas;
  if (context === null) return estimate;
  context.font = `600 13px ${getComputedStyle(document.documentElement).fontFamily}`;
  return (text) => context.measureText(text).width;
}

/**
 * A row's label within `maxWidth` pixels, led by a warning sign when the row is flagged: cut
 * with an ellipsis where the whole does not fit (the table beside the chart names it whole).
 */
export function rowLabel(
  text: string,
  isFlagged: boolean,
  maxWidth: number,
  measure: MeasureText = labelMeasure(),
): string {
  const sign = isFlagged ? '⚠ ' : '';
  if (measure(sign + text) <= maxWidth) return sign + text;
  const chars = [...text];
  // The longest start that fits with its ellipsis: widths grow with the length, so halve.
  let fits = 0;
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (measure(`${sign}${chars.slice(0, middle).join('')}…`) <= maxWidth) fits = middle;
    else tooLong = middle;
  }
  return `${sign}${chars.slice(0, fits).join('').trimEnd()}…`;
}

/**
 * A row's label on at most two lines within `maxWidth` pixels, led by a warning sign when the row
 * is flagged: broken between words, the second line cut with an ellipsis where the rest does not
 * fit (and the whole cut on one line when its first word alone does not).
 */
export function wrappedRowLabel(
  text: string,
  isFlagged: boolean,
  maxWidth: number,
  measure: MeasureText = labelMeasure(),
): string[] {
  const sign = isFlagged ? '⚠ ' : '';
  if (measure(sign + text) <= maxWidth) return [sign + text];
  const words = text.split(' ');
  let first = 0;
  while (first < words.length - 1 && measure(sign + words.slice(0, first + 1).join(' ')) <= maxWidth) first += 1;
  if (first === 0) return [rowLabel(text, isFlagged, maxWidth, measure)];
  return [sign + words.slice(0, first).join(' '), rowLabel(words.slice(first).join(' '), false, maxWidth, measure)];
}

/**
 * The width of a column of row labels: as wide as the longest (its warning sign included) plus
 * `gap`, at most `maxWidth`, where the longer ones are cut.
 */
export function labelColumnWidth(
  rows: readonly { label: string; isFlagged: boolean }[],
  gap: number,
  maxWidth: number,
  measure: MeasureText = labelMeasure(),
): number {
  const longest = Math.max(0, ...rows.map((row) => measure((row.isFlagged ? '⚠ ' : '') + row.label)));
  return Math.round(Math.min(maxWidth, Math.ceil(longest) + gap));
}

/**
 * Renders again once web fonts have loaded: labels cut to fit were measured in the font shown
 * before (Noto Sans KR loads once Hangul is on the page, and is wider).
 */
function useDrawnAgainWhenFontsLoad(): void {
  const [, setLoads] = useState(0);
  useEffect(() => {
    const fonts = (document as Partial<Document>).fonts;
    if (!fonts) return;
    const drawAgain = () => setLoads((n) => n + 1);
    fonts.addEventListener('loadingdone', drawAgain);
    return () => fonts.removeEventListener('loadingdone', drawAgain);
  }, []);
}

/**
 * The frame every chart shares: a figure around an SVG image labelled by its title and
 * described by its description, with a hatch pattern that tells a series by more than colour.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { block, hatchBackground, width, height, title, description, figureRef, children } = props;
  const id = useId();
  return (
    <figure className={block} ref={figureRef}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className={`${block}__svg`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className={hatchBackground} />
            <line x1="0" y1="0" x2="0" y2="6" className={`${block}__hatch`} strokeWidth="3" />
          </pattern>
          <filter id={`${id}-ground`} x="-0.04" y="0" width="1.08" height="1">
            <feFlood className={`${block}__ground`} />
            <feComposite in="SourceGraphic" />
          </filter>
        </defs>
        {children(`url(#${id}-hatch)`, `url(#${id}-ground)`)}
      </svg>
    </figure>
  );
}
