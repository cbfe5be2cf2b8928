import { itemKind, type AgendaItemState, type CommandInput, type SessionDay } from '@plenum/shared';
import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Select } from '../../components/Select';
import { itemTitle, topicIn } from '../../lib/itemTitle';
import { isSystemText } from '../../lib/systemText';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { itemDraftKey, itemDraftsStore, useItemDraft } from './itemDrafts';
import { ItemForm, type ItemFields } from './ItemForm';
import { prepareTargets } from './prepareTargets';

interface BuilderItemProps {
  item: AgendaItemState;
  index: number;
  /** The item above may be passed (it has not started either). */
  canMoveUp: boolean;
  /** The item below may be passed. */
  canMoveDown: boolean;
  /** Days the item may move to (not adjourned), its own excepted. */
  otherDays: readonly SessionDay[];
  /** Changing the agenda is allowed to this role now and the connection can send. */
  mayEdit: boolean;
  /** Changed after the notice was published. */
  isAmended: boolean;
  /** This item was just moved here: the focus follows it. */
  hasFocusRequest: boolean;
  onFocused: () => void;
  /** Moves the item to `position` (0-based) of a day, or after that day's last item. */
  onMove: (toDayId: string, position: number | 'end') => void;
  onCommand: (command: CommandInput, failure: string) => Promise<boolean>;
  onDragStart: () => void;
  onDragEnd: () => void;
  /** An item is dragged over this row: dropping puts it here. */
  onDrop: () => void;
  isDragging: boolean;
}

/**
 * One item of the builder: its place, kind, unit, topic and timebox; while it has not started,
 * edit, remove, move up and down (buttons, or Alt+↑/↓ on the row), drag, or move to another day.
 * Started items are shown locked.
 */
export function BuilderItem(props: BuilderItemProps) {
  const { item, index, canMoveUp, canMoveDown, otherDays, mayEdit, isAmended, hasFocusRequest, onFocused } = props;
  const { onMove, onCommand, onDragStart, onDragEnd, onDrop, isDragging } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const rowRef = useRef<HTMLLIElement>(null);
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, item.unitId));
  const draftKey = itemDraftKey.edit(item.id);
  const isEditing = useItemDraft(draftKey) !== null;
  // The edit form sends its own: its refusal is said beside the fields it names.
  const editing = useCommand();
  const [isRemoving, setIsRemoving] = useState(false);
  const [toDayId, setToDayId] = useState(otherDays[0]?.id ?? '');
  const isPending = item.status === 'pending';
  const canChange = isPending && mayEdit;
  const kind = itemKind(item);
  const topic = topicIn(t, item);
  const fields: ItemFields = { kind, unitId: item.unitId, topic, plannedMinutes: item.plannedMinutes };
  const closeForm = () => {
    editing.dismissError();
    itemDraftsStore.getState().drop(draftKey);
  };
  const what = t('common.quoted', { text: topic });
  const forReader = <span className="visually-hidden">: {topic}</span>;

  // The focus follows a moved item to its new place (a row moved in the page loses it).
  useEffect(() => {
    if (!hasFocusRequest) return;
    rowRef.current?.focus();
    onFocused();
  }, [hasFocusRequest, onFocused]);

  const handleKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget || !event.altKey || !canChange) return;
    if (event.key === 'ArrowUp' && canMoveUp) {
      event.preventDefault();
      onMove(item.dayId, index - 1);
    } else if (event.key === 'ArrowDown' && canMoveDown) {
      event.preventDefault();
      onMove(item.dayId, index + 1);
    }
  };

  const save = async (fields: ItemFields) => {
    // A topic the system wrote, left as shown in whichever language the form opened, is sent as
    // none: it stays worded for each reader.
    const isTopicKept = Boolean(item.generatedTopic) && isSystemText(fields.topic, (words) => topicIn(words, item));
    const ok = await editing.run(
      {
        type: 'agenda:update-item',
        payload: { itemId: item.id, ...fields, topic: isTopicKept ? undefined : fields.topic },
      },
      t('prepare.failed.updateItem', { what }),
    );
    if (ok) closeForm();
    return ok;
  };

  return (
    <li
      ref={rowRef}
      id={prepareTargets.item(item.id)}
      className="prepare-item"
      data-testid={`prepare-item-${item.id}`}
      data-status={item.status}
      data-dragging={isDragging || undefined}
      tabIndex={0}
      aria-describedby={canChange ? `${id}-keys` : undefined}
      draggable={canChange}
      onKeyDown={handleKeyDown}
      onDragStart={(event: DragEvent<HTMLLIElement>) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', item.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(event) => {
        if (isPending) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        if (isPending) onDrop();
      }}
    >
      <div className="prepare-item__main">
        <span className="agenda-item__position">{t('agenda.position', { position: index + 1 })}</span>
        <span className="tag" data-kind={kind}>
          {t(`prepare.kind.${kind}`)}
        </span>
        <span className="prepare-item__what">{itemTitle(topic, unitName)}</span>
        <span className="agenda-item__minutes">{t('common.minutes', { count: item.plannedMinutes })}</span>
        {!isPending && (
          <span className="status-tag" data-status={item.status}>
            {t(`labels.agendaStatus.${item.status}`)} · {t('prepare.item.locked')}
          </span>
        )}
        {isAmended && <span className="tag prepare-amended">{t('prepare.amended')}</span>}
      </div>
      {canChange && (
        <span id={`${id}-keys`} className="visually-hidden">
          {t('prepare.item.keys')}
        </span>
      )}
      {canChange && !isEditing && (
        <div className="button-row">
          <button
            type="button"
            className="button button--small"
            data-testid={`move-up-${item.id}`}
            disabled={!canMoveUp}
            onClick={() => onMove(item.dayId, index - 1)}
          >
            {t('prepare.item.moveUp')}
            {forReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`move-down-${item.id}`}
            disabled={!canMoveDown}
            onClick={() => onMove(item.dayId, index + 1)}
          >
            {t('prepare.item.moveDown')}
            {forReader}
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid={`edit-item-${item.id}`}
            aria-expanded={isEditing}
            onClick={() => itemDraftsStore.getState().keep(draftKey, fields)}
          >
            {t('prepare.item.edit')}
            {forReader}
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            data-testid={`remove-item-${item.id}`}
            onClick={() => setIsRemoving(true)}
          >
            {t('prepare.item.remove')}
            {forReader}
          </button>
          {otherDays.length > 0 && (
            <span className="prepare-item__move-day">
              <label htmlFor={`${id}-day`} className="visually-hidden">
                {t('prepare.item.moveToDayLabel', { topic })}
              </label>
              <Select
                id={`${id}-day`}
                className="prepare-item__day-select"
                value={toDayId}
                options={otherDays.map((day) => ({
                  value: day.id,
                  label: t('agenda.defer.dayOption', { title: day.title, date: format.date(day.date) }),
                }))}
                onChange={setToDayId}
              />
              <button
                type="button"
                className="button button--small"
                data-testid={`move-day-${item.id}`}
                disabled={!toDayId}
                onClick={() => onMove(toDayId, 'end')}
              >
                {t('prepare.item.moveToDay')}
                {forReader}
              </button>
            </span>
          )}
        </div>
      )}
      {isEditing && canChange && (
        <ItemForm
          draftKey={draftKey}
          initial={fields}
          submitLabel={t('prepare.item.save')}
          isDisabled={!mayEdit}
          command={editing}
          testId={`edit-item-form-${item.id}`}
          onSubmit={save}
          onCancel={() => {
            closeForm();
            rowRef.current?.focus();
          }}
        />
      )}
      {isRemoving && (
        <ConfirmDialog
          title={t('prepare.item.removeTitle', { topic })}
          lines={[t('prepare.item.removeLine')]}
          confirmLabel={t('prepare.item.removeConfirm')}
          testId={`remove-item-dialog-${item.id}`}
          onCancel={() => setIsRemoving(false)}
          onConfirm={() => {
            setIsRemoving(false);
            void onCommand(
              { type: 'agenda:remove-item', payload: { itemId: item.id } },
              t('prepare.failed.removeItem', { what }),
            );
          }}
        />
      )}
    </li>
  );
}
