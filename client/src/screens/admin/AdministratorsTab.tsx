import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  InviteAdministratorBodySchema,
  type AdministratorSummary,
  type NotificationLanguage,
  type Participant,
} from '@plenum/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { InputField } from '../../components/InputField';
import { MailLanguageField } from '../../components/MailLanguageField';
import { serverLanguage } from '../../i18n/languages';
import { useFormat } from '../../lib/useFormat';
import type { AdminApi } from './adminApi';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { IssuedLinkNotice } from './IssuedLinkNotice';
import { AdminTable } from './AdminTable';
import { useApiData } from '../../lib/useApiData';
import { useFormCheck } from '../../lib/useFormCheck';
import { useListActions } from './useListActions';
import { FormFooter } from '../../components/FormFooter';
import { adminWording } from './adminApi';

interface AdministratorsTabProps {
  api: AdminApi;
  /** The administrator signed in, who cannot revoke their own link. */
  you: Participant;
}

/** The organisation's administrators: who they are, another one invited (the link shown once), one revoked. */
export function AdministratorsTab({ api, you }: AdministratorsTabProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const list = useApiData(useCallback(() => api.administrators(), [api]));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<NotificationLanguage>(() => serverLanguage(i18n.resolvedLanguage));
  const form = useFormCheck(adminWording);
  const { errors, refusal, setRefusal, check } = form;
  const {
    isBusy,
    done,
    asking: revoking,
    ask,
    stopAsking,
    submit,
    act,
  } = useListActions<AdministratorSummary>(list, form);
  const [issued, setIssued] = useState<{ name: string; link: string } | null>(null);
  const columns = [
    t('admin.administrators.name'),
    t('admin.administrators.invited'),
    t('admin.administrators.standing'),
  ];

  const invite = (event: FormEvent) => {
    event.preventDefault();
    const body = { name, email: email.trim() === '' ? null : email.trim(), language };
    const parsed = InviteAdministratorBodySchema.safeParse(body);
    const found = parsed.success ? {} : schemaIssuesByField(parsed.error.issues);
    if (name.trim() === '') found.name = t('admin.field.required');
    if (!check(found)) return;
    submit(api.inviteAdministrator(body), (answer) => {
      setIssued({ name: answer.administrator.name, link: answer.link });
      setName('');
      setEmail('');
    });
  };

  const revoke = (summary: AdministratorSummary) =>
    act(
      api.revokeAdministrator(summary.administrator.id),
      t('admin.administrators.revoked', { name: summary.administrator.name }),
    );

  return (
    <>
      <section className="panel" aria-labelledby="admin-administrators-heading">
        <h2 id="admin-administrators-heading" className="panel__heading">
          {t('admin.administrators.heading')}
        </h2>
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        <AdminTable data={list} headers={columns} hasActions testId="administrators">
          {(rows) =>
            rows.map((summary) => {
              const isYou = summary.administrator.id === you.id;
              return (
                <tr key={summary.administrator.id} data-testid={`administrator-${summary.administrator.id}`}>
                  <th scope="row">
                    {/* In its own element, so that the tag after it is not a first child (`.tag:first-child` has no margin). */}
                    <span>{summary.administrator.name}</span>
                    {isYou && <span className="tag">{t('admin.administrators.you')}</span>}
                  </th>
                  <td data-label={columns[1]}>{format.shortDate(summary.invitedAt.slice(0, 10))}</td>
                  <td data-label={columns[2]}>
                    {summary.revokedAt
                      ? t('admin.administrators.revokedOn', {
                          date: format.shortDate(summary.revokedAt.slice(0, 10)),
                        })
                      : t('admin.administrators.active')}
                  </td>
                  <td>
                    {!summary.revokedAt && !isYou && (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        data-testid={`administrator-${summary.administrator.id}-revoke`}
                        onClick={() => ask(summary)}
                      >
                        {t('admin.administrators.revoke')}
                        <span className="visually-hidden">: {summary.administrator.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })
          }
        </AdminTable>
      </section>
      <section className="panel" aria-labelledby="admin-invite-heading">
        <h2 id="admin-invite-heading" className="panel__heading">
          {t('admin.administrators.inviteHeading')}
        </h2>
        {issued && (
          <IssuedLinkNotice
            heading={t('admin.administrators.linkFor', { name: issued.name })}
            link={issued.link}
            fileName={t('admin.administrators.linkFile', { name: issued.name })}
            onDone={() => setIssued(null)}
            testId="administrator-link"
          />
        )}
        <form noValidate onSubmit={invite} data-testid="administrator-invite">
          <div className="admin-form-grid">
            <InputField
              label={t('admin.administrators.name')}
              value={name}
              onChange={setName}
              error={errors.name}
              autoComplete="off"
              testId="administrator-name"
            />
            <InputField
              type="email"
              label={t('admin.administrators.email')}
              hint={t('admin.administrators.emailHint')}
              value={email}
              onChange={setEmail}
              error={errors.email}
              autoComplete="off"
              testId="administrator-email"
            />
            <MailLanguageField
              label={t('admin.administrators.language')}
              value={language}
              onChange={setLanguage}
              testId="administrator-language"
            />
          </div>
          <FormFooter
            refusal={refusal}
            onDismiss={() => setRefusal(null)}
            isBusy={isBusy}
            submitLabel={t('admin.administrators.invite')}
            testId="administrator-invite-submit"
          />
        </form>
      </section>
      {revoking && (
        <ConfirmDialog
          title={t('admin.administrators.revokeTitle', { name: revoking.administrator.name })}
          lines={[t('admin.administrators.revokeLine')]}
          confirmLabel={t('admin.administrators.revoke')}
          onConfirm={() => revoke(revoking)}
          onCancel={stopAsking}
          testId="revoke-dialog"
        />
      )}
    </>
  );
}
