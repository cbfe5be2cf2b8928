import { canIssue, type Role } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { Panel } from '../../components/Panel';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';

/** A share (0..1) as the percent a person types, to one decimal. */
const toPercent = (share: number) => String(Math.round(share * 1000) / 10);

/** The session's title, its thresholds in percent, and the conference link. */
export function SettingsPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const id = useId();
  const definition = useSessionStore((s) => s.session.definition);
  const status = useSessionStore((s) => s.session.status);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const [title, setTitle] = useState(definition?.title ?? '');
  const [warning, setWarning] = useState(toPercent(definition?.thresholds.warningBelow ?? 0));
  const [gap, setGap] = useState(toPercent(definition?.thresholds.reportingGap ?? 0));
  const [link, setLink] = useState(definition?.conferenceLink ?? '');
  if (!definition) return null;

  const mayRename = canIssue(role, 'session:rename', status);
  const mayConfigure = canIssue(role, 'session:configure', status);
  const thresholds = { ...definition.thresholds, warningBelow: Number(warning) / 100, reportingGap: Number(gap) / 100 };
  const conferenceLink = link.trim() === '' ? null : link.trim();
  const isRenamed = title.trim() !== definition.title;
  const isConfigured =
    thresholds.warningBelow !== definition.thresholds.warningBelow ||
    thresholds.reportingGap !== definition.thresholds.reportingGap ||
    conferenceLink !== definition.conferenceLink;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isRenamed) {
      const ok = await run({ type: 'session:rename', payload: { title: title.trim() } }, t('prepare.failed.rename'));
      if (!ok) return;
    }
    if (isConfigured) {
      await run({ type: 'session:configure', payload: { thresholds, conferenceLink } }, t('prepare.failed.configure'));
    }
  };

  return (
    <Panel heading={t('prepare.settings.heading')} className="prepare-settings" testId="prepare-settings">
      <ErrorNote message={error} onDismiss={dismissError} />
      <form onSubmit={(e) => void handleSubmit(e)}>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('prepare.settings.title')}</label>
          <input
            id={`${id}-title`}
            className="prepare-wide"
            required
            value={title}
            disabled={!mayRename}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-warning`}>{t('prepare.settings.warningBelow')}</label>
            <input
              id={`${id}-warning`}
              type="number"
              min={0}
              max={100}
              step={0.1}
              required
              value={warning}
              disabled={!mayConfigure}
              aria-describedby={`${id}-warning-hint`}
              onChange={(e) => setWarning(e.target.value)}
            />
            <span id={`${id}-warning-hint`} className="field-hint muted">
              {t('prepare.settings.warningHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-gap`}>{t('prepare.settings.reportingGap')}</label>
            <input
              id={`${id}-gap`}
              type="number"
              min={0}
              max={100}
              step={0.1}
              required
              value={gap}
              disabled={!mayConfigure}
              aria-describedby={`${id}-gap-hint`}
              onChange={(e) => setGap(e.target.value)}
            />
            <span id={`${id}-gap-hint`} className="field-hint muted">
              {t('prepare.settings.reportingGapHint')}
            </span>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-link`}>{t('prepare.settings.conferenceLink')}</label>
          <input
            id={`${id}-link`}
            className="prepare-wide"
            type="url"
            value={link}
            disabled={!mayConfigure}
            placeholder={t('prepare.settings.conferenceLinkPlaceholder')}
            onChange={(e) => setLink(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="prepare-settings-save"
          disabled={!canSend || isBusy || !(isRenamed || isConfigured)}
        >
          {t('prepare.settings.save')}
        </button>
      </form>
    </Panel>
  );
}
