import { type Invitee, type IssuedLink, type NotificationLanguage, type Role, type SessionRole } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { ApiError } from '../../api/request';
import { ErrorNote } from '../../components/ErrorNote';
import { MailLanguageField } from '../../components/MailLanguageField';
import { serverLanguage } from '../../i18n/languages';
import { issuesByField } from '../../lib/refusedFields';
import { inviteRoles } from './inviteRoles';
import { invitationWording, type InvitationsApi } from './invitationsApi';
import { prepareTargets } from './prepareTargets';
import { RoleUnitFields } from './RoleUnitFields';

interface InviteFormProps {
  you: Role;
  api: InvitationsApi;
  onIssued: (links: IssuedLink[]) => void;
}

/** The fields a refusal is shown beside (someone invited already by this name, or this e-mail). */
type BesideField = 'name' | 'email';

/**
 * Invites one person: name, role, unit, e-mail (optional) and the language of their e-mails (by
 * default this screen's); the link is shown once.
 */
export function InviteForm({ you, api, onIssued }: InviteFormProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<SessionRole>('presenter');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<NotificationLanguage>(() => serverLanguage(i18n.resolvedLanguage));
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Partial<Record<BesideField, string>>>({});
  const [isBusy, setIsBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setRefused({});
    setIsBusy(true);
    const invitee: Invitee = {
      name: name.trim(),
      role,
      unitId,
      email: email.trim() === '' ? null : email.trim(),
      language,
    };
    try {
      onIssued([await api.inviteOne(invitee)]);
      setName('');
      setEmail('');
    } catch (failure) {
      const byField = failure instanceof ApiError ? issuesByField(failure.issues) : {};
      const beside = { name: byField.name, email: byField.email };
      const isBeside = beside.name !== undefined || beside.email !== undefined;
      setRefused(beside);
      // What is said beside its field is not said again in the sentence.
      const why = apiErrorText(failure, { ...invitationWording, withIssues: !isBeside });
      setError(`${t('prepare.failed.invite', { name: invitee.name })} ${why}`);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form className="inline-form" data-testid="invite-form" onSubmit={(e) => void handleSubmit(e)}>
      <h3 className="prepare-subheading">{t('prepare.invite.one')}</h3>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={prepareTargets.invite}>{t('prepare.invite.name')}</label>
          <input
            id={prepareTargets.invite}
            required
            value={name}
            aria-invalid={refused.name ? true : undefined}
            aria-describedby={refused.name ? `${id}-name-error` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setRefused(({ name: _name, ...rest }) => rest);
            }}
          />
          {refused.name && (
            <span id={`${id}-name-error`} className="field-error" data-testid="invite-name-error">
              {refused.name}
            </span>
          )}
        </div>
        <RoleUnitFields
          id={id}
          roles={inviteRoles(you)}
          role={role}
          onRoleChange={setRole}
          unitId={unitId}
          onUnitChange={setUnitId}
        />
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('prepare.invite.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            value={email}
            aria-invalid={refused.email ? true : undefined}
            aria-describedby={refused.email ? `${id}-email-error` : undefined}
            onChange={(e) => {
              setEmail(e.target.value);
              setRefused(({ email: _email, ...rest }) => rest);
            }}
          />
          {refused.email && (
            <span id={`${id}-email-error`} className="field-error" data-testid="invite-email-error">
              {refused.email}
            </span>
          )}
        </div>
        <MailLanguageField
          label={t('prepare.invite.language')}
          value={language}
          onChange={setLanguage}
          testId="invite-language"
        />
      </div>
      <button
        type="submit"
        className="button button--primary button--small"
        data-testid="invite-submit"
        disabled={isBusy || name.trim() === ''}
      >
        {t('prepare.invite.submit')}
      </button>
    </form>
  );
}
