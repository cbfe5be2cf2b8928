import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from './download';

interface IssuedLinkNoticeProps {
  /** Whose link it is, e.g. "Chair: Kim Minho". */
  heading: string;
  link: string;
  /** The downloaded file's name. */
  fileName: string;
  /** Puts the link away for good. */
  onDone: () => void;
  testId: string;
  /** What goes with the link, e.g. where to go next. */
  children?: ReactNode;
}

/**
 * A link the server issued, shown this once (the server keeps only its hash): copy it or save it
 * as a file, then put it away. The heading takes the focus, so a screen reader hears it at once.
 */
export function IssuedLinkNotice({ heading, link, fileName, onDone, testId, children }: IssuedLinkNoticeProps) {
  const { t } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => headingRef.current?.focus(), []);

  // Without a secure context (plain HTTP to another machine) there is no clipboard: that too is said.
  const copy = () => {
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(link))
      .then(
        () => setCopied('yes'),
        () => setCopied('failed'),
      );
  };

  return (
    <section className="panel issued-link" aria-labelledby={`${id}-heading`} data-testid={testId}>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <p className="issued-link__once">{t('admin.link.once')}</p>
      <div className="field">
        <label htmlFor={`${id}-link`}>{t('admin.link.label')}</label>
        <input
          id={`${id}-link`}
          className="issued-link__value"
          readOnly
          value={link}
          data-testid={`${testId}-value`}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button--small button--primary" onClick={copy}>
          {t('admin.link.copy')}
        </button>
        <button type="button" className="button button--small" onClick={() => downloadText(fileName, `${link}\n`)}>
          {t('admin.link.download')}
        </button>
        <button type="button" className="button button--small" data-testid={`${testId}-done`} onClick={onDone}>
          {t('admin.link.done')}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' && t('admin.link.copied')}
        {copied === 'failed' && t('admin.link.copyFailed')}
      </p>
      {children}
    </section>
  );
}
