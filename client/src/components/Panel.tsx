import { useId, type ReactNode } from 'react';

interface PanelProps {
  heading: ReactNode;
  /** Classes beside `panel`, e.g. the widget's own block. */
  className?: string;
  testId?: string;
  /** The heading's id, for a table or list inside that the heading names too. */
  headingId?: string;
  children: ReactNode;
}

/** A panel of a screen: a section in the card style, labelled by its heading. */
export function Panel({ heading, className, testId, headingId: givenId, children }: PanelProps) {
  const ownId = useId();
  const headingId = givenId ?? ownId;
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="panel__heading">
        {heading}
      </h2>
      {children}
    </section>
  );
}
