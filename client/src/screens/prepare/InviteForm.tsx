import { type Invitee, type IssuedLink, type NotificationLanguage, type Role, type SessionRole } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { ErrorNote } from '../../components/ErrorNote';
import { MailLanguageField } from '../../components/MailLanguageField';
import { serverLanguage } from '../../i18n/languages';
import { inviteRoles } from './inviteRoles';
import { invitationWording, type InvitationsApi } from './invitationsApi';
import { prepareTargets } from './prepareTargets';
import { RoleUnitFields } from './RoleUnitFields';

interface InviteFormProps {
  you: Role;
  api: InvitationsApi;
  onIssued: (links: IssuedLink[]) => void;
}

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
  const [isBusy, setIsBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
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
      setError(`${t('prepare.failed.invite', { name: invitee.name })} ${apiErrorText(failure, invitationWording)}`);
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
          <input id={prepareTargets.invite} required value={name} onChange={(e) => setName(e.target.value)} />
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
          <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
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
