import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IssuedLinkActions } from '../../components/IssuedLinkActions';

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
  useEffect(() => headingRef.current?.focus(), []);

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
      <IssuedLinkActions
        copyText={link}
        file={{ name: fileName, text: `${link}\n` }}
        onDone={onDone}
        labels={{
          copy: t('admin.link.copy'),
          download: t('admin.link.download'),
          done: t('admin.link.done'),
          copied: t('admin.link.copied'),
          copyFailed: t('admin.link.copyFailed'),
        }}
        testIds={{ done: `${testId}-done` }}
        isSmall
      />
      {children}
    </section>
  );
}
