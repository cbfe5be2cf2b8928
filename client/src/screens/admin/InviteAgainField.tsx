import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisteredUnit, Role, SessionParticipant } from '@plenum/shared';
import type { AdminApi } from './adminApi';

interface InviteAgainFieldProps {
  api: Pick<AdminApi, 'sessionParticipants' | 'units'>;
  organisationId: string;
  previousSessionId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** Who convening would invite again from the previous session, as the server decides it. */
export interface InviteAgainPlan {
  byRole: [Role, number][];
  invited: number;
  revoked: number;
  /** Names of those whose unit is retired since. */
  retired: string[];
}

/**
 * The previous session's participants as they would be invited again: not its chairs (the new
 * session names its own), not those revoked, not those whose unit the register retired since.
 * With no unit registered, the session keeps the previous one's units, so nobody is retired.
 */
export function inviteAgainPlan(
  participants: readonly SessionParticipant[],
  register: readonly RegisteredUnit[],
): InviteAgainPlan {
  const current = new Set(register.filter((u) => u.retiredAt === null).map((u) => u.unit.id));
  const isRetired = (unitId: string | null) => register.length > 0 && unitId !== null && !current.has(unitId);
  const counts = new Map<Role, number>();
  const plan: InviteAgainPlan = { byRole: [], invited: 0, revoked: 0, retired: [] };
  for (const { participant, access } of participants) {
    if (participant.role === 'chair') continue;
    if (access.revokedAt !== null) plan.revoked += 1;
    else if (isRetired(participant.unitId)) plan.retired.push(participant.name);
    else counts.set(participant.role, (counts.get(participant.role) ?? 0) + 1);
  }
  plan.byRole = [...counts];
  plan.invited = plan.byRole.reduce((sum, [, count]) => sum + count, 0);
  return plan;
}

/** What was read for a previous session; one for another session reads as still loading. */
type Read = { sessionId: string } & ({ state: 'failed' } | { state: 'loaded'; plan: InviteAgainPlan });
type Loaded = { state: 'loading' } | Read;

/** "Invite the previous review's participants again", with how many by role and who is left out. */
export function InviteAgainField(props: InviteAgainFieldProps) {
  const { api, organisationId, previousSessionId, checked, onChange } = props;
  const { t } = useTranslation();
  const [read, setRead] = useState<Read | null>(null);
  const loaded: Loaded = read?.sessionId === previousSessionId ? read : { state: 'loading' };

  useEffect(() => {
    if (previousSessionId === '') return;
    let isCurrent = true;
    Promise.all([api.sessionParticipants(previousSessionId), api.units(organisationId)]).then(
      ([participants, register]) => {
        const plan = inviteAgainPlan(participants, register);
        if (isCurrent) setRead({ sessionId: previousSessionId, state: 'loaded', plan });
      },
      () => {
        if (isCurrent) setRead({ sessionId: previousSessionId, state: 'failed' });
      },
    );
    // A choice changed meanwhile: the answer for the one before is not shown.
    return () => {
      isCurrent = false;
    };
  }, [api, organisationId, previousSessionId]);

  const hasPrevious = previousSessionId !== '';
  const plan = loaded.state === 'loaded' ? loaded.plan : null;
  return (
    <>
      <label className="admin-check">
        <input
          type="checkbox"
          checked={checked && hasPrevious}
          disabled={!hasPrevious}
          data-testid="convene-invite-again"
          onChange={(e) => onChange(e.target.checked)}
        />
        {t('admin.convene.inviteAgain')}
      </label>
      {hasPrevious && checked && (
        <div className="muted" role="status" data-testid="convene-invite-again-summary">
          {loaded.state === 'loading' && <p>{t('admin.convene.inviteAgainReading')}</p>}
          {loaded.state === 'failed' && <p>{t('admin.convene.inviteAgainUnread')}</p>}
          {plan && (
            <>
              <p>
                {plan.invited === 0
                  ? t('admin.convene.inviteAgainNone')
                  : t('admin.convene.inviteAgainCount', {
                      count: plan.invited,
                      roles: plan.byRole
                        .map(([role, count]) =>
                          t('admin.convene.inviteAgainRole', { role: t(`labels.role.${role}`), count }),
                        )
                        .join(', '),
                    })}
              </p>
              {plan.revoked > 0 && <p>{t('admin.convene.inviteAgainRevoked', { count: plan.revoked })}</p>}
              {plan.retired.length > 0 && (
                <p>{t('admin.convene.inviteAgainRetired', { names: plan.retired.join(', ') })}</p>
              )}
            </>
          )}
        </div>
      )}
    </>
  );
}
