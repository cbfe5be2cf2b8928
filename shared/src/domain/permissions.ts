import type { CommandType, Role, SessionStatus } from '../protocol/index.js';

/** Who may issue a command, and in which states of the session. */
export interface CommandRule {
  roles: readonly Role[];
  statuses: readonly SessionStatus[];
}

const chair: readonly Role[] = ['chair'];
/** Who prepares a session: its chair, or the organisation's administrator. */
const preparers: readonly Role[] = ['chair', 'administrator'];
const speakers: readonly Role[] = ['official', 'inspector', 'presenter'];
const critics: readonly Role[] = ['chair', 'official', 'inspector'];
/** Roles that may act for a unit on a directive; the domain also checks the unit. */
const unitActors: readonly Role[] = ['chair', 'presenter', 'official', 'inspector'];

const beforeClose: readonly SessionStatus[] = ['draft', 'noticed', 'in-session'];
/** Before the first day opens; once published, a change is an amendment of the notice. */
const preparing: readonly SessionStatus[] = ['draft', 'noticed'];
const live: readonly SessionStatus[] = ['in-session'];
/** Directives outlive the session: they progress after its close too. */
const afterIssue: readonly SessionStatus[] = ['in-session', 'closed'];

/**
 * The authorisation table, role × command × session status: one place, used by the server
 * for every command and by the client to hide what a role cannot do. Rules about the
 * particular target (a presenter speaks for their own unit; an item's day must be open) are
 * the domain's decide functions'.
 */
export const commandRules: Record<CommandType, CommandRule> = {
  'session:rename': { roles: preparers, statuses: beforeClose },
  'session:configure': { roles: preparers, statuses: preparing },
  'session:publish-notice': { roles: preparers, statuses: ['draft'] },
  'session:close': { roles: chair, statuses: live },
  'day:reschedule': { roles: preparers, statuses: beforeClose },
  'session:reschedule-days': { roles: preparers, statuses: beforeClose },
  'day:add': { roles: preparers, statuses: beforeClose },
  'day:update': { roles: preparers, statuses: beforeClose },
  'day:remove': { roles: preparers, statuses: beforeClose },
  'day:open': { roles: chair, statuses: ['noticed', 'in-session'] },
  'day:adjourn': { roles: chair, statuses: live },
  'day:reopen': { roles: chair, statuses: live },
  'attendance:record': { roles: chair, statuses: ['noticed', 'in-session'] },
  'unit:add': { roles: preparers, statuses: beforeClose },
  'agenda:add-item': { roles: preparers, statuses: beforeClose },
  'agenda:update-item': { roles: preparers, statuses: beforeClose },
  'agenda:remove-item': { roles: preparers, statuses: beforeClose },
  'agenda:move-item': { roles: preparers, statuses: beforeClose },
  'agenda:start-item': { roles: chair, statuses: live },
  'agenda:open-floor': { roles: chair, statuses: live },
  'agenda:close-item': { roles: chair, statuses: live },
  'agenda:reopen-item': { roles: chair, statuses: live },
  'agenda:defer-item': { roles: chair, statuses: live },
  'agenda:pause-timer': { roles: chair, statuses: live },
  'agenda:resume-timer': { roles: chair, statuses: live },
  'agenda:extend-time': { roles: chair, statuses: live },
  'floor:raise-hand': { roles: speakers, statuses: live },
  'floor:lower-hand': { roles: speakers, statuses: live },
  'floor:give': { roles: chair, statuses: live },
  'floor:end-speech': { roles: chair, statuses: live },
  'report:submit': { roles: ['chair', 'presenter'], statuses: beforeClose },
  'report:verify': { roles: ['inspector'], statuses: ['noticed', 'in-session'] },
  'criticism:post': { roles: critics, statuses: live },
  'criticism:endorse': { roles: critics, statuses: live },
  'criticism:respond': { roles: ['presenter', 'chair'], statuses: live },
  'criticism:rule': { roles: chair, statuses: live },
  'criticism:hide': { roles: chair, statuses: live },
  // Criticisms exist only once the session sits; after its close the record is final.
  'criticism:unhide': { roles: chair, statuses: live },
  'directive:issue': { roles: chair, statuses: live },
  'directive:acknowledge': { roles: unitActors, statuses: afterIssue },
  'directive:answer': { roles: unitActors, statuses: afterIssue },
  'directive:forward': { roles: unitActors, statuses: afterIssue },
  'directive:review': { roles: chair, statuses: afterIssue },
  'directive:close': { roles: chair, statuses: afterIssue },
  // While preparing too: a carried order goes to this period's inspector before the first day.
  'directive:reassign': { roles: chair, statuses: ['draft', 'noticed', 'in-session', 'closed'] },
  'warning:issue': { roles: chair, statuses: live },
  'warning:waive': { roles: chair, statuses: live },
  'warning:reconsider': { roles: chair, statuses: live },
  'warning:lift': { roles: chair, statuses: live },
  'warning:escalate': { roles: chair, statuses: live },
  'warning:reopen': { roles: chair, statuses: live },
  // Planned before the session opens, or during it as the figures come in.
  'inspection-plan:adopt': { roles: chair, statuses: ['noticed', 'in-session'] },
};

/** Why the table refuses a command, or null when it allows it. */
export function refusal(role: Role, type: CommandType, status: SessionStatus): 'role' | 'status' | null {
  const rule = commandRules[type];
  if (!rule.roles.includes(role)) return 'role';
  if (!rule.statuses.includes(status)) return 'status';
  return null;
}

/** True when `role` may issue `type` (in `status`, when given). */
export function canIssue(role: Role, type: CommandType, status?: SessionStatus): boolean {
  const rule = commandRules[type];
  return rule.roles.includes(role) && (status === undefined || rule.statuses.includes(status));
}

/**
 * Who is online is shown to those who run or prepare the session, and nowhere else: on the
 * chair's console (attendance) and in the invitations list of the preparation view, the chair's
 * and the organisation's administrator's ("joined"). Only they are sent the online list and its
 * changes: in a room of thousands, sending them to everyone cost O(N) per join for a list nobody
 * else displays.
 */
export function seesPresence(role: Role): boolean {
  return role === 'chair' || role === 'administrator';
}

/**
 * Whether a role's connections count as the session's: shown online to the chair and recorded
 * as attending. The organisation's administrator prepares sessions without sitting in them.
 */
export function attendsSession(role: Role): boolean {
  return role !== 'administrator';
}
