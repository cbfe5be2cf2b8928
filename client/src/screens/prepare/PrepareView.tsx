import type { Role } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../stores/session';
import { DaysPanel } from './DaysPanel';
import { InvitationsPanel } from './InvitationsPanel';
import { NoticePanel } from './NoticePanel';
import { SettingsPanel } from './SettingsPanel';
import './Prepare.css';

/**
 * Preparing a review session on screen, for its chair and the organisation's administrator:
 * the notice and what stops it, the settings, the days with their agendas, the invitations.
 * Every change is a command (or, for invitations, a REST call) the server decides and logs.
 */
export function PrepareView({ role }: { role: Role }) {
  const { t } = useTranslation();
  const definition = useSessionStore((s) => s.session.definition);
  // The form starts again from the session's values when another screen changes them.
  const settingsKey = definition
    ? JSON.stringify([definition.title, definition.thresholds, definition.conferenceLink])
    : 'none';
  if (!definition) return <p className="panel muted">{t('common.loading')}</p>;
  return (
    <div className="prepare" data-testid="prepare-view">
      <NoticePanel role={role} />
      <SettingsPanel key={settingsKey} role={role} />
      <DaysPanel role={role} />
      <InvitationsPanel role={role} />
    </div>
  );
}
