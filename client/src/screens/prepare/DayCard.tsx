import { canIssue } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDayDateCheck } from '../../lib/useDayDateCheck';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { useSessionStore } from '../../stores/session';
import { AgendaBuilder, type AgendaBuilderProps } from './AgendaBuilder';
import { DayForm, dayHours, type DayFields } from './DayForm';
import { DayTimebox } from './DayTimebox';
import { prepareTargets } from './prepareTargets';

interface DayCardProps extends AgendaBuilderProps {
  /** More than one day: a day may be removed only when another remains. */
  isRemovable: boolean;
}

/**
 * One day: its date, theme and hours (until it opens), its timebox total, its agenda, and
 * removal while empty (asked first). The day's form sends its own commands, so their refusal
 * is shown in it, beside the fields it names.
 */
export function DayCard(props: DayCardProps) {
  const { day, items, role, isRemovable, canSend, onCommand } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const command = useCommand();
  const [isRemoving, setIsRemoving] = useState(false);
  const status = useSessionStore((s) => s.session.status);
  const dayStatus = useSessionStore((s) => s.session.days[day.id]?.status ?? 'scheduled');
  const isAmended = useSessionStore((s) => s.session.amendments.some((a) => a.dayId === day.id && a.itemId === null));
  const isScheduled = dayStatus === 'scheduled';
  const mayUpdate = canSend && isScheduled && canIssue(role, 'day:update', status);
  const mayRemove = mayUpdate && isRemovable && items.length === 0 && canIssue(role, 'day:remove', status);
  const what = t('common.quoted', { text: day.title });
  const initial: DayFields = {
    date: day.date,
    title: day.title,
    startTime: day.startTime ?? '',
    plannedEnd: day.plannedEnd ?? '',
  };

  // The panel offers "Move all days…" to whoever may send it (this day, being movable, is one to move).
  const checkDate = useDayDateCheck(day, canIssue(role, 'session:reschedule-days', status));

  const save = async (fields: DayFields) => {
    if (fields.date !== day.date) {
      const ok = await command.run(
        { type: 'day:reschedule', payload: { dayId: day.id, date: fields.date } },
        t('agenda.failed.rescheduleDay', { what }),
      );
      if (!ok) return false;
    }
    if (
      fields.title !== day.title ||
      fields.startTime !== initial.startTime ||
      fields.plannedEnd !== initial.plannedEnd
    ) {
      return command.run(
        {
          type: 'day:update',
          payload: {
            dayId: day.id,
            title: fields.title,
            ...dayHours(fields),
          },
        },
        t('prepare.failed.updateDay', { what }),
      );
    }
    return true;
  };

  return (
    <section className="prepare-day" aria-labelledby={prepareTargets.day(day.id)} data-testid={`prepare-day-${day.id}`}>
      <div className="prepare-day__header">
        <h3 id={prepareTargets.day(day.id)} tabIndex={-1} className="prepare-day__heading">
          {day.title} <span className="muted">{format.date(day.date)}</span>
        </h3>
        <span className="status-tag" data-status={dayStatus}>
          {t(`labels.dayStatus.${dayStatus}`)}
        </span>
        {isAmended && <span className="tag prepare-amended">{t('prepare.amended')}</span>}
        {mayRemove && (
          <button
            type="button"
            className="button button--small button--danger"
            data-testid={`remove-day-${day.id}`}
            onClick={() => setIsRemoving(true)}
          >
            {t('prepare.day.remove')}
            <span className="visually-hidden">: {day.title}</span>
          </button>
        )}
      </div>
      <DayForm
        key={JSON.stringify(initial)}
        initial={initial}
        submitLabel={t('prepare.day.save')}
        isLocked={!mayUpdate}
        command={command}
        checkDate={checkDate}
        testId={`day-form-${day.id}`}
        onSubmit={save}
      />
      {isRemoving && (
        <ConfirmDialog
          title={t('prepare.day.removeTitle', { title: day.title, date: format.date(day.date) })}
          lines={[t('prepare.day.removeLine')]}
          confirmLabel={t('prepare.day.removeConfirm')}
          testId={`remove-day-dialog-${day.id}`}
          onCancel={() => setIsRemoving(false)}
          onConfirm={() => {
            setIsRemoving(false);
            void onCommand({ type: 'day:remove', payload: { dayId: day.id } }, t('prepare.failed.removeDay', { what }));
          }}
        />
      )}
      <DayTimebox dayId={day.id} />
      <AgendaBuilder {...props} />
    </section>
  );
}
