import type { Role } from '@plenum/shared';
import type { SessionView } from './initialState';

const viewsByRole: Record<Role, readonly SessionView[]> = {
  chair: ['floor', 'decisions', 'attendance', 'dashboard', 'minutes'],
  presenter: ['floor', 'report', 'unit', 'dashboard', 'minutes'],
  official: ['floor', 'dashboard', 'minutes'],
  inspector: ['floor', 'verify', 'dashboard', 'minutes'],
  // The room screen has no controls: it only follows the floor.
  observer: ['floor'],
  // The organisation's administrator prepares the session; the floor shows how it stands.
  administrator: ['floor'],
};

export const uiSelectors = {
  /** The views a role can switch between, the live floor first. */
  viewsFor: (role: Role): readonly SessionView[] => viewsByRole[role],
  /** The view to show: the chosen one when the role has it, else the floor. */
  effectiveView: (view: SessionView, role: Role): SessionView => (viewsByRole[role].includes(view) ? view : 'floor'),
};
