import {
  canIssue,
  canTransition,
  isItemLive,
  reopenDayBlocker,
  reopenItemBlocker,
  startItemBlocker,
  type AgendaItemState,
  type Reopening,
  type Role,
  type SessionDay,
} from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { TextActionForm } from '../../components/TextActionForm';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { DateForm } from './DateForm';
import { DeferForm } from './DeferForm';
import { FloorConfirmation, type FloorConfirmationRequest } from './FloorConfirmation';
import { floorFailure, type FloorCommand } from './floorCommands';

interface AgendaItemRowProps {
  item: AgendaItemState;
  position: number;
  unitName: string | null;
  laterDays: SessionDay[];
  deferredToDay: SessionDay | null;
  /** The chair may start this item now: its day is open and no other item holds the floor. */
  mayStart: boolean;
  /** The chair may reopen this closed item now: its day is open and no other item holds the floor. */
  mayReopen: boolean;
  /** This item has a floor command in flight. */
  isSending: boolean;
  /** Floor buttons wait while any floor command is in flight, the connection is down, or the session is not sitting. */
  isLocked: boolean;
  onCommand: (what: string, command: FloorCommand) => void;
  /** Asks the chair to confirm closing the item. */
  onClose: () => void;
}

/** Each reopening of an item or a day, with its time and the chair's reason. */
function Reopenings({ reopenings, testId }: { reopenings: Reopening[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (reopenings.length === 0) return null;
  return (
    <ul className="agenda-reopenings muted" data-testid={testId}>
      {reopenings.map((r) => (
        <li key={r.at}>{t('agenda.reopened', { time: format.time(r.at), reason: r.reason })}</li>
      ))}
    </ul>
  );
}

function AgendaItemRow(props: AgendaItemRowProps) {
  const { item, position, unitName, laterDays, deferredToDay, mayStart, mayReopen, isSending, isLocked } = props;
  const { onCommand, onClose } = props;
  const { t } = useTranslation();
  const deferId = useId();
  const [isDeferring, setIsDeferring] = useState(false);
  const [isReopening, setIsReopening] = useState(false);
  const isFinal = item.status === 'closed' || item.status === 'deferred';
  const isLive = isItemLive(item.status);
  const itemId = item.id;
  const what = t('common.quoted', { text: item.topic });

  const canOpenFloor = canTransition(item.status, 'floor-open');
  const canClose = canTransition(item.status, 'closed');
  const canDefer = canTransition(item.status, 'deferred') && laterDays.length > 0;

  const topicForReader = <span className="visually-hidden">: {item.topic}</span>;

  return (
    <li
      className="agenda-item"
      data-testid={`agenda-item-${itemId}`}
      data-status={item.status}
      aria-current={isLive ? 'step' : undefined}
    >
      <div className="agenda-item__main">
        <span className="agenda-item__position">{t('agenda.position', { position })}</span>
        <div className="agenda-item__what">
          <span className="agenda-item__unit">{unitName ?? t('common.generalTopic')}</span>
          <span className="agenda-item__topic">{item.topic}</span>
          {item.carriedFromItemId && <span className="muted">{t('agenda.carriedOver')}</span>}
          {item.warningId && <span className="muted">{t('agenda.secondReview')}</span>}
          <Reopenings reopenings={item.reopenings} testId={`item-reopenings-${itemId}`} />
        </div>
        <span className="agenda-item__minutes">
          {t('common.minutes', { count: item.plannedMinutes + item.timer.extraMinutes })}
        </span>
        <span className="status-tag" data-status={item.status}>
          {t(`labels.agendaStatus.${item.status}`)}
          {deferredToDay && ` ${t('agenda.deferredTo', { day: deferredToDay.title })}`}
          {isSending && ` ${t('common.sendingParen')}`}
        </span>
      </div>
      {!isFinal && (
        <div className="agenda-item__actions">
          <button
            type="button"
            className="button button--small button--primary"
            data-testid={`start-item-${itemId}`}
            disabled={isLocked || !mayStart}
            onClick={() => onCommand(what, { type: 'agenda:start-item', payload: { itemId } })}
          >
            {t('agenda.actions.start')}
            {topicForReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`open-floor-${itemId}`}
            disabled={isLocked || !canOpenFloor}
            onClick={() => onCommand(what, { type: 'agenda:open-floor', payload: { itemId } })}
          >
            {t('agenda.actions.openFloor')}
            {topicForReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`close-item-${itemId}`}
            disabled={isLocked || !canClose}
            onClick={onClose}
          >
            {t('agenda.actions.close')}
            {topicForReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`defer-item-${itemId}`}
            aria-expanded={isDeferring}
            aria-controls={isDeferring ? deferId : undefined}
            disabled={isLocked || !canDefer}
            onClick={() => setIsDeferring((open) => !open)}
          >
            {t('agenda.actions.defer')}
            {topicForReader}
          </button>
        </div>
      )}
      {item.status === 'closed' && (
        <div className="agenda-item__actions">
          <button
            type="button"
            className="button button--small"
            data-testid={`reopen-item-${itemId}`}
            aria-expanded={isReopening}
            disabled={isLocked || !mayReopen}
            onClick={() => setIsReopening((open) => !open)}
          >
            {t('agenda.actions.reopen')}
            {topicForReader}
          </button>
        </div>
      )}
      {isReopening && item.status === 'closed' && (
        <TextActionForm
          label={t('agenda.reopen.reason')}
          submitLabel={t('agenda.reopen.submitItem')}
          requiredMessage={t('agenda.reopen.reasonMissing')}
          isDisabled={isLocked || !mayReopen}
          testId={`reopen-item-form-${itemId}`}
          onCancel={() => setIsReopening(false)}
          onSubmit={(reason) => {
            setIsReopening(false);
            onCommand(what, { type: 'agenda:reopen-item', payload: { itemId, reason } });
            return true;
          }}
        />
      )}
      {isDeferring && !isFinal && canDefer && (
        <DeferForm
          id={deferId}
          laterDays={laterDays}
          isLocked={isLocked}
          onCancel={() => setIsDeferring(false)}
          onDefer={(toDayId) => {
            setIsDeferring(false);
            onCommand(what, { type: 'agenda:defer-item', payload: { itemId, toDayId } });
          }}
        />
      )}
    </li>
  );
}

/**
 * The chair's agenda, day by day, with the floor actions each item allows now. Floor actions
 * are not optimistic: buttons wait for the server's answer and the event that follows.
 */
export function AgendaPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const { run, error, dismissError } = useCommand();
  const session = useSessionStore((s) => s.session);
  const pendingById = usePendingStore((s) => s.byId);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [confirming, setConfirming] = useState<FloorConfirmationRequest | null>(null);
  const [reopeningDayId, setReopeningDayId] = useState<string | null>(null);
  const [reschedulingDayId, setReschedulingDayId] = useState<string | null>(null);

  const days = useMemo(() => sessionSelectors.agendaByDay(session), [session]);
  const sendingItemIds = useMemo(() => pendingSelectors.busyItemIds(pendingById), [pendingById]);
  const sendingDayIds = useMemo(() => pendingSelectors.busyDayIds(pendingById), [pendingById]);
  const isFloorBusy = useMemo(() => pendingSelectors.isFloorBusy(pendingById), [pendingById]);
  const isLocked = !canSend || isFloorBusy;
  // Hidden when the role may never do it; disabled when the session's state does not allow it now.
  const runsTheFloor = canIssue(role, 'agenda:start-item');
  const mayRunItems = canIssue(role, 'agenda:start-item', session.status);
  const mayManageDays = canIssue(role, 'day:open');

  const handleCommand = (what: string, command: FloorCommand) => {
    void run(command, floorFailure(t, command.type, what));
  };

  const dayById = new Map((session.definition?.days ?? []).map((d) => [d.id, d]));
  const deferredTo = (item: AgendaItemState): SessionDay | null => {
    if (!item.deferredToItemId) return null;
    const target = session.agenda[item.deferredToItemId];
    return target ? (dayById.get(target.dayId) ?? null) : null;
  };

  return (
    <section className="panel agenda" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {t('agenda.heading')}
      </h2>
      <ErrorNote message={error} onDismiss={dismissError} />
      {session.status === 'draft' && canIssue(role, 'session:publish-notice') && (
        <div className="notice">
          <p>{t('agenda.noticeMissing')}</p>
          <DateForm
            label={t('agenda.noticeDate')}
            submitLabel={t('agenda.publishNotice')}
            initialDate={todayIsoDate()}
            isLocked={isLocked}
            testId="publish-notice"
            onSubmit={(noticeDate) => handleCommand('', { type: 'session:publish-notice', payload: { noticeDate } })}
          />
        </div>
      )}
      {confirming && (
        <FloorConfirmation
          request={confirming}
          onCancel={() => setConfirming(null)}
          onConfirm={(what, command) => {
            setConfirming(null);
            handleCommand(what, command);
          }}
        />
      )}
      {days.length === 0 && <p className="muted">{t('agenda.noDays')}</p>}
      {days.map(({ day, items }) => {
        const dayStatus = session.days[day.id]?.status ?? 'scheduled';
        const dayWhat = t('common.quoted', { text: day.title });
        return (
          <section key={day.id} className="agenda-day" aria-labelledby={`${headingId}-${day.id}`}>
            <div className="agenda-day__header">
              <h3 id={`${headingId}-${day.id}`} className="agenda-day__heading">
                {day.title} <span className="muted">{format.date(day.date)}</span>
              </h3>
              <span className="status-tag" data-status={dayStatus} data-testid={`day-status-${day.id}`}>
                {t(`labels.dayStatus.${dayStatus}`)}
                {sendingDayIds.has(day.id) && ` ${t('common.sendingParen')}`}
              </span>
              {mayManageDays && dayStatus === 'scheduled' && canIssue(role, 'day:reschedule', session.status) && (
                <button
                  type="button"
                  className="button button--small"
                  data-testid={`reschedule-day-${day.id}`}
                  aria-expanded={reschedulingDayId === day.id}
                  disabled={isLocked}
                  onClick={() => setReschedulingDayId((open) => (open === day.id ? null : day.id))}
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
                  disabled={
                    isLocked ||
                    !canIssue(role, 'day:open', session.status) ||
                    !sessionSelectors.canOpenDay(session, day.id)
                  }
                  onClick={() => handleCommand(dayWhat, { type: 'day:open', payload: { dayId: day.id } })}
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
                  disabled={
                    isLocked ||
                    !canIssue(role, 'day:adjourn', session.status) ||
                    !sessionSelectors.canAdjournDay(session, day.id)
                  }
                  onClick={() => setConfirming({ kind: 'adjourn-day', dayId: day.id })}
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
                  aria-expanded={reopeningDayId === day.id}
                  disabled={
                    isLocked ||
                    !canIssue(role, 'day:reopen', session.status) ||
                    reopenDayBlocker(session, day.id) !== null
                  }
                  onClick={() => setReopeningDayId((open) => (open === day.id ? null : day.id))}
                >
                  {t('agenda.reopenDay')}
                  <span className="visually-hidden">: {day.title}</span>
                </button>
              )}
            </div>
            <Reopenings reopenings={session.days[day.id]?.reopenings ?? []} testId={`day-reopenings-${day.id}`} />
            {reschedulingDayId === day.id && dayStatus === 'scheduled' && (
              <DateForm
                label={t('agenda.reschedule.date')}
                submitLabel={t('agenda.reschedule.submit')}
                initialDate={day.date}
                isLocked={isLocked}
                autoFocus
                testId={`reschedule-day-form-${day.id}`}
                onCancel={() => setReschedulingDayId(null)}
                onSubmit={(date) => {
                  setReschedulingDayId(null);
                  handleCommand(dayWhat, { type: 'day:reschedule', payload: { dayId: day.id, date } });
                }}
              />
            )}
            {reopeningDayId === day.id && dayStatus === 'adjourned' && (
              <TextActionForm
                label={t('agenda.reopen.reason')}
                submitLabel={t('agenda.reopen.submitDay')}
                requiredMessage={t('agenda.reopen.reasonMissing')}
                isDisabled={isLocked}
                testId={`reopen-day-form-${day.id}`}
                onCancel={() => setReopeningDayId(null)}
                onSubmit={(reason) => {
                  setReopeningDayId(null);
                  handleCommand(dayWhat, { type: 'day:reopen', payload: { dayId: day.id, reason } });
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
                      unitName={sessionSelectors.unitName(session, item.unitId)}
                      laterDays={sessionSelectors.laterDays(session, item)}
                      deferredToDay={deferredTo(item)}
                      mayStart={startItemBlocker(session, item.id) === null}
                      mayReopen={reopenItemBlocker(session, item.id) === null}
                      isSending={sendingItemIds.has(item.id)}
                      isLocked={isLocked || !mayRunItems}
                      onCommand={handleCommand}
                      onClose={() => setConfirming({ kind: 'close-item', itemId: item.id })}
                    />
                  ) : null,
                )}
              </ol>
            )}
          </section>
        );
      })}
    </section>
  );
}
