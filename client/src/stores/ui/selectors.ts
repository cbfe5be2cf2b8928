import type { Role, SessionStatus } from '@plenum/shared';
import type { SessionView } from './initialState';

const viewsByRole: Record<Role, readonly SessionView[]> = {
  chair: ['floor', 'decisions', 'attendance', 'dashboard', 'history', 'minutes', 'prepare'],
  presenter: ['floor', 'report', 'unit', 'dashboard', 'history', 'minutes'],
  official: ['floor', 'dashboard', 'history', 'minutes'],
  inspector: ['floor', 'verify', 'dashboard', 'history', 'minutes'],
  // The room screen has no controls: it only follows the floor.
  observer: ['floor'],
  // The organisation's administrator prepares the session; the floor shows how it stands, read-only.
  administrator: ['prepare', 'floor'],
};

/** Before the first day opens, preparing is what the chair does: that view comes first. */
const isPreparing = (status: SessionStatus | undefined) => status === 'draft' || status === 'noticed';

export const uiSelectors = {
  /**
   * The views a role can switch between, the one it starts on first: the live floor, except for
   * the administrator and for a chair whose session has not opened a day yet (preparing).
   */
  viewsFor: (role: Role, status?: SessionStatus): readonly SessionView[] => {
    const views = viewsByRole[role];
    if (!views.includes('prepare') || !isPreparing(status)) return views;
    return ['prepare', ...views.filter((view) => view !== 'prepare')];
  },
  /** The view to show: the chosen one when the role has it, else the role's first. */
  effectiveView: (view: SessionView | null, role: Role, status?: SessionStatus): SessionView => {
    const views = uiSelectors.viewsFor(role, status);
    return view !== null && views.includes(view) ? view : (views[0] ?? 'floor');
  },
};
