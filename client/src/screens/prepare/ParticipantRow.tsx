import type { ChangeParticipantBody, IssuedLink, Participant, Role } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { FormActions } from '../../components/FormActions';
import { useFormat } from '../../lib/useFormat';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { inviteRoles } from './inviteRoles';
import { invitationWording, type InvitationsApi } from './invitationsApi';
import type { InvitationStatus } from './participantStatus';
import { RoleUnitFields } from './RoleUnitFields';

interface ParticipantRowProps {
  participant: Participant;
  status: InvitationStatus;
  expiresAt: string | null;
  you: Participant;
  api: InvitationsApi;
  onIssued: (links: IssuedLink[]) => void;
}

/** `YYYY-MM-DDTHH:MM` in this device's time, as a datetime-local field holds an instant. */
function localInput(instant: string | null): string {
  if (!instant) return '';
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * One invited person: name, role, unit, where the invitation stands; revoke (asks first),
 * reissue (the new link is shown once), or change the role, the unit and the expiry.
 */
export function ParticipantRow({ participant, status, expiresAt, you, api, onIssued }: ParticipantRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, participant.unitId));
  const [error, setError] = useState<string | null>(null);
  const [isRevoking, setIsRevoking] = useState(false);
  const [isChanging, setIsChanging] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [role, setRole] = useState<Role>(participant.role);
  const [unitId, setUnitId] = useState(participant.unitId);
  const [expiry, setExpiry] = useState(localInput(expiresAt));
  const isYou = participant.id === you.id;
  // A chair is made and changed by the administrator only.
  const mayManage = !isYou && (participant.role !== 'chair' || you.role === 'administrator');
  const forReader = <span className="visually-hidden">: {participant.name}</span>;

  const call = async (action: () => Promise<unknown>, failure: string) => {
    setError(null);
    setIsBusy(true);
    try {
      await action();
      return true;
    } catch (problem) {
      setError(`${failure} ${apiErrorText(problem, invitationWording)}`);
      return false;
    } finally {
      setIsBusy(false);
    }
  };

  const handleChange = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: ChangeParticipantBody = {};
    if (role !== participant.role && role !== 'administrator') body.role = role;
    if (unitId !== participant.unitId) body.unitId = unitId;
    const expiresAtNow = expiry === '' ? null : new Date(expiry).toISOString();
    if (expiresAtNow !== expiresAt) body.expiresAt = expiresAtNow;
    if (Object.keys(body).length === 0) return setIsChanging(false);
    const ok = await call(
      () => api.change(participant.id, body),
      t('prepare.failed.change', { name: participant.name }),
    );
    if (ok) setIsChanging(false);
  };

  return (
    <tr data-testid={`participant-${participant.id}`} data-status={status}>
      <th scope="row">{participant.name}</th>
      <td>{t(`labels.role.${participant.role}`)}</td>
      <td>{unitName ?? '—'}</td>
      <td>
        <span className="status-tag" data-status={status}>
          {t(`prepare.status.${status}`)}
        </span>
        {expiresAt && status !== 'expired' && status !== 'revoked' && (
          <span className="muted"> {t('prepare.status.expires', { date: format.date(expiresAt.slice(0, 10)) })}</span>
        )}
      </td>
      <td>
        <ErrorNote message={error} onDismiss={() => setError(null)} />
        {mayManage && (
          <div className="button-row">
            {status !== 'revoked' && (
              <button
                type="button"
                className="button button--small button--danger"
                data-testid={`revoke-${participant.id}`}
                disabled={isBusy}
                onClick={() => setIsRevoking(true)}
              >
                {t('prepare.participant.revoke')}
                {forReader}
              </button>
            )}
            <button
              type="button"
              className="button button--small"
              data-testid={`reissue-${participant.id}`}
              disabled={isBusy}
              onClick={() =>
                void call(
                  async () => onIssued([await api.reissue(participant.id)]),
                  t('prepare.failed.reissue', { name: participant.name }),
                )
              }
            >
              {t('prepare.participant.reissue')}
              {forReader}
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid={`change-${participant.id}`}
              aria-expanded={isChanging}
              disabled={isBusy}
              onClick={() => setIsChanging((open) => !open)}
            >
              {t('prepare.participant.change')}
              {forReader}
            </button>
          </div>
        )}
        {isChanging && (
          <form
            className="inline-form"
            data-testid={`change-form-${participant.id}`}
            onSubmit={(e) => void handleChange(e)}
          >
            <RoleUnitFields
              id={id}
              roles={inviteRoles(you.role)}
              role={role}
              onRoleChange={setRole}
              unitId={unitId}
              onUnitChange={setUnitId}
              keepUnit={participant.unitId}
            />
            <div className="field">
              <label htmlFor={`${id}-expiry`}>{t('prepare.participant.expiry')}</label>
              <input
                id={`${id}-expiry`}
                type="datetime-local"
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
              />
            </div>
            <div className="button-row">
              <FormActions
                submitLabel={t('prepare.participant.save')}
                isDisabled={isBusy}
                onCancel={() => setIsChanging(false)}
              />
            </div>
          </form>
        )}
        {isRevoking && (
          <ConfirmDialog
            title={t('prepare.participant.revokeTitle', { name: participant.name })}
            lines={[t('prepare.participant.revokeLine')]}
            note={t('prepare.participant.revokeNote')}
            confirmLabel={t('prepare.participant.revokeConfirm')}
            testId={`revoke-dialog-${participant.id}`}
            onCancel={() => setIsRevoking(false)}
            onConfirm={() => {
              setIsRevoking(false);
              void call(() => api.revoke(participant.id), t('prepare.failed.revoke', { name: participant.name }));
            }}
          />
        )}
      </td>
    </tr>
  );
}
