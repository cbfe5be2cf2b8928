import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiScopes, type ApiScope, type ApiTokenSummary, type CreatedApiToken } from '@plenum/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { InputField } from '../../components/InputField';
import { IssuedLinkActions } from '../../components/IssuedLinkActions';
import { SelectField } from '../../components/SelectField';
import { useFormat } from '../../lib/useFormat';
import type { AdminApi } from './adminApi';
import { AdminTable } from './AdminTable';
import { CheckboxGroup } from './CheckboxGroup';
import { useApiData } from '../../lib/useApiData';
import { useFormCheck } from '../../lib/useFormCheck';
import { useListActions } from './useListActions';
import { FormFooter } from '../../components/FormFooter';
import { adminWording } from './adminApi';

/** How long a new token lasts, in days; `never`: until revoked. */
const lifetimes = ['30', '90', '365', 'never'] as const;
type Lifetime = (typeof lifetimes)[number];
const dayMs = 24 * 60 * 60 * 1000;

/** A token just created, shown this once: copy it or save it, then put it away. */
function CreatedTokenNotice({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const name = created.apiToken.name;
  return (
    <section className="panel issued-link" aria-labelledby={`${id}-heading`} data-testid="api-token-created">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('admin.apiTokens.createdFor', { name })}
      </h3>
      <p className="issued-link__once">{t('admin.apiTokens.once')}</p>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t('admin.apiTokens.token')}</label>
        <input
          id={`${id}-token`}
          className="issued-link__value"
          readOnly
          value={created.token}
          data-testid="api-token-created-value"
          onFocus={(e) => e.target.select()}
        />
      </div>
      <IssuedLinkActions
        copyText={created.token}
        file={{ name: t('admin.apiTokens.file', { name }), text: `${created.token}\n` }}
        onDone={onDone}
        labels={{
          copy: t('admin.apiTokens.copy'),
          download: t('admin.apiTokens.download'),
          done: t('admin.link.done'),
          copied: t('admin.apiTokens.copied'),
          copyFailed: t('admin.apiTokens.copyFailed'),
        }}
        testIds={{ done: 'api-token-created-done' }}
        isSmall
      />
    </section>
  );
}

/**
 * The organisation's API tokens, for its other systems: listed with their scopes and last use,
 * created with a name, scopes and an expiry (the token shown once), revoked after a question.
 */
export function ApiTokensTab({ api }: { api: AdminApi }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useApiData(useCallback(() => api.apiTokens(), [api]));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [lifetime, setLifetime] = useState<Lifetime>('90');
  const form = useFormCheck(adminWording);
  const { errors, refusal, setRefusal, check } = form;
  const { isBusy, done, asking: revoking, ask, stopAsking, submit, act } = useListActions<ApiTokenSummary>(list, form);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  // When the tab opened: a token's expiry is compared with it, not with every render's clock.
  const [openedAt] = useState(() => Date.now());
  const columns = [
    t('admin.apiTokens.name'),
    t('admin.apiTokens.scopes'),
    t('admin.apiTokens.created'),
    t('admin.apiTokens.lastUsed'),
    t('admin.apiTokens.standing'),
  ];

  const create = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim() === '') found.name = t('admin.field.required');
    if (scopes.length === 0) found.scopes = t('admin.apiTokens.scopesRequired');
    if (!check(found)) return;
    const expiresAt = lifetime === 'never' ? null : new Date(Date.now() + Number(lifetime) * dayMs).toISOString();
    submit(api.createApiToken({ name: name.trim(), scopes, expiresAt }), (answer) => {
      setCreated(answer);
      setName('');
      setScopes([]);
    });
  };

  const revoke = (summary: ApiTokenSummary) =>
    act(api.revokeApiToken(summary.id), t('admin.apiTokens.revoked', { name: summary.name }));

  const standing = (summary: ApiTokenSummary) => {
    if (summary.revokedAt)
      return t('admin.apiTokens.revokedOn', { date: format.shortDate(summary.revokedAt.slice(0, 10)) });
    if (summary.expiresAt === null) return t('admin.apiTokens.noExpiry');
    const date = format.shortDate(summary.expiresAt.slice(0, 10));
    return Date.parse(summary.expiresAt) <= openedAt
      ? t('admin.apiTokens.expiredOn', { date })
      : t('admin.apiTokens.expiresOn', { date });
  };

  return (
    <>
      <section className="panel" aria-labelledby="admin-api-tokens-heading">
        <h2 id="admin-api-tokens-heading" className="panel__heading">
          {t('admin.apiTokens.heading')}
        </h2>
        <p className="muted">
          {t('admin.apiTokens.about')} <a href="/api/docs">{t('admin.apiTokens.docs')}</a>
        </p>
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        <AdminTable data={list} headers={columns} hasActions none={t('admin.apiTokens.none')} testId="api-tokens">
          {(rows) =>
            rows.map((summary) => (
              <tr key={summary.id} data-testid={`api-token-${summary.id}`}>
                <th scope="row">{summary.name}</th>
                <td data-label={columns[1]}>{summary.scopes.join(', ')}</td>
                <td data-label={columns[2]}>{format.shortDate(summary.createdAt.slice(0, 10))}</td>
                <td data-label={columns[3]}>
                  {summary.lastUsedAt
                    ? t('admin.apiTokens.usedOn', {
                        date: format.shortDate(summary.lastUsedAt.slice(0, 10)),
                        count: summary.useCount,
                      })
                    : t('admin.apiTokens.neverUsed')}
                </td>
                <td data-label={columns[4]}>{standing(summary)}</td>
                <td>
                  {!summary.revokedAt && (
                    <button type="button" className="button button--small button--danger" onClick={() => ask(summary)}>
                      {t('admin.apiTokens.revoke')}
                      <span className="visually-hidden">: {summary.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))
          }
        </AdminTable>
      </section>
      <section className="panel" aria-labelledby="admin-api-token-create-heading">
        <h2 id="admin-api-token-create-heading" className="panel__heading">
          {t('admin.apiTokens.createHeading')}
        </h2>
        {created && <CreatedTokenNotice created={created} onDone={() => setCreated(null)} />}
        <form noValidate onSubmit={create} data-testid="api-token-create">
          <div className="admin-form-grid">
            <InputField
              label={t('admin.apiTokens.name')}
              hint={t('admin.apiTokens.nameHint')}
              value={name}
              onChange={setName}
              error={errors.name}
              autoComplete="off"
              testId="api-token-name"
            />
            <SelectField
              id="api-token-lifetime"
              label={t('admin.apiTokens.expiry')}
              value={lifetime}
              options={lifetimes.map((value) => ({ value, label: t(`admin.apiTokens.lifetime.${value}`) }))}
              onChange={setLifetime}
              testId="api-token-lifetime"
            />
          </div>
          {errors.expiresAt && <p className="field-error">{t('admin.apiTokens.expiryRefused')}</p>}
          <CheckboxGroup
            legend={t('admin.apiTokens.scopes')}
            options={apiScopes}
            checked={scopes}
            onChange={setScopes}
            label={(scope) => (
              <>
                <code>{scope}</code> — {t(`admin.apiTokens.scope.${scope}`)}
              </>
            )}
            error={errors.scopes}
            errorId="api-token-scopes-error"
          />
          <FormFooter
            refusal={refusal}
            onDismiss={() => setRefusal(null)}
            isBusy={isBusy}
            submitLabel={t('admin.apiTokens.create')}
            testId="api-token-create-submit"
          />
        </form>
      </section>
      {revoking && (
        <ConfirmDialog
          title={t('admin.apiTokens.revokeTitle', { name: revoking.name })}
          lines={[t('admin.apiTokens.revokeLine')]}
          confirmLabel={t('admin.apiTokens.revoke')}
          onConfirm={() => revoke(revoking)}
          onCancel={stopAsking}
          testId="api-token-revoke-dialog"
        />
      )}
    </>
  );
}
