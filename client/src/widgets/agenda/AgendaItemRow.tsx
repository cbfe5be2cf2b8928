import {
  canTransition,
  isItemLive,
  isItemOver,
  itemKind,
  reopenItemBlocker,
  startItemBlocker,
  type AgendaItemState,
  type SessionState,
} from '@plenum/shared';
import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { TextActionForm } from '../../components/TextActionForm';
import { topicIn } from '../../lib/itemTitle';
import { sameFields } from '../../lib/sameFields';
import { Reopenings } from './Reopenings';
import { sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { DeferForm } from '../floor/DeferForm';
import type { FloorConfirmationRequest } from '../floor/FloorConfirmation';
import type { FloorCommand } from '../floor/floorCommands';

interface AgendaItemRowProps {
  item: AgendaItemState;
  position: number;
  /** This item has a floor command in flight. */
  isSending: boolean;
  /** Floor buttons wait while any floor command is in flight, the connection is down, or the session is not sitting. */
  isLocked: boolean;
  onCommand: (what: string, command: FloorCommand) => void;
  /** Asks the chair to confirm a floor action (closing the item). */
  onConfirm: (request: FloorConfirmationRequest) => void;
}

/** What a row shows of the state beyond its item, each field compared on its own. */
function rowState(state: SessionState, item: AgendaItemState) {
  return {
    unitName: sessionSelectors.unitName(state, item.unitId),
    deferredToDay: sessionSelectors.deferredToDay(state, item),
    // The chair may start or reopen this item now: its day is open and no other item holds the floor.
    mayStart: startItemBlocker(state, item.id) === null,
    mayReopen: reopenItemBlocker(state, item.id) === null,
  };
}

/**
 * The same item as far as a row shows it: of the timer, only the minutes allotted. A timer
 * paused or resumed gives the item a new object and changes nothing a row shows or sends.
 */
export function sameRowItem(a: AgendaItemState, b: AgendaItemState): boolean {
  return sameFields(a, b, { timer: (x, y) => x.extraMinutes === y.extraMinutes });
}

function sameRowProps(last: AgendaItemRowProps, next: AgendaItemRowProps): boolean {
  return (
    sameRowItem(last.item, next.item) &&
    last.position === next.position &&
    last.isSending === next.isSending &&
    last.isLocked === next.isLocked &&
    last.onCommand === next.onCommand &&
    last.onConfirm === next.onConfirm
  );
}

/**
 * One item of the chair's agenda with the floor actions it allows now. Memoised on what it
 * shows: an event that changes one item (its status, its minutes) renders that row alone, given
 * stable callbacks, and a timer paused or resumed none.
 */
export const AgendaItemRow = memo(function AgendaItemRow(props: AgendaItemRowProps) {
  const { item, position, isSending, isLocked } = props;
  // One reading for the four: each reading of the store runs again on every event, in 60 rows.
  const { unitName, deferredToDay, mayStart, mayReopen } = useSessionStore(
    useShallow((s) => rowState(s.session, item)),
  );
  const laterDays = useSessionState(sessionSelectors.laterDays, item);
  const { onCommand, onConfirm } = props;
  const { t } = useTranslation();
  const deferId = useId();
  const [isDeferring, setIsDeferring] = useState(false);
  const [isReopening, setIsReopening] = useState(false);
  const isFinal = isItemOver(item.status);
  const isOnFloor = isItemLive(item.status);
  const itemId = item.id;
  const topic = topicIn(t, item);
  const what = t('common.quoted', { text: topic });

  const canOpenFloor = canTransition(item.status, 'floor-open');
  const canClose = canTransition(item.status, 'closed');
  const canDefer = canTransition(item.status, 'deferred') && laterDays.length > 0;

  const topicForReader = <span className="visually-hidden">: {topic}</span>;

  return (
    <li
      className="agenda-item"
      data-testid={`agenda-item-${itemId}`}
      data-status={item.status}
      aria-current={isOnFloor ? 'step' : undefined}
    >
      <div className="agenda-item__main">
        <span className="agenda-item__position">{t('agenda.position', { position })}</span>
        <div className="agenda-item__what">
          <span className="agenda-item__unit">{unitName ?? t(`labels.itemKind.${itemKind(item)}`)}</span>
          <span className="agenda-item__topic">{topic}</span>
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
            onClick={() => onConfirm({ kind: 'close-item', itemId })}
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
}, sameRowProps);
