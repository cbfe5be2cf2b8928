import { useState } from 'react';
import { downloadText } from '../lib/download';

interface IssuedLinkActionsProps {
  /** What Copy puts on the clipboard. */
  copyText: string;
  /** What Download saves; `type` is the file's content type (plain text unless given). */
  file: { name: string; text: string; type?: string };
  /** Puts the links away for good. */
  onDone: () => void;
  /** The screen's words for the buttons and for what copying did. */
  labels: { copy: string; download: string; done: string; copied: string; copyFailed: string };
  testIds?: { copy?: string; download?: string; done?: string };
  /** Small buttons, as in a panel's form. */
  isSmall?: boolean;
}

/**
 * What can be done with links shown this once (the server keeps only their hashes): copy them,
 * save them as a file, put them away. Without a secure context (plain HTTP to another machine)
 * there is no clipboard: that too is said.
 */
export function IssuedLinkActions({
  copyText,
  file,
  onDone,
  labels,
  testIds = {},
  isSmall = false,
}: IssuedLinkActionsProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const size = isSmall ? ' button--small' : '';

  const copy = () => {
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(copyText))
      .then(
        () => setCopied('yes'),
        () => setCopied('failed'),
      );
  };

  return (
    <>
      <div className="button-row">
        <button type="button" className={`button${size} button--primary`} data-testid={testIds.copy} onClick={copy}>
          {labels.copy}
        </button>
        <button
          type="button"
          className={`button${size}`}
          data-testid={testIds.download}
          onClick={() => downloadText(file.name, file.text, file.type)}
        >
          {labels.download}
        </button>
        <button type="button" className={`button${size}`} data-testid={testIds.done} onClick={onDone}>
          {labels.done}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' && labels.copied}
        {copied === 'failed' && labels.copyFailed}
      </p>
    </>
  );
}
