import { addDays, canIssue, dayById, type Role } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { Panel } from '../../components/Panel';
import { todayIsoDate } from '../../lib/format';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { topicIn } from '../../lib/itemTitle';
import { sessionSelectors, sessionStore, useSessionState, useSessionStore } from '../../stores/session';
import { DayCard } from './DayCard';
import { DayForm, dayHours, type DayFields } from './DayForm';
import { MoveDaysForm } from './MoveDaysForm';
import type { FocusRequest } from './AgendaBuilder';

/**
 * The days of the session, each with its agenda builder, a form to move every day not yet opened
 * at once, and a form to add a day after the last. Moves (buttons, keys, drag, another day) are told to screen readers with the new position, and
 * the focus follows the moved item.
 */
export function DaysPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const days = useSessionState(sessionSelectors.agendaByDay);
  const status = useSessionStore((s) => s.session.status);
  const dayStatuses = useSessionStore((s) => s.session.days);
  const amendments = useSessionStore((s) => s.session.amendments.length);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  // Adding a day has its own: the form shows its refusal beside the fields it names.
  const adding = useCommand();
  const [draggedItemId, setDraggedItemId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [isAddingDay, setIsAddingDay] = useState(false);
  const [isMovingDays, setIsMovingDays] = useState(false);
  const hasDayToMove = days.some(({ day }) => (dayStatuses[day.id]?.status ?? 'scheduled') === 'scheduled');
  const openDays = days.map(({ day }) => day).filter((day) => dayStatuses[day.id]?.status !== 'adjourned');
  // Only pending items move, and only while the role may change the agenda: no hint where nothing can be dragged.
  const canMoveAny =
    canIssue(role, 'agenda:move-item', status) &&
    days.some(({ items }) => items.some((item) => item.status === 'pending'));
  const lastDate = days.at(-1)?.day.date;
  const newDay: DayFields = {
    date: lastDate ? addDays(lastDate, 1) : todayIsoDate(),
    title: '',
    startTime: '',
    plannedEnd: '',
  };

  const move = async (itemId: string, toDayId: string, to: number | 'end') => {
    const { session } = sessionStore.getState();
    const item = session.agenda[itemId];
    const toDay = dayById(session, toDayId);
    if (!item || !toDay) return;
    const dayItems = session.agendaOrder.filter((id) => session.agenda[id]?.dayId === toDayId && id !== itemId);
    const position = to === 'end' ? dayItems.length : Math.min(to, dayItems.length);
    const topic = topicIn(t, item);
    const what = t('common.quoted', { text: topic });
    setAnnouncement('');
    const ok = await run(
      { type: 'agenda:move-item', payload: { itemId, toDayId, position } },
      t('prepare.failed.moveItem', { what }),
    );
    if (!ok) return;
    setFocusRequest({ itemId, dayId: toDayId, position });
    setAnnouncement(
      t('prepare.agenda.moved', {
        topic,
        position: position + 1,
        count: dayItems.length + 1,
        day: toDay.title,
      }),
    );
  };

  return (
    <Panel heading={t('prepare.days.heading')} className="prepare-days" testId="prepare-days">
      {status !== 'draft' && amendments > 0 && (
        <p className="muted" data-testid="prepare-amendments-count">
          {t('prepare.days.amendments', { count: amendments })}
        </p>
      )}
      {canMoveAny && <p className="muted">{t('prepare.days.dragHint')}</p>}
      <ErrorNote message={error} onDismiss={dismissError} />
      <p className="visually-hidden" role="status" data-testid="prepare-announcer">
        {announcement}
      </p>
      {hasDayToMove && canIssue(role, 'session:reschedule-days', status) && (
        <DisclosureButton isOpen={isMovingDays} onToggle={() => setIsMovingDays((open) => !open)} testId="move-days">
          {t('prepare.moveDays.open')}
        </DisclosureButton>
      )}
      {isMovingDays && hasDayToMove && (
        <MoveDaysForm
          isLocked={!canSend}
          onMoved={() => setIsMovingDays(false)}
          onCancel={() => setIsMovingDays(false)}
        />
      )}
      {days.map(({ day, items }) => (
        <DayCard
          key={day.id}
          day={day}
          items={items}
          role={role}
          isRemovable={days.length > 1}
          openDays={openDays}
          canSend={canSend}
          onCommand={run}
          onMove={(itemId, toDayId, position) => void move(itemId, toDayId, position)}
          draggedItemId={draggedItemId}
          onDrag={setDraggedItemId}
          focusRequest={focusRequest}
          onFocused={() => setFocusRequest(null)}
        />
      ))}
      {canIssue(role, 'day:add', status) && (
        <DisclosureButton isOpen={isAddingDay} onToggle={() => setIsAddingDay((open) => !open)} testId="add-day">
          {t('prepare.day.add')}
        </DisclosureButton>
      )}
      {isAddingDay && (
        <DayForm
          initial={newDay}
          submitLabel={t('prepare.day.addSubmit')}
          isLocked={!canSend}
          command={adding}
          testId="add-day-form"
          onCancel={() => setIsAddingDay(false)}
          onSubmit={async (fields) => {
            const ok = await adding.run(
              {
                type: 'day:add',
                payload: {
                  date: fields.date,
                  title: fields.title,
                  ...dayHours(fields),
                },
              },
              t('prepare.failed.addDay'),
            );
            if (ok) setIsAddingDay(false);
            return ok;
          }}
        />
      )}
    </Panel>
  );
}
