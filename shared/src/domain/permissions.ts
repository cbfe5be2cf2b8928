import type { CommandType, Role } from '../protocol/index.js';

/**
 * Which roles may issue each command. The server checks it for every command; the client uses
 * it to hide what a role cannot do. Rules that depend on the state (an item must be live, a
 * presenter speaks for their own unit) are checked by the domain's decide functions.
 */
export const commandRoles: Record<CommandType, readonly Role[]> = {
  'unit:add': ['chair'],
  'agenda:add-item': ['chair'],
  'agenda:start-item': ['chair'],
  'agenda:open-floor': ['chair'],
  'agenda:close-item': ['chair'],
  'agenda:defer-item': ['chair'],
  'report:submit': ['chair', 'presenter'],
  'criticism:post': ['chair', 'official', 'inspector'],
  'criticism:endorse': ['chair', 'official', 'inspector'],
  'session:rename': ['chair'],
};

/** True when `role` may issue commands of `type` at all. */
export function canIssue(role: Role, type: CommandType): boolean {
  return commandRoles[type].includes(role);
}
