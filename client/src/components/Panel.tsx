import { useId, type ReactNode } from 'react';

interface PanelProps {
  heading: ReactNode;
  /** Classes beside `panel`, e.g. the widget's own block. */
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A panel of a screen: a section in the card style, labelled by its heading. */
export function Panel({ heading, className, testId, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="panel__heading">
        {heading}
      </h2>
      {children}
    </section>
  );
}
