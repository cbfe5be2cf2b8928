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

interface ConfirmDialogProps {
  title: string;
  /** What the action cuts off, one sentence each. */
  lines: string[];
  /** How the action can be undone, said after the lines. */
  note?: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/**
 * A modal question before an action that cuts something off. Focus moves to the confirm
 * button, so Enter confirms; Escape (or Cancel) cancels; Tab stays inside the dialog; and focus
 * goes back where it was when the dialog closes. Screen readers hear the title and the lines.
 */
export function ConfirmDialog({ title, lines, note, confirmLabel, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  // Before the browser paints: a key pressed as soon as the dialog shows must reach its buttons, not the opener.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    confirmRef.current?.focus();
    return () => opener?.focus();
  }, []);

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
        <div id={bodyId}>
          <ul className="dialog__lines">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {note && <p className="muted">{note}</p>}
        </div>
        <p className="muted">{t('confirm.keys')}</p>
        <div className="button-row">
          <button type="button" className="button" data-testid={testId && `${testId}-cancel`} onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button
            ref={confirmRef}
            type="button"
            className="button button--primary"
            data-testid={testId && `${testId}-confirm`}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** {@link ConfirmDialog} saying a {@link ConfirmationText}. */
export function ConfirmationDialog({
  text,
  ...actions
}: { text: ConfirmationText } & Pick<ConfirmDialogProps, 'onConfirm' | 'onCancel' | 'testId'>) {
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
