import type { ReactNode } from 'react';

interface DisclosureButtonProps {
  isOpen: boolean;
  onToggle: () => void;
  testId: string;
  disabled?: boolean;
  /** The id of the panel it opens, named to assistive technology while open. */
  controls?: string;
  tone?: 'primary' | 'danger';
  /** Said after the label to screen readers only: which row the action is for. */
  forReader?: string;
  children: ReactNode;
}

/** A small button that opens and closes the form of one action, saying whether it is open. */
export function DisclosureButton({
  isOpen,
  onToggle,
  testId,
  disabled,
  controls,
  tone,
  forReader,
  children,
}: DisclosureButtonProps) {
  return (
    <button
      type="button"
      className={tone ? `button button--small button--${tone}` : 'button button--small'}
      data-testid={testId}
      aria-expanded={isOpen}
      aria-controls={isOpen ? controls : undefined}
      disabled={disabled}
      onClick={onToggle}
    >
      {children}
      {forReader !== undefined && <span className="visually-hidden">: {forReader}</span>}
    </button>
  );
}
