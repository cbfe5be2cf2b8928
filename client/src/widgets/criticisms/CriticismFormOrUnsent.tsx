import { canIssue, type AgendaItemState, type Role } from '@plenum/shared';
import { CriticismForm } from './CriticismForm';
import { UnsentDrafts } from './UnsentDrafts';

type CriticisedItem = Pick<AgendaItemState, 'id' | 'unitId' | 'status'>;

/** Whether `role` may write a criticism on `item` now: only the item on the floor takes one. */
export function mayCriticise<TItem extends CriticisedItem>(
  role: Role,
  item: TItem | null,
  isCurrent: boolean,
): item is TItem {
  return item !== null && isCurrent && canIssue(role, 'criticism:post');
}

interface CriticismFormOrUnsentProps {
  role: Role;
  /** The item in focus, null before any has been on the floor. */
  item: CriticisedItem | null;
  /** Whether `item` is on the floor now, not the one closed last. */
  isCurrent: boolean;
  /** Folds the form under its heading until opened (the chair, who seldom raises points). */
  isCollapsed?: boolean;
  /** An id on the form, for a link elsewhere on the screen that leads to it. */
  anchorId?: string;
}

/**
 * The criticism form of the item on the floor, offering to carry in what was left unsent on
 * closed items; with no item to criticise, those unsent notes stand where the form was.
 */
export function CriticismFormOrUnsent({ role, item, isCurrent, isCollapsed, anchorId }: CriticismFormOrUnsentProps) {
  if (!mayCriticise(role, item, isCurrent)) return <UnsentDrafts />;
  const form = <CriticismForm item={item} isCollapsed={isCollapsed} canCarryUnsent />;
  return anchorId ? (
    <div id={anchorId} className="criticism-anchor">
      {form}
    </div>
  ) : (
    form
  );
}
