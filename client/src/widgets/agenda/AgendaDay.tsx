import { canIssue, reopenDayBlocker, type AgendaItemState, type Role, type SessionDay } from '@plenum/shared';
import { memo, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { TextActionForm } from '../../components/TextActionForm';
import { withWords } from '../../i18n';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { lazyWithRetry } from '../../shell/lazyWithRetry';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import type { FloorConfirmationRequest } from '../floor/FloorConfirmation';
import { floorFailure, type FloorCommand } from '../floor/floorCommands';
import { AgendaItemRow, sameRowItem } from './AgendaItemRow';
import { Reopenings } from './Reopenings';
import './AgendaDay.css';

// A new date is checked before sending, in the refusal words: the form comes with them when first opened.
const DayDateForm = lazyWithRetry(() => withWords(['refusals'], import('./DayDateForm')).then((m) => m.DayDateForm), {
  cancelOf: (props) => props.onCancel,
});

interface AgendaDayProps {
  day: SessionDay;
  items: AgendaItemState[];
  role: Role;
  headingId: string;
  /** Floor buttons wait while any floor command is in flight or the connection is down. */
  isLocked: boolean;
  /** A floor command on this day is in flight. */
  isSending: boolean;
  /** Items with a floor command in flight. */
  sendingItemIds: ReadonlySet<string>;
  /** The reschedule form of this day is open. */
  isRescheduling: boolean;
  /** The reopen form of this day is open. */
  isReopening: boolean;
  /** Opens or closes the reschedule form of a day. */
  onToggleReschedule: (dayId: string) => void;
  /** Opens or closes the reopen form of a day. */
  onToggleReopen: (dayId: string) => void;
  onCommand: (what: string, command: FloorCommand) => void;
  onConfirm: (request: FloorConfirmationRequest) => void;
}

/** Props the same but for items that differ in nothing their rows show (`sameRowItem`). */
function sameDayProps(last: AgendaDayProps, next: AgendaDayProps): boolean {
  const keys = Object.keys(next) as (keyof AgendaDayProps)[];
  return (
    keys.length === Object.keys(last).length &&
    keys.every((key) =>
      key === 'items'
        ? last.items.length === next.items.length && last.items.every((item, i) => sameRowItem(item, next.items[i]!))
        : Object.is(last[key], next[key]),
    )
  );
}

/**
 * One day of the chair's agenda: its state and the day's actions, then its items with theirs.
 * Memoised: an event on another day's item leaves this day's items, and so this day, as they
 * were, and a timer paused or resumed leaves every day as it was.
 */
export const AgendaDay = memo(function AgendaDay(props: AgendaDayProps) {
  const { day, items, role, headingId, isLocked, isSending, sendingItemIds, isRescheduling, isReopening } = props;
  const { onToggleReschedule, onToggleReopen, onCommand, onConfirm } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const status = useSessionStore((s) => s.session.status);
  const dayStatus = useSessionStore((s) => s.session.days[day.id]?.status ?? 'scheduled');
  const reopenings = useSessionStore((s) => s.session.days[day.id]?.reopenings);
  const canOpenDay = useSessionStore((s) => sessionSelectors.canOpenDay(s.session, day.id));
  const canAdjournDay = useSessionStore((s) => sessionSelectors.canAdjournDay(s.session, day.id));
  const canReopenDay = useSessionStore((s) => reopenDayBlocker(s.session, day.id) === null);
  // Hidden when the role may never do it; disabled when the session's state does not allow it now.
  const runsTheFloor = canIssue(role, 'agenda:start-item');
  const mayRunItems = canIssue(role, 'agenda:start-item', status);
  const mayManageDays = canIssue(role, 'day:open');
  const dayWhat = t('common.quoted', { text: day.title });
  // The form stays open until the server takes the new date, its refusal said beside the date.
  const reschedule = useCommand();
  const dateRefusal = reschedule.fields.includes('date') ? reschedule.error : null;
  const toggleReschedule = () => {
    reschedule.dismissError();
    onToggleReschedule(day.id);
  };

  return (
    <section key={day.id} className="agenda-day" aria-labelledby={`${headingId}-${day.id}`}>
      <div className="agenda-day__header">
        <h3 id={`${headingId}-${day.id}`} className="agenda-day__heading">
          {day.title} <span className="muted">{format.date(day.date)}</span>
        </h3>
        <span className="status-tag" data-status={dayStatus} data-testid={`day-status-${day.id}`}>
          {t(`labels.dayStatus.${dayStatus}`)}
          {isSending && ` ${t('common.sendingParen')}`}
        </span>
        {mayManageDays && dayStatus === 'scheduled' && canIssue(role, 'day:reschedule', status) && (
          <button
            type="button"
            className="button button--small"
            data-testid={`reschedule-day-${day.id}`}
            aria-expanded={isRescheduling}
            disabled={isLocked}
            onClick={toggleReschedule}
          >
            {t('agenda.reschedule.open')}
            <span className="visually-hidden">: {day.title}</span>
          </button>
        )}
        {mayManageDays && dayStatus === 'scheduled' && (
          <button
            type="button"
            className="button button--small"
            data-testid={`open-day-${day.id}`}
            disabled={isLocked || !canIssue(role, 'day:open', status) || !canOpenDay}
            onClick={() => {
              // The record stamps the opening with the server's time: on a day not its own, the
              // minutes would show another date than the schedule's, so the chair is asked first.
              const today = todayIsoDate();
              if (day.date === today) onCommand(dayWhat, { type: 'day:open', payload: { dayId: day.id } });
              else onConfirm({ kind: 'open-day', dayId: day.id, today });
            }}
          >
            {t('agenda.openDay')}
            <span className="visually-hidden">: {day.title}</span>
          </button>
        )}
        {mayManageDays && dayStatus === 'open' && (
          <button
            type="button"
            className="button button--small"
            data-testid={`adjourn-day-${day.id}`}
            disabled={isLocked || !canIssue(role, 'day:adjourn', status) || !canAdjournDay}
            onClick={() => onConfirm({ kind: 'adjourn-day', dayId: day.id })}
          >
            {t('agenda.adjournDay')}
            <span className="visually-hidden">: {day.title}</span>
          </button>
        )}
        {mayManageDays && dayStatus === 'adjourned' && (
          <button
            type="button"
            className="button button--small"
            data-testid={`reopen-day-${day.id}`}
            aria-expanded={isReopening}
            disabled={isLocked || !canIssue(role, 'day:reopen', status) || !canReopenDay}
            onClick={() => onToggleReopen(day.id)}
          >
            {t('agenda.reopenDay')}
            <span className="visually-hidden">: {day.title}</span>
          </button>
        )}
      </div>
      <Reopenings reopenings={reopenings ?? []} testId={`day-reopenings-${day.id}`} />
      {isRescheduling && dayStatus === 'scheduled' && (
        <>
          {dateRefusal === null && <ErrorNote message={reschedule.error} onDismiss={reschedule.dismissError} />}
          <Suspense fallback={null}>
            <DayDateForm
              day={day}
              label={t('agenda.reschedule.date')}
              submitLabel={t('agenda.reschedule.submit')}
              initialDate={day.date}
              isLocked={isLocked || reschedule.isBusy}
              autoFocus
              error={dateRefusal}
              testId={`reschedule-day-form-${day.id}`}
              onCancel={toggleReschedule}
              onSubmit={(date) => {
                void reschedule
                  .run(
                    { type: 'day:reschedule', payload: { dayId: day.id, date } },
                    floorFailure(t, 'day:reschedule', dayWhat),
                  )
                  .then((ok) => {
                    if (ok) onToggleReschedule(day.id);
                  });
              }}
            />
          </Suspense>
        </>
      )}
      {isReopening && dayStatus === 'adjourned' && (
        <TextActionForm
          label={t('agenda.reopen.reason')}
          submitLabel={t('agenda.reopen.submitDay')}
          requiredMessage={t('agenda.reopen.reasonMissing')}
          isDisabled={isLocked}
          testId={`reopen-day-form-${day.id}`}
          onCancel={() => onToggleReopen(day.id)}
          onSubmit={(reason) => {
            onToggleReopen(day.id);
            onCommand(dayWhat, { type: 'day:reopen', payload: { dayId: day.id, reason } });
            return true;
          }}
        />
      )}
      {items.length === 0 ? (
        <p className="muted">{t('agenda.noItems')}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((item, index) =>
            runsTheFloor ? (
              <AgendaItemRow
                key={item.id}
                item={item}
                position={index + 1}
                isSending={sendingItemIds.has(item.id)}
                isLocked={isLocked || !mayRunItems}
                onCommand={onCommand}
                onConfirm={onConfirm}
              />
            ) : null,
          )}
        </ol>
      )}
    </section>
  );
}, sameDayProps);
