import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery, WebhookSubscription } from '@plenum/shared';
import { apiErrorText } from '../../api/apiErrorText';
import { ErrorNote } from '../../components/ErrorNote';
import { useFormat } from '../../lib/useFormat';
import { adminWording, type AdminApi } from './adminApi';
import { AdminTable } from './AdminTable';
import { useApiData } from '../../lib/useApiData';

/** One webhook's delivery log, newest first: status, attempts, the last answer, the next retry; redeliver. */
export function WebhookDeliveries({ api, webhook }: { api: AdminApi; webhook: WebhookSubscription }) {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useApiData(useCallback(() => api.webhookDeliveries(webhook.id), [api, webhook.id]));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const columns = [
    t('admin.webhooks.log.event'),
    t('admin.webhooks.log.created'),
    t('admin.webhooks.log.status'),
    t('admin.webhooks.log.attempts'),
    t('admin.webhooks.log.last'),
    t('admin.webhooks.log.next'),
  ];
  const when = (instant: string) => `${format.shortDate(instant.slice(0, 10))} ${format.time(instant)}`;
  /** The last attempt in words: the receiver's status, or why there was none, and how long it took. */
  const lastAttempt = (delivery: WebhookDelivery) => {
    const attempt = delivery.attempts.at(-1);
    if (!attempt) return t('admin.webhooks.log.noAttempt');
    const outcome = attempt.statusCode === null ? (attempt.error ?? '') : `HTTP ${attempt.statusCode}`;
    return t('admin.webhooks.log.attempt', { outcome, ms: attempt.durationMs });
  };

  const redeliver = (delivery: WebhookDelivery) => {
    setDone(null);
    api.redeliver(webhook.id, delivery.id).then(
      (answer) => {
        setDone(t(`admin.webhooks.log.redelivered.${answer.delivery.status}`));
        log.reload();
      },
      (failure: unknown) => setRefusal(apiErrorText(failure, adminWording)),
    );
  };

  return (
    <section className="panel" aria-labelledby="admin-webhook-log-heading" data-testid="webhook-log">
      <h2 id="admin-webhook-log-heading" className="panel__heading">
        {t('admin.webhooks.log.heading', { url: webhook.url })}
      </h2>
      <div className="button-row">
        <button type="button" className="button button--small" onClick={log.reload}>
          {t('admin.webhooks.log.refresh')}
        </button>
      </div>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <ErrorNote message={refusal} onDismiss={() => setRefusal(null)} />
      <AdminTable data={log} headers={columns} hasActions none={t('admin.webhooks.log.none')}>
        {(rows) =>
          rows.map((delivery) => (
            <tr key={delivery.id} data-testid={`delivery-${delivery.id}`}>
              <th scope="row">
                {t(`admin.webhooks.type.${delivery.eventType}`)}
                <br />
                <code className="muted">{delivery.id}</code>
              </th>
              <td data-label={columns[1]}>{when(delivery.createdAt)}</td>
              <td data-label={columns[2]}>{t(`admin.webhooks.log.state.${delivery.status}`)}</td>
              <td data-label={columns[3]}>{delivery.attempts.length}</td>
              <td data-label={columns[4]}>{lastAttempt(delivery)}</td>
              <td data-label={columns[5]}>{delivery.nextAttemptAt ? when(delivery.nextAttemptAt) : '—'}</td>
              <td>
                <button type="button" className="button button--small" onClick={() => redeliver(delivery)}>
                  {t('admin.webhooks.log.redeliver')}
                  <span className="visually-hidden">: {delivery.id}</span>
                </button>
              </td>
            </tr>
          ))
        }
      </AdminTable>
    </section>
  );
}
