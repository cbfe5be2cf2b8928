import { sessionRoles, type Role, type SessionRole } from '@plenum/shared';

/** The roles an invitation from `you` may grant: a chair only by the organisation's administrator. */
export function inviteRoles(you: Role): SessionRole[] {
  return sessionRoles.filter((role) => role !== 'chair' || you === 'administrator');
}
