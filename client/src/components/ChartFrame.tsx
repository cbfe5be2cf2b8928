import { useId, type ReactNode, type Ref } from 'react';
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
  /** Draws the chart; `hatch` is the fill of the hatched pattern (bars under a threshold, verified figures). */
  children: (hatch: string) => ReactNode;
}

/** Shortens a label to `max` characters with an ellipsis. */
function shortenLabel(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A row's label in `max` characters, led by a warning sign when the row is flagged. */
export function rowLabel(text: string, isFlagged: boolean, max: number): string {
  return isFlagged ? `⚠ ${shortenLabel(text, max - 2)}` : shortenLabel(text, max);
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
        </defs>
        {children(`url(#${id}-hatch)`)}
      </svg>
    </figure>
  );
}
