import { canIssue, type Role } from '@plenum/shared';
import { memo, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { todayIsoDate } from '../../lib/format';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { AgendaDay } from './AgendaDay';
import { DateForm } from './DateForm';
import { useFloorCommand } from '../floor/useFloorCommand';
import './AgendaPanel.css';

/**
 * The chair's agenda, day by day, with the floor actions each item allows now. Floor actions
 * are not optimistic: buttons wait for the server's answer and the event that follows.
 * Memoised: the floor around it renders again on every timer event, the agenda only on its own.
 */
export const AgendaPanel = memo(function AgendaPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { send, error, dismissError, askConfirmation, confirmation } = useFloorCommand();
  const isDraft = useSessionStore((s) => s.session.status === 'draft');
  const pendingById = usePendingStore((s) => s.byId);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [reopeningDayId, setReopeningDayId] = useState<string | null>(null);
  const [reschedulingDayId, setReschedulingDayId] = useState<string | null>(null);
  // Stable, as the memoised days take them.
  const toggleReschedule = useCallback(
    (dayId: string) => setReschedulingDayId((open) => (open === dayId ? null : dayId)),
    [],
  );
  const toggleReopen = useCallback((dayId: string) => setReopeningDayId((open) => (open === dayId ? null : dayId)), []);

  const days = useSessionState(sessionSelectors.agendaByDay);
  const sendingItemIds = useMemo(() => pendingSelectors.busyItemIds(pendingById), [pendingById]);
  const sendingDayIds = useMemo(() => pendingSelectors.busyDayIds(pendingById), [pendingById]);
  const isFloorBusy = useMemo(() => pendingSelectors.isFloorBusy(pendingById), [pendingById]);
  const isLocked = !canSend || isFloorBusy;

  return (
    <section className="panel agenda" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {t('agenda.heading')}
      </h2>
      <ErrorNote message={error} onDismiss={dismissError} />
      {isDraft && canIssue(role, 'session:publish-notice') && (
        <div className="notice">
          <p>{t('agenda.noticeMissing')}</p>
          <DateForm
            label={t('agenda.noticeDate')}
            submitLabel={t('agenda.publishNotice')}
            initialDate={todayIsoDate()}
            isLocked={isLocked}
            testId="publish-notice"
            onSubmit={(noticeDate) => send('', { type: 'session:publish-notice', payload: { noticeDate } })}
          />
        </div>
      )}
      {confirmation}
      {days.length === 0 && <p className="muted">{t('agenda.noDays')}</p>}
      {days.map(({ day, items }) => (
        <AgendaDay
          key={day.id}
          day={day}
          items={items}
          role={role}
          headingId={headingId}
          isLocked={isLocked}
          isSending={sendingDayIds.has(day.id)}
          sendingItemIds={sendingItemIds}
          isRescheduling={reschedulingDayId === day.id}
          isReopening={reopeningDayId === day.id}
          onToggleReschedule={toggleReschedule}
          onToggleReopen={toggleReopen}
          onCommand={send}
          onConfirm={askConfirmation}
        />
      ))}
    </section>
  );
});
