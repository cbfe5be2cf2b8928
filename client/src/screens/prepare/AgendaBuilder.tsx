import { canIssue, type AgendaItemState, type CommandInput, type Role, type SessionDay } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { useCommand } from '../../realtime/useCommand';
import { useSessionStore } from '../../stores/session';
import { BuilderItem } from './BuilderItem';
import { itemDraftKey, itemDraftsStore, useItemDraft } from './itemDrafts';
import { ItemForm, type ItemFields } from './ItemForm';

export interface AgendaBuilderProps {
  day: SessionDay;
  items: AgendaItemState[];
  role: Role;
  /** The days an item may move to: not adjourned. */
  openDays: readonly SessionDay[];
  canSend: boolean;
  onCommand: (command: CommandInput, failure: string) => Promise<boolean>;
  onMove: (itemId: string, toDayId: string, position: number | 'end') => void;
  /** The item being dragged, on any day. */
  draggedItemId: string | null;
  onDrag: (itemId: string | null) => void;
  /** The item the focus should follow once it stands where it was moved. */
  focusRequest: FocusRequest | null;
  onFocused: () => void;
}

/** A moved item and where it goes: the focus follows it there once the server's event has placed it. */
export interface FocusRequest {
  itemId: string;
  dayId: string;
  position: number;
}

const newItem: ItemFields = { kind: 'report', unitId: null, topic: '', plannedMinutes: 15 };

/** One day's agenda as the preparer builds it: items in order, each editable until it starts, and an add form. */
export function AgendaBuilder(props: AgendaBuilderProps) {
  const { day, items, role, openDays, canSend, onCommand, onMove, draggedItemId, onDrag, focusRequest, onFocused } =
    props;
  const { t } = useTranslation();
  const status = useSessionStore((s) => s.session.status);
  const amendedItems = useSessionStore((s) => s.session.amendments);
  const draftKey = itemDraftKey.add(day.id);
  const isAdding = useItemDraft(draftKey) !== null;
  // The add form sends its own: its refusal is said beside the fields it names.
  const adding = useCommand();
  const closeForm = () => {
    adding.dismissError();
    itemDraftsStore.getState().drop(draftKey);
  };
  const mayAdd = canSend && canIssue(role, 'agenda:add-item', status);
  const mayEdit = canSend && canIssue(role, 'agenda:update-item', status);
  const isPending = (index: number) => items[index]?.status === 'pending';
  const otherDays = openDays.filter((d) => d.id !== day.id);

  const add = async (fields: ItemFields) => {
    const ok = await adding.run(
      { type: 'agenda:add-item', payload: { dayId: day.id, ...fields } },
      t('prepare.failed.addItem', { day: day.title }),
    );
    if (ok) closeForm();
    return ok;
  };

  /** The dragged item, from this day or another, dropped at `position` of this day. */
  const onDrop = (itemId: string, position: number | 'end') => {
    onDrag(null);
    onMove(itemId, day.id, position);
  };

  return (
    <div className="prepare-builder">
      {items.length === 0 ? (
        <p
          className="muted prepare-builder__empty"
          onDragOver={(event) => {
            if (draggedItemId) event.preventDefault();
          }}
          onDrop={(event) => {
            event.preventDefault();
            const dragged = draggedItemId;
            if (dragged) onDrop(dragged, 'end');
          }}
        >
          {t('agenda.noItems')}
        </p>
      ) : (
        <ol className="prepare-builder__list" aria-label={t('prepare.agenda.listLabel', { day: day.title })}>
          {items.map((item, index) => (
            <BuilderItem
              key={item.id}
              item={item}
              index={index}
              canMoveUp={index > 0 && isPending(index - 1)}
              canMoveDown={index < items.length - 1 && isPending(index + 1)}
              otherDays={otherDays}
              mayEdit={mayEdit}
              isAmended={amendedItems.some((a) => a.itemId === item.id)}
              hasFocusRequest={
                focusRequest?.itemId === item.id && focusRequest.dayId === day.id && focusRequest.position === index
              }
              onFocused={onFocused}
              isDragging={draggedItemId === item.id}
              onMove={(toDayId, position) => onMove(item.id, toDayId, position)}
              onCommand={onCommand}
              onDragStart={() => onDrag(item.id)}
              onDragEnd={() => onDrag(null)}
              onDrop={() => {
                if (draggedItemId && draggedItemId !== item.id) onDrop(draggedItemId, index);
              }}
            />
          ))}
        </ol>
      )}
      {mayAdd && (
        <DisclosureButton
          isOpen={isAdding}
          onToggle={() => (isAdding ? closeForm() : itemDraftsStore.getState().keep(draftKey, newItem))}
          testId={`add-item-${day.id}`}
          forReader={day.title}
        >
          {t('prepare.item.add')}
        </DisclosureButton>
      )}
      {isAdding && (
        <ItemForm
          draftKey={draftKey}
          initial={newItem}
          submitLabel={t('prepare.item.addSubmit')}
          isDisabled={!mayAdd}
          command={adding}
          testId={`add-item-form-${day.id}`}
          onSubmit={add}
          onCancel={closeForm}
        />
      )}
    </div>
  );
}
