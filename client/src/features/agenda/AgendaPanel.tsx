import {
  canIssue,
  canTransition,
  startItemBlocker,
  type AgendaItemState,
  type CommandInput,
  type Role,
  type SessionDay,
} from '@plenum/shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errorMessages';
import { formatDate, todayIsoDate } from '../../lib/format';
import { agendaStatusLabels, dayStatusLabels } from '../../lib/labels';
import { useRealtime } from '../../realtime/RealtimeContext';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { sessionSelectors, useSessionStore } from '../../stores/session';

type FloorCommand = Extract<
  CommandInput,
  {
    type:
      | 'session:publish-notice'
      | 'day:open'
      | 'day:adjourn'
      | 'agenda:start-item'
      | 'agenda:open-floor'
      | 'agenda:close-item'
      | 'agenda:defer-item';
  }
>;

/** How a failure reads: "Could not start “Cement output”." */
const actionWords: Record<FloorCommand['type'], string> = {
  'session:publish-notice': 'publish the notice of',
  'day:open': 'open',
  'day:adjourn': 'adjourn',
  'agenda:start-item': 'start',
  'agenda:open-floor': 'open the floor on',
  'agenda:close-item': 'close',
  'agenda:defer-item': 'defer',
};

interface AgendaItemRowProps {
  item: AgendaItemState;
  position: number;
  unitName: string | null;
  laterDays: SessionDay[];
  deferredToDay: SessionDay | null;
  /** The chair may start this item now: its day is open and no other item holds the floor. */
  mayStart: boolean;
  /** This item has a floor command in flight. */
  isSending: boolean;
  /** Floor buttons wait while any floor command is in flight, the connection is down, or the session is not sitting. */
  isLocked: boolean;
  onCommand: (what: string, command: FloorCommand) => void;
}

function AgendaItemRow(props: AgendaItemRowProps) {
  const { item, position, unitName, laterDays, deferredToDay, mayStart, isSending, isLocked, onCommand } = props;
  const deferId = useId();
  const [isDeferring, setIsDeferring] = useState(false);
  const [toDayId, setToDayId] = useState('');
  const isFinal = item.status === 'closed' || item.status === 'deferred';
  const isLive = item.status === 'presenting' || item.status === 'floor-open';
  const itemId = item.id;
  const what = `“${item.topic}”`;

  const canStart = mayStart;
  const canOpenFloor = canTransition(item.status, 'floor-open');
  const canClose = canTransition(item.status, 'closed');
  const canDefer = canTransition(item.status, 'deferred') && laterDays.length > 0;

  const handleDefer = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const dayId = toDayId || laterDays[0]?.id;
    if (!dayId) return;
    setIsDeferring(false);
    onCommand(what, { type: 'agenda:defer-item', payload: { itemId, toDayId: dayId } });
  };

  const topicForReader = <span className="visually-hidden">: {item.topic}</span>;

  return (
    <li
      className="agenda-item"
      data-testid={`agenda-item-${itemId}`}
      data-status={item.status}
      aria-current={isLive ? 'step' : undefined}
    >
      <div className="agenda-item__main">
        <span className="agenda-item__position">{position}.</span>
        <div className="agenda-item__what">
          <span className="agenda-item__unit">{unitName ?? 'General topic'}</span>
          <span className="agenda-item__topic">{item.topic}</span>
          {item.carriedFromItemId && <span className="muted">Carried over from an earlier day</span>}
          {item.warningId && <span className="muted">Second review of a warning</span>}
        </div>
        <span className="agenda-item__minutes">{item.plannedMinutes + item.timer.extraMinutes} min</span>
        <span className="status-tag" data-status={item.status}>
          {agendaStatusLabels[item.status]}
          {deferredToDay && ` to ${deferredToDay.title}`}
          {isSending && ' (sending…)'}
        </span>
      </div>
      {!isFinal && (
        <div className="agenda-item__actions">
          <button
            type="button"
            className="button button--small button--primary"
            data-testid={`start-item-${itemId}`}
            disabled={isLocked || !canStart}
            onClick={() => onCommand(what, { type: 'agenda:start-item', payload: { itemId } })}
          >
            Start{topicForReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`open-floor-${itemId}`}
            disabled={isLocked || !canOpenFloor}
            onClick={() => onCommand(what, { type: 'agenda:open-floor', payload: { itemId } })}
          >
            Open floor{topicForReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`close-item-${itemId}`}
            disabled={isLocked || !canClose}
            onClick={() => onCommand(what, { type: 'agenda:close-item', payload: { itemId } })}
          >
            Close{topicForReader}
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
            Defer…{topicForReader}
          </button>
        </div>
      )}
      {isDeferring && !isFinal && canDefer && (
        <form id={deferId} className="defer-form" onSubmit={handleDefer}>
          <label htmlFor={`${deferId}-day`}>Move to</label>
          <select
            id={`${deferId}-day`}
            value={toDayId || laterDays[0]?.id}
            onChange={(e) => setToDayId(e.target.value)}
          >
            {laterDays.map((day) => (
              <option key={day.id} value={day.id}>
                {day.title} ({formatDate(day.date)})
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small button--primary" disabled={isLocked}>
            Confirm deferral
          </button>
          <button type="button" className="button button--small" onClick={() => setIsDeferring(false)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

/**
 * The chair's agenda, day by day, with the floor actions each item allows now. Floor actions
 * are not optimistic: buttons wait for the server's answer and the event that follows.
 */
export function AgendaPanel({ role }: { role: Role }) {
  const headingId = useId();
  const { send } = useRealtime();
  const session = useSessionStore((s) => s.session);
  const pendingById = usePendingStore((s) => s.byId);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [error, setError] = useState<string | null>(null);

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
    setError(null);
    void send(command).then((ack) => {
      if (!ack.ok) setError(`Could not ${actionWords[command.type]} ${what}. ${errorMessage(ack.error.code)}`);
    });
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
        Agenda
      </h2>
      {error && (
        <div className="form-error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--small" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {session.status === 'draft' && canIssue(role, 'session:publish-notice') && (
        <div className="notice">
          <p>The notice of this review session is not published yet: days cannot be opened before it is.</p>
          <button
            type="button"
            className="button button--small button--primary"
            disabled={isLocked}
            onClick={() =>
              handleCommand('this review session', {
                type: 'session:publish-notice',
                payload: { noticeDate: todayIsoDate() },
              })
            }
          >
            Publish the notice
          </button>
        </div>
      )}
      {days.length === 0 && <p className="muted">No days are scheduled in this review session yet.</p>}
      {days.map(({ day, items }) => {
        const dayStatus = session.days[day.id]?.status ?? 'scheduled';
        return (
          <section key={day.id} className="agenda-day" aria-labelledby={`${headingId}-${day.id}`}>
            <div className="agenda-day__header">
              <h3 id={`${headingId}-${day.id}`} className="agenda-day__heading">
                {day.title} <span className="muted">{formatDate(day.date)}</span>
              </h3>
              <span className="status-tag" data-status={dayStatus} data-testid={`day-status-${day.id}`}>
                {dayStatusLabels[dayStatus]}
                {sendingDayIds.has(day.id) && ' (sending…)'}
              </span>
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
                  onClick={() => handleCommand(day.title, { type: 'day:open', payload: { dayId: day.id } })}
                >
                  Open day<span className="visually-hidden">: {day.title}</span>
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
                  onClick={() => handleCommand(day.title, { type: 'day:adjourn', payload: { dayId: day.id } })}
                >
                  Adjourn day<span className="visually-hidden">: {day.title}</span>
                </button>
              )}
            </div>
            {items.length === 0 ? (
              <p className="muted">No agenda items on this day.</p>
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
                      isSending={sendingItemIds.has(item.id)}
                      isLocked={isLocked || !mayRunItems}
                      onCommand={handleCommand}
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
