import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateWebhookBodySchema,
  webhookEventTypes,
  type WebhookEventType,
  type WebhookSubscription,
} from '@plenum/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { InputField } from '../../components/InputField';
import { IssuedLinkActions } from '../../components/IssuedLinkActions';
import { useFormat } from '../../lib/useFormat';
import type { AdminApi } from './adminApi';
import { AdminTable } from './AdminTable';
import { CheckboxGroup } from './CheckboxGroup';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { useApiData } from '../../lib/useApiData';
import { useFormCheck } from '../../lib/useFormCheck';
import { useListActions } from './useListActions';
import { WebhookDeliveries } from './WebhookDeliveries';
import { FormFooter } from '../../components/FormFooter';
import { adminWording } from './adminApi';

/** A new subscription's signing secret, shown this once: copy or save it, then put it away. */
function SecretNotice({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="panel issued-link" aria-labelledby={`${id}-heading`} data-testid="webhook-secret">
      <h3 id={`${id}-heading`} tabIndex={-1} ref={(heading) => heading?.focus()}>
        {t('admin.webhooks.secretFor', { url })}
      </h3>
      <p className="issued-link__once">{t('admin.webhooks.secretOnce')}</p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{t('admin.webhooks.secret')}</label>
        <input
          id={`${id}-secret`}
          className="issued-link__value"
          readOnly
          value={secret}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <IssuedLinkActions
        copyText={secret}
        file={{ name: 'webhook-secret.txt', text: `${secret}\n` }}
        onDone={onDone}
        labels={{
          copy: t('admin.webhooks.copySecret'),
          download: t('admin.webhooks.downloadSecret'),
          done: t('admin.link.done'),
          copied: t('admin.webhooks.secretCopied'),
          copyFailed: t('admin.link.copyFailed'),
        }}
        isSmall
      />
    </section>
  );
}

/**
 * The organisation's webhooks: each receiver with its events, paused or resumed, deleted; a new
 * one subscribed (its secret shown once); the delivery log of one, with redelivery.
 */
export function WebhooksTab({ api }: { api: AdminApi }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useApiData(useCallback(() => api.webhooks(), [api]));
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<WebhookEventType[]>([]);
  const form = useFormCheck(adminWording);
  const { errors, refusal, setRefusal, check } = form;
  const {
    isBusy,
    done,
    asking: deleting,
    ask,
    stopAsking,
    submit,
    act,
  } = useListActions<WebhookSubscription>(list, form);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [shownLog, setShownLog] = useState<WebhookSubscription | null>(null);
  const columns = [
    t('admin.webhooks.url'),
    t('admin.webhooks.events'),
    t('admin.webhooks.created'),
    t('admin.webhooks.standing'),
  ];

  const subscribe = (event: FormEvent) => {
    event.preventDefault();
    const body = { url: url.trim(), eventTypes };
    const parsed = CreateWebhookBodySchema.safeParse(body);
    const found = parsed.success ? {} : schemaIssuesByField(parsed.error.issues);
    if (body.url === '') found.url = t('admin.field.required');
    if (eventTypes.length === 0) found.eventTypes = t('admin.webhooks.chooseEvents');
    if (!check(found)) return;
    submit(api.createWebhook(body), (answer) => {
      setCreated({ url: answer.subscription.url, secret: answer.secret });
      setUrl('');
      setEventTypes([]);
    });
  };

  const setActive = (webhook: WebhookSubscription, active: boolean) =>
    act(
      api.updateWebhook(webhook.id, { active }),
      t(active ? 'admin.webhooks.resumed' : 'admin.webhooks.paused', { url: webhook.url }),
    );

  const remove = (webhook: WebhookSubscription) =>
    act(api.deleteWebhook(webhook.id), t('admin.webhooks.deleted', { url: webhook.url }), () => {
      if (shownLog?.id === webhook.id) setShownLog(null);
    });

  return (
    <>
      <section className="panel" aria-labelledby="admin-webhooks-heading">
        <h2 id="admin-webhooks-heading" className="panel__heading">
          {t('admin.webhooks.heading')}
        </h2>
        <p className="muted">{t('admin.webhooks.intro')}</p>
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        <AdminTable data={list} headers={columns} hasActions none={t('admin.webhooks.none')} testId="webhooks">
          {(rows) =>
            rows.map((webhook) => (
              <tr key={webhook.id} data-testid={`webhook-${webhook.id}`}>
                <th scope="row">{webhook.url}</th>
                <td data-label={columns[1]}>
                  {webhook.eventTypes.map((type) => t(`admin.webhooks.type.${type}`)).join(', ')}
                </td>
                <td data-label={columns[2]}>{format.shortDate(webhook.createdAt.slice(0, 10))}</td>
                <td data-label={columns[3]}>
                  {t(webhook.active ? 'admin.webhooks.active' : 'admin.webhooks.pausedState')}
                </td>
                <td>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--small"
                      aria-pressed={shownLog?.id === webhook.id}
                      onClick={() => setShownLog(shownLog?.id === webhook.id ? null : webhook)}
                    >
                      {t('admin.webhooks.showLog')}
                      <span className="visually-hidden">: {webhook.url}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setActive(webhook, !webhook.active)}
                    >
                      {t(webhook.active ? 'admin.webhooks.pause' : 'admin.webhooks.resume')}
                      <span className="visually-hidden">: {webhook.url}</span>
                    </button>
                    <button type="button" className="button button--small button--danger" onClick={() => ask(webhook)}>
                      {t('admin.webhooks.delete')}
                      <span className="visually-hidden">: {webhook.url}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))
          }
        </AdminTable>
      </section>
      {shownLog && <WebhookDeliveries api={api} webhook={shownLog} />}
      <section className="panel" aria-labelledby="admin-webhook-new-heading">
        <h2 id="admin-webhook-new-heading" className="panel__heading">
          {t('admin.webhooks.newHeading')}
        </h2>
        {created && <SecretNotice url={created.url} secret={created.secret} onDone={() => setCreated(null)} />}
        <form noValidate onSubmit={subscribe} data-testid="webhook-new">
          <InputField
            type="url"
            label={t('admin.webhooks.url')}
            hint={t('admin.webhooks.urlHint')}
            value={url}
            onChange={setUrl}
            error={errors.url}
            autoComplete="off"
            testId="webhook-url"
          />
          <CheckboxGroup
            legend={t('admin.webhooks.events')}
            options={webhookEventTypes}
            checked={eventTypes}
            onChange={setEventTypes}
            label={(type) => (
              <>
                {t(`admin.webhooks.type.${type}`)} <code>{type}</code>
              </>
            )}
            error={errors.eventTypes}
            errorId="webhook-events-error"
          />
          <FormFooter
            refusal={refusal}
            onDismiss={() => setRefusal(null)}
            isBusy={isBusy}
            submitLabel={t('admin.webhooks.subscribe')}
            testId="webhook-subscribe"
          />
        </form>
      </section>
      {deleting && (
        <ConfirmDialog
          title={t('admin.webhooks.deleteTitle', { url: deleting.url })}
          lines={[t('admin.webhooks.deleteLine')]}
          confirmLabel={t('admin.webhooks.delete')}
          onConfirm={() => remove(deleting)}
          onCancel={stopAsking}
          testId="webhook-delete-dialog"
        />
      )}
    </>
  );
}
