import {
  notificationKinds,
  notificationLanguages,
  type NotificationChoices,
  type NotificationKind,
  type NotificationLanguage,
} from '@plenum/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/request';
import { DisclosureButton } from '../components/DisclosureButton';
import { languages } from '../i18n';
import type { NotificationFeed } from '../realtime/RealtimeContext';
import { fetchChoices, saveChoices } from './notificationsApi';

type Outcome = { kind: 'saved' } | { kind: 'failed'; reason: string } | null;

/** The participant's own choice of which kinds reach them in the app and by e-mail, and in which language. */
export function NotificationChoicesForm({ feed }: { feed: NotificationFeed }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [choices, setChoices] = useState<NotificationChoices | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const formId = useId();

  useEffect(() => {
    if (!isOpen) return;
    let isMounted = true;
    fetchChoices(feed).then(
      (loaded) => isMounted && setChoices(loaded),
      (error: unknown) => isMounted && setOutcome({ kind: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      isMounted = false;
    };
  }, [feed, isOpen]);

  const toggle = (kind: NotificationKind, channel: 'inApp' | 'email', value: boolean) =>
    setChoices(
      (current) =>
        current && { ...current, kinds: { ...current.kinds, [kind]: { ...current.kinds[kind], [channel]: value } } },
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choices) return;
    try {
      setChoices(await saveChoices(feed, choices));
      setOutcome({ kind: 'saved' });
    } catch (error) {
      setOutcome({ kind: 'failed', reason: reasonOf(error) });
    }
  };

  return (
    <div className="bell__choices">
      <DisclosureButton
        isOpen={isOpen}
        onToggle={() => setOpen((open) => !open)}
        testId="notification-choices-open"
        controls={formId}
      >
        {t('notifications.choices.open')}
      </DisclosureButton>
      {isOpen && choices && (
        <form id={formId} onSubmit={(event) => void submit(event)} data-testid="notification-choices">
          <table className="bell__table">
            <caption>{t('notifications.choices.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.choices.kindColumn')}</th>
                <th scope="col">{t('notifications.choices.inApp')}</th>
                <th scope="col">{t('notifications.choices.email')}</th>
              </tr>
            </thead>
            <tbody>
              {notificationKinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`notifications.choices.kind.${kind}`)}</th>
                  {(['inApp', 'email'] as const).map((channel) => (
                    <td key={channel}>
                      <input
                        type="checkbox"
                        checked={choices.kinds[kind][channel]}
                        onChange={(e) => toggle(kind, channel, e.target.checked)}
                        aria-label={`${t(`notifications.choices.kind.${kind}`)} — ${t(`notifications.choices.${channel}`)}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('notifications.choices.emailNote')}</p>
          <label>
            {t('notifications.choices.language')}{' '}
            <select
              value={choices.language}
              onChange={(e) => setChoices({ ...choices, language: e.target.value as NotificationLanguage })}
            >
              {notificationLanguages.map((code) => (
                <option key={code} value={code} lang={code}>
                  {languages[code]}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" className="button button--small button--primary">
            {t('notifications.choices.save')}
          </button>
        </form>
      )}
      <p role="status" className="muted">
        {outcome?.kind === 'saved' && t('notifications.choices.saved')}
        {outcome?.kind === 'failed' && t('notifications.choices.saveFailed', { reason: outcome.reason })}
      </p>
    </div>
  );
}

function reasonOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}
