import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/TextAreaField';
import { parsePastedIndicators, type PasteProblem } from '../../widgets/reports/indicatorDraft';

/** Whether pasted rows replace the indicators or follow those already typed. */
export type PasteMode = 'replace' | 'append';

/** What a paste gave: its rows, and those whose direction the paste left unsaid. */
export type PastedIndicators = ReturnType<typeof parsePastedIndicators>;

interface PasteIndicatorsProps {
  isDisabled: boolean;
  /** Takes the rows of a paste that gave any. */
  onApply: (parsed: PastedIndicators, mode: PasteMode) => void;
}

/** Indicators pasted from a spreadsheet, one per line, with the lines it could not read. */
export function PasteIndicators({ isDisabled, onApply }: PasteIndicatorsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [pasted, setPasted] = useState('');
  const [pasteProblems, setPasteProblems] = useState<PasteProblem[]>([]);
  const [pasteMode, setPasteMode] = useState<PasteMode>('replace');

  const handlePaste = () => {
    const parsed = parsePastedIndicators(pasted);
    setPasteProblems(parsed.problems);
    if (parsed.drafts.length === 0) return;
    onApply(parsed, pasteMode);
    setPasted('');
  };

  return (
    <section className="panel" aria-labelledby={`${id}-paste-heading`}>
      <h2 id={`${id}-paste-heading`} className="panel__heading">
        {t('report.paste.heading')}
      </h2>
      <p className="muted" id={`${id}-paste-hint`}>
        {t('report.paste.hint')}
      </p>
      <TextAreaField
        label={t('report.paste.label')}
        testId="paste-area"
        rows={5}
        value={pasted}
        disabled={isDisabled}
        aria-describedby={`${id}-paste-hint`}
        onChange={setPasted}
      />
      <fieldset className="choice-group">
        <legend>{t('report.paste.mode')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-paste-mode`}
            checked={pasteMode === 'replace'}
            onChange={() => setPasteMode('replace')}
          />
          {t('report.paste.replace')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-paste-mode`}
            checked={pasteMode === 'append'}
            onChange={() => setPasteMode('append')}
          />
          {t('report.paste.append')}
        </label>
      </fieldset>
      <button
        type="button"
        className="button"
        data-testid="paste-apply"
        disabled={isDisabled || pasted.trim() === ''}
        onClick={handlePaste}
      >
        {t('report.paste.apply')}
      </button>
      {pasteProblems.length > 0 && (
        <ul className="form-error" role="alert">
          {pasteProblems.map((p) => (
            <li key={p.line}>{t(`report.paste.problem.${p.problem}`, { line: p.line })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
