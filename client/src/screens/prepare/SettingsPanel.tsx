import { canIssue, commandPayloads, type Role } from '@plenum/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { InputField } from '../../components/InputField';
import { Panel } from '../../components/Panel';
import { i18n } from '../../i18n';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';
import { percent, percentError, type FieldErrors } from '../../lib/fieldChecks';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { usePrepareFormCheck } from './usePrepareFormCheck';

/** The settings' fields by the key the commands name them with. */
const settingsFieldKeys = ['title', 'warningBelow', 'reportingGap', 'conferenceLink'] as const;

/** A threshold's input: a percentage, one decimal. */
const percentInput = { type: 'number', inputMode: 'decimal', min: 0, max: 100, step: 0.1, required: true } as const;

/**
 * What is wrong with the settings, field by field, as the convene form says it: an empty title,
 * a level that is no percentage, then the commands' own schemas (e.g. a link that is no web address).
 */
function checkSettings(title: string, levels: Record<'warningBelow' | 'reportingGap', string>, configure: object) {
  const errors: FieldErrors = {};
  if (title === '') errors.title = i18n.t('admin.field.required');
  for (const [key, value] of Object.entries(levels)) {
    const error = percentError(value);
    if (error !== null) errors[key] = error;
  }
  for (const parsed of [
    commandPayloads['session:rename'].safeParse({ title }),
    commandPayloads['session:configure'].safeParse(configure),
  ]) {
    if (parsed.success) continue;
    for (const [key, message] of Object.entries(schemaIssuesByField(parsed.error.issues))) errors[key] ??= message;
  }
  return errors;
}

/**
 * The session's title, its thresholds in percent, and the conference link; read-only (still
 * selectable, e.g. to copy the link) where the role or the session's state allows no change.
 */
export function SettingsPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const definition = useSessionStore((s) => s.session.definition);
  const status = useSessionStore((s) => s.session.status);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const command = useCommand();
  const { run, isBusy } = command;
  const { formRef, errorOf, refusal, dismiss, maySend, sent } = usePrepareFormCheck(settingsFieldKeys, command);
  const [title, setTitle] = useState(definition?.title ?? '');
  const [warning, setWarning] = useState(percent(definition?.thresholds.warningBelow ?? 0));
  const [gap, setGap] = useState(percent(definition?.thresholds.reportingGap ?? 0));
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
    const found = checkSettings(
      title.trim(),
      { warningBelow: warning, reportingGap: gap },
      { thresholds, conferenceLink },
    );
    if (!maySend(found)) return;
    if (isRenamed) {
      const ok = await run({ type: 'session:rename', payload: { title: title.trim() } }, t('prepare.failed.rename'));
      sent(ok);
      if (!ok) return;
    }
    if (isConfigured) {
      sent(
        await run(
          { type: 'session:configure', payload: { thresholds, conferenceLink } },
          t('prepare.failed.configure'),
        ),
      );
    }
  };

  return (
    <Panel heading={t('prepare.settings.heading')} className="prepare-settings" testId="prepare-settings">
      <form ref={formRef} noValidate onSubmit={(e) => void handleSubmit(e)}>
        <InputField
          label={t('prepare.settings.title')}
          className="prepare-wide"
          required
          value={title}
          readOnly={!mayRename}
          onChange={setTitle}
          error={errorOf('title')}
        />
        <div className="field-row">
          <InputField
            {...percentInput}
            label={t('prepare.settings.warningBelow')}
            hint={t('prepare.settings.warningHint')}
            value={warning}
            readOnly={!mayConfigure}
            onChange={setWarning}
            error={errorOf('warningBelow')}
          />
          <InputField
            {...percentInput}
            label={t('prepare.settings.reportingGap')}
            hint={t('prepare.settings.reportingGapHint')}
            value={gap}
            readOnly={!mayConfigure}
            onChange={setGap}
            error={errorOf('reportingGap')}
          />
        </div>
        <InputField
          type="url"
          label={t('prepare.settings.conferenceLink')}
          className="prepare-wide"
          value={link}
          readOnly={!mayConfigure}
          placeholder={t('prepare.settings.conferenceLinkPlaceholder')}
          onChange={setLink}
          error={errorOf('conferenceLink')}
        />
        <ErrorNote message={refusal} onDismiss={dismiss} />
        {/* Nothing to save where nothing can change (a closed session): the fields read as the record. */}
        {(mayRename || mayConfigure) && (
          <button
            type="submit"
            className="button button--primary"
            data-testid="prepare-settings-save"
            disabled={!canSend || isBusy || !(isRenamed || isConfigured)}
          >
            {t('prepare.settings.save')}
          </button>
        )}
      </form>
    </Panel>
  );
}
