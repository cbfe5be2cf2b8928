import { useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** What a confirmation says: the question, what the action would cut off, and how to undo it. */
export interface ConfirmationText {
  title: string;
  /** What is lost or cut off, one sentence each; never empty. */
  losses: string[];
  /** How the action can be undone. */
  undo: string;
  confirmLabel: string;
}

type ConfirmDialogProps = {
  title: string;
  /** What the action cuts off, one sentence each. */
  lines: string[];
  /** How the action can be undone, said after the lines. */
  note?: string;
  onCancel: () => void;
  testId?: string;
} & (
  | { confirmLabel: string; onConfirm: () => void }
  /** Nothing left to confirm (it changed meanwhile): the lines say why, and the one button dismisses them. */
  | { confirmLabel?: never; onConfirm?: never }
);

/**
 * A modal question before an action that cuts something off. Focus moves to the confirm
 * button, so Enter confirms; Escape (or Cancel) cancels; Tab stays inside the dialog; and focus
 * goes back where it was when the dialog closes. Screen readers hear the title and the lines.
 * Without `onConfirm` it only tells, with one button to dismiss it, which Enter and Escape press.
 */
export function ConfirmDialog({ title, lines, note, confirmLabel, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const canConfirm = onConfirm !== undefined;

  // Before the browser paints: a key pressed as soon as the dialog shows must reach its buttons, not the opener.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => opener?.focus();
  }, []);
  // Again when the confirm button goes (the question changed meanwhile): focus must stay inside, for Escape.
  useLayoutEffect(() => {
    primaryRef.current?.focus();
  }, [canConfirm]);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const buttons = Array.from(dialogRef.current?.querySelectorAll('button') ?? []);
    const first = buttons[0];
    const last = buttons.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog panel"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid={testId}
        onKeyDown={handleKeyDown}
      >
        <h2 id={titleId} className="panel__heading">
          {title}
        </h2>
        {/* Live: the lines follow the state while the dialog is open, and a screen reader hears them change. */}
        <div id={bodyId} aria-live="polite">
          <ul className="dialog__lines">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {note && <p className="muted">{note}</p>}
        </div>
        <p className="muted">{canConfirm ? t('confirm.keys') : t('confirm.keysDismiss')}</p>
        <div className="button-row">
          {canConfirm ? (
            <>
              <button type="button" className="button" data-testid={testId && `${testId}-cancel`} onClick={onCancel}>
                {t('common.cancel')}
              </button>
              <button
                ref={primaryRef}
                type="button"
                className="button button--primary"
                data-testid={testId && `${testId}-confirm`}
                onClick={onConfirm}
              >
                {confirmLabel}
              </button>
            </>
          ) : (
            <button
              ref={primaryRef}
              type="button"
              className="button button--primary"
              data-testid={testId && `${testId}-dismiss`}
              onClick={onCancel}
            >
              {t('common.dismiss')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** {@link ConfirmDialog} saying a {@link ConfirmationText}. */
export function ConfirmationDialog({
  text,
  ...actions
}: {
  text: ConfirmationText;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  return (
    <ConfirmDialog
      title={text.title}
      lines={text.losses}
      note={text.undo}
      confirmLabel={text.confirmLabel}
      {...actions}
    />
  );
}
